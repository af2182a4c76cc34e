import { describe, expect, it } from "vitest";
import type { Network, PeerId } from "../../src/ports.ts";
import { SyncErrorCode } from "../../src/sync/errors.ts";
import { SYNC_MAX_STRIKES, SYNC_PENALTY_MS, SYNC_TIMEOUT_REST_MS } from "../../src/sync/limits.ts";
import { createSyncPeers } from "../../src/sync/peers.ts";

/**
 * The sync peer set's verdicts (docs/consensus.md §5.3): bad data penalises at once and tells the
 * network; timeouts strike, and a peer struck out by timeouts rests out of the set, still connected,
 * unless it is the last usable peer.
 */
function world(connected: PeerId[]) {
  let t = 1_000;
  const told: string[] = [];
  const network = {
    peers: () => connected,
    penalise: (peer: PeerId) => told.push(peer),
  } as unknown as Network;
  const peers = createSyncPeers(network, () => t);
  const strikeOut = (peer: PeerId, code: SyncErrorCode): void => {
    for (let i = 0; i < SYNC_MAX_STRIKES; i++) peers.strike(peer, code, "late");
  };
  return { peers, told, strikeOut, advance: (ms: number) => (t += ms) };
}

describe("sync peer verdicts", () => {
  it("a malformed message penalises at once, for the penalty time, and the network is told", () => {
    const w = world(["a", "b"]);
    w.peers.penalise("a", SyncErrorCode.Malformed, "junk");
    expect(w.peers.usable()).toEqual(["b"]);
    expect(w.told).toEqual(["a"]);
    w.advance(SYNC_PENALTY_MS - 1);
    expect(w.peers.isPenalised("a")).toBe(true);
    w.advance(1);
    expect(w.peers.isPenalised("a")).toBe(false);
  });

  it("strikes below the limit change nothing", () => {
    const w = world(["a", "b"]);
    for (let i = 0; i < SYNC_MAX_STRIKES - 1; i++) w.peers.strike("a", SyncErrorCode.Timeout, "late");
    expect(w.peers.usable()).toEqual(["a", "b"]);
    expect(w.peers.penalties()).toEqual([]);
  });

  it("headers linking to nothing, struck out, penalise like bad data", () => {
    const w = world(["a", "b"]);
    w.strikeOut("a", SyncErrorCode.WrongChain);
    expect(w.peers.usable()).toEqual(["b"]);
    expect(w.told).toEqual(["a"]);
    w.advance(SYNC_TIMEOUT_REST_MS);
    expect(w.peers.isPenalised("a")).toBe(true);
  });

  it("a peer struck out by timeouts rests out of the set, still connected, and comes back", () => {
    const w = world(["a", "b"]);
    w.peers.saw("a", 500n);
    w.peers.saw("b", 400n);
    w.strikeOut("a", SyncErrorCode.Timeout);
    expect(w.peers.usable()).toEqual(["b"]);
    expect(w.peers.bestHeight()).toBe(400n);
    expect(w.told).toEqual([]);
    expect(w.peers.penalties().map((p) => [p.peer, p.code])).toEqual([["a", SyncErrorCode.Timeout]]);
    w.advance(SYNC_TIMEOUT_REST_MS - 1);
    expect(w.peers.isPenalised("a")).toBe(true);
    w.advance(1);
    expect(w.peers.usable()).toEqual(["a", "b"]);
  });

  it("the last usable peer is never rested for timeouts: its strikes start again", () => {
    const w = world(["a"]);
    w.strikeOut("a", SyncErrorCode.Timeout);
    expect(w.peers.usable()).toEqual(["a"]);
    expect(w.peers.penalties()).toEqual([]);
    // Its strikes were reset: two more are still below the limit.
    for (let i = 0; i < SYNC_MAX_STRIKES - 1; i++) w.peers.strike("a", SyncErrorCode.Timeout, "late");
    expect(w.peers.usable()).toEqual(["a"]);
    expect(w.told).toEqual([]);
  });
});
