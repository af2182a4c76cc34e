import type { EngineStatus, InboundMessage, Network } from "@theta/consensus";
import { voteMessage } from "@theta/consensus";
import { createVirtualClock } from "@theta/consensus/testing";
import { ChannelId, privatenet, type Vote } from "@theta/core-types";
import { Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { createStallWatch } from "../../src/compose/stallWatch.ts";
import { createVisibleState } from "../../src/compose/visibleState.ts";
import { createVoteObserver } from "../../src/compose/voteObserver.ts";

const addr = (b: number): Uint8Array => new Uint8Array(20).fill(b);
const vote = (id: number, height: bigint, epoch: bigint, block = 7): Vote => ({
  block: new Uint8Array(32).fill(block),
  height,
  epoch,
  id: addr(id),
  signature: undefined,
});
const set = [
  { address: addr(0xab), stake: 100n },
  { address: addr(0xcd), stake: 100n },
  { address: addr(0xef), stake: 200n },
];

function status(height: bigint, finalized: bigint, extra: Partial<EngineStatus> = {}): EngineStatus {
  return {
    epoch: height + 1n,
    height,
    tipHash: new Uint8Array(32),
    highestCommittedHeight: height,
    lastFinalizedHeight: finalized,
    lastFinalizedHash: new Uint8Array(32),
    isValidator: true,
    highestSeenHeight: height,
    ...extra,
  };
}

describe("stall warning", () => {
  it("warns after the stall period, names the missing validators, repeats at a bounded rate", async () => {
    const clock = createVirtualClock(1_000_000);
    let s = status(120n, 119n);
    const warnings: string[] = [];
    const watch = createStallWatch(
      {
        now: () => clock.now(),
        status: () => s,
        validators: async () => set,
        votersAt: (h) => (h === 120n ? [addr(0xef)] : []),
        warn: (_f, m) => warnings.push(m),
      },
      { stallMs: 30_000, repeatMs: 30_000 },
    );
    for (let t = 0; t <= 29; t++) {
      clock.advanceTo(1_000_000 + t * 1000);
      await watch.check();
    }
    expect(warnings).toEqual([]);
    clock.advanceTo(1_030_000);
    await watch.check();
    expect(warnings).toEqual([
      "no block finalized for 30 s at height 120 epoch 121: missing votes from 0xabababab…(25.00%), 0xcdcdcdcd…(25.00%): 50.00% of the stake",
    ]);
    // Checked every second for another 59 s: one more warning (at 60 s), not one per check.
    for (let t = 31; t <= 89; t++) {
      clock.advanceTo(1_000_000 + t * 1000);
      await watch.check();
    }
    expect(warnings.length).toBe(2);
    expect(warnings[1]).toContain("no block finalized for 60 s");
    // A finalized block resets it.
    s = status(121n, 120n);
    clock.advanceTo(1_095_000);
    await watch.check();
    clock.advanceTo(1_110_000);
    await watch.check();
    expect(warnings.length).toBe(2);
  });
});

describe("vote observer", () => {
  it("counts votes broadcast and received through the wrapped port, by height and epoch", () => {
    const sent: number[] = [];
    let deliver: (m: InboundMessage) => void = () => undefined;
    const inner: Network = {
      broadcast: (channel) => void sent.push(channel),
      send: () => undefined,
      subscribe: (cb) => {
        deliver = cb;
        return () => undefined;
      },
      peers: () => ["a", "b"],
    };
    const obs = createVoteObserver(privatenet.headerForks);
    const net = obs.wrap(inner);
    const got: InboundMessage[] = [];
    net.subscribe((m) => got.push(m));
    net.broadcast(ChannelId.Vote, voteMessage(vote(1, 10n, 11n)));
    deliver({ from: "a", channel: ChannelId.Vote, payload: voteMessage(vote(2, 10n, 11n)) });
    deliver({ from: "b", channel: ChannelId.Vote, payload: voteMessage(vote(2, 10n, 11n)) }); // duplicate
    deliver({ from: "b", channel: ChannelId.Vote, payload: voteMessage(vote(3, 11n, 12n)) });
    deliver({ from: "b", channel: ChannelId.Vote, payload: new Uint8Array([1, 2, 3]) }); // malformed
    expect(sent).toEqual([ChannelId.Vote]);
    expect(got.length).toBe(4); // everything still reaches the engine
    expect(obs.votersAt(10n).map((a) => a[0])).toEqual([1, 2]);
    expect(obs.votesInEpoch(11n)).toBe(2);
    expect(obs.votesInEpoch(12n)).toBe(1);
    expect(obs.votersAt(99n)).toEqual([]);
  });
  it("keeps a bounded window of heights", () => {
    const obs = createVoteObserver(privatenet.headerForks, { keepHeights: 4, keepEpochs: 4 });
    for (let h = 1n; h <= 10n; h++) obs.saw(vote(1, h, h));
    expect(obs.votersAt(6n)).toEqual([]);
    expect(obs.votersAt(7n).length).toBe(1);
    expect(obs.votesInEpoch(6n)).toBe(0);
    expect(obs.votesInEpoch(10n)).toBe(1);
  });
});

describe("chain gauges", () => {
  it("the registry serves epoch, peers, sync target, blocks behind and votes of the current epoch", async () => {
    const registry = new Registry();
    const votes = createVoteObserver(privatenet.headerForks);
    for (const id of [1, 2, 3]) votes.saw(vote(id, 40n, 41n));
    votes.saw(vote(1, 39n, 40n));
    const clock = createVirtualClock(0);
    const visible = createVisibleState(
      {
        clock,
        metrics: { registry },
        log: { warn: () => undefined, error: () => undefined } as never,
        engine: { status: () => status(40n, 39n, { epoch: 41n, highestSeenHeight: 52n }) },
        executor: { validatorsFor: async () => set },
        network: { peers: () => ["a", "b", "c"] },
        votes,
      },
      { blockIntervalMs: 1000, stallWarningBlocks: 5 },
    );
    visible.start();
    clock.advanceTo(1000); // one tick on the node's clock
    await new Promise((r) => setImmediate(r));
    visible.stop();
    const text = await registry.metrics();
    const value = (name: string): string | undefined =>
      text
        .split("\n")
        .find((l) => l.startsWith(`${name} `))
        ?.split(" ")[1];
    expect(value("theta_epoch")).toBe("41");
    expect(value("theta_peers")).toBe("3");
    expect(value("theta_sync_target_height")).toBe("52");
    expect(value("theta_blocks_behind")).toBe("12");
    expect(value("theta_votes_received")).toBe("3");
  });
});
