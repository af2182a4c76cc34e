import { describe, expect, it } from "vitest";
import { SYNC_BATCH, SYNC_WINDOW, SyncErrorCode } from "../../src/index.ts";
import { type Behaviour, buildChain, follower, serve, world } from "./world.ts";

/** Per-test timeout: the machine running the tests may be heavily loaded. */
const T = 300_000;
const FAST = { requestTimeoutMs: 500, inventoryPeriodMs: 1000, tickMs: 50 };

/** A follower at genesis, honest servers of `n` blocks and the given misbehaving ones. */
function setup(n: number, honest: number, others: Behaviour[] = [], opts: object = {}) {
  const w = world(7);
  const chain = buildChain(w.genesis, n);
  const servers = [];
  for (let i = 0; i < honest; i++)
    servers.push(serve(w.net.port(`honest${i}`), chain, "honest", FAST, w.clock));
  for (const [i, b] of others.entries()) {
    const c = b === "wrongChain" ? buildChain(w.genesis, n, { chainId: "other", mark: 9 }) : chain;
    servers.push(serve(w.net.port(`${b}${i}`), c, b, FAST, w.clock));
  }
  const f = follower(w.net.port("follower"), w.genesis, w.clock, { ...FAST, ...opts });
  return { ...w, chain, servers, f };
}

describe("header-first sync", async () => {
  it(
    "reaches the tip of a long chain, never holding more than the window, requests spread over peers",
    async () => {
      const { f, servers } = setup(600, 3);
      await f.runUntil(600n, 600_000);
      expect(f.tip()).toBe(600n);
      expect(f.peaks().held).toBeLessThanOrEqual(SYNC_WINDOW);
      expect(f.peaks().held).toBeGreaterThan(SYNC_BATCH); // several batches in flight at once
      expect(f.peaks().parked).toBeLessThanOrEqual(SYNC_WINDOW);
      const asked = servers.map((s) => s.requests.length);
      expect(asked.filter((n) => n > 0).length).toBe(3);
      expect(Math.max(...servers.flatMap((s) => s.requests))).toBeLessThanOrEqual(SYNC_BATCH);
      expect(f.sync.penalties()).toEqual([]);
      expect(f.sync.state().syncing).toBe(false);
    },
    T,
  );

  it(
    "asks for the next blocks as soon as answers and applied blocks come in, not on its tick",
    async () => {
      // One tick in the whole run: every inventory round and DataRequest after the first is event-driven
      // (a small window, so the queue fills up and only applied blocks make room for the next ones).
      const { f, servers } = setup(600, 1, [], { tickMs: 10_000_000, window: 64 });
      await f.runUntil(600n, 60_000);
      expect(f.tip()).toBe(600n);
      expect(f.peaks().held).toBeLessThanOrEqual(64);
      // Batches, not one DataRequest per applied block: a part batch waits while the peer has a batch to send.
      const partial = servers[0]!.requests.filter((n) => n < SYNC_BATCH).length;
      expect(partial).toBeLessThanOrEqual(600 / SYNC_BATCH / 4);
      expect(f.sync.penalties()).toEqual([]);
    },
    T,
  );

  it(
    "honours a smaller window",
    async () => {
      const { f } = setup(400, 2, [], { window: 32 });
      await f.runUntil(400n, 600_000);
      expect(f.tip()).toBe(400n);
      expect(f.peaks().held).toBeLessThanOrEqual(32);
    },
    T,
  );

  it(
    "reports syncing with its target while behind, and leaves the gap to the backward fetch meanwhile",
    async () => {
      const { f } = setup(300, 1);
      await f.runUntil(50n, 600_000);
      const s = f.sync.state();
      expect(s.syncing).toBe(true);
      expect(s.targetHeight).toBe(300n);
      expect(s.currentHeight).toBeGreaterThanOrEqual(50n);
      expect(f.sync.backwardFetchAllowed()).toBe(false);
      await f.runUntil(300n, 600_000);
      expect(f.sync.state()).toMatchObject({ syncing: false, currentHeight: 300n, targetHeight: 300n });
      expect(f.sync.backwardFetchAllowed()).toBe(true);
    },
    T,
  );

  it(
    "asks nothing within the short gap",
    async () => {
      const { f, servers } = setup(3, 1);
      await f.runUntil(3n, 5_000);
      await f.runUntil(1000n, 5_000);
      expect(servers[0]!.requests.length).toBe(0);
      expect(f.tip()).toBe(0n);
      expect(f.sync.backwardFetchAllowed()).toBe(true);
      expect(f.sync.state().targetHeight).toBe(3n);
    },
    T,
  );

  it(
    "re-asks another peer when one never sends blocks, and drops that one",
    async () => {
      const { f } = setup(300, 2, ["silentData"], { window: 32 });
      await f.runUntil(300n, 600_000);
      expect(f.tip()).toBe(300n);
      const p = f.sync.penalties();
      expect(p.map((x) => x.peer)).toEqual(["silentData0"]);
      expect(p[0]!.code).toBe(SyncErrorCode.Timeout);
    },
    T,
  );

  it(
    "penalises malformed, oversized and wrong-chain answers and keeps syncing from the honest peers",
    async () => {
      const { f } = setup(300, 2, ["malformedHeaders", "oversizedInventory", "wrongChain"]);
      await f.runUntil(300n, 600_000);
      expect(f.tip()).toBe(300n);
      const byPeer = new Map(f.sync.penalties().map((x) => [x.peer, x.code]));
      expect(byPeer.get("malformedHeaders0")).toBe(SyncErrorCode.Malformed);
      expect(byPeer.get("oversizedInventory1")).toBe(SyncErrorCode.Oversized);
      expect(byPeer.get("wrongChain2")).toBe(SyncErrorCode.WrongChain);
      expect(byPeer.has("honest0") || byPeer.has("honest1")).toBe(false);
    },
    T,
  );

  it(
    "stops counting a peer that claims a height it does not lead to",
    async () => {
      const { f } = setup(200, 1, ["overclaim"]);
      await f.runUntil(200n, 600_000);
      expect(f.tip()).toBe(200n);
      await f.runUntil(10_000n, 20_000);
      const p = f.sync.penalties();
      expect(p.map((x) => [x.peer, x.code])).toEqual([["overclaim0", SyncErrorCode.WrongChain]]);
      expect(f.sync.state()).toMatchObject({ syncing: false, targetHeight: 200n });
    },
    T,
  );

  it(
    "penalises the peer whose block the engine finds invalid and takes the chain of the others",
    async () => {
      const w = world(3);
      const good = buildChain(w.genesis, 300);
      const bad = buildChain(w.genesis, 300, { mark: 0xbd });
      // The bad peer is the only one at first, so its chain is queued and its blocks reach the engine.
      serve(w.net.port("bad"), bad, "honest", FAST, w.clock);
      const f = follower(w.net.port("follower"), w.genesis, w.clock, {
        ...FAST,
        invalid: (b) => b.header.proposer[0] === 0xbd,
      });
      await f.runUntil(300n, 3_000);
      serve(w.net.port("good"), good, "honest", FAST, w.clock);
      await f.runUntil(300n, 600_000);
      expect(f.tip()).toBe(300n);
      const p = f.sync.penalties();
      expect(p.map((x) => [x.peer, x.code])).toEqual([["bad", SyncErrorCode.InvalidBlock]]);
    },
    T,
  );

  it(
    "in backward mode sends no header-first requests",
    async () => {
      const { f, servers } = setup(100, 1, [], { mode: "backward", seen: 100n });
      await f.runUntil(1000n, 20_000);
      expect(servers[0]!.requests.length).toBe(0);
      expect(f.sync.sent().inventoryRequests).toBe(0);
      expect(f.sync.state().syncing).toBe(true);
      expect(f.sync.backwardFetchAllowed()).toBe(true);
    },
    T,
  );
});
