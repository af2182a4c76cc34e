import { ChannelId, eenVoteSignBytes } from "@theta/core-types";
import { describe, expect, it } from "vitest";
import {
  createEenAggregatorService,
  createSeededRandom,
  type EenStakeSource,
  eenAggregateMessage,
  eenVoteMessage,
  type InboundMessage,
  type Network,
} from "../../src/index.ts";
import {
  createFakeEenCrypto,
  createVirtualClock,
  fakeEenPublicKey,
  fakeEenSign,
} from "../../src/testing/index.ts";

const crypto = createFakeEenCrypto();
const block = new Uint8Array(32).fill(1);
const addr = (i: number) => new Uint8Array(20).fill(i);
const source: EenStakeSource = {
  eliteEdgeNode: async (_b, a) => ({ stake: 10n, blsPubkey: fakeEenPublicKey(BigInt(a[0]!)), weight: 1 }),
  totalStake: async () => 100n,
};
const voteMsg = (i: number) =>
  eenVoteMessage({
    block,
    height: 101n,
    address: addr(i),
    signature: fakeEenSign(BigInt(i), eenVoteSignBytes(block)),
    timestamp: 0n,
  });

function setup(resendUnchangedEvery?: number, maxQueued?: number) {
  const clock = createVirtualClock();
  const sent: { to: string; channel: number }[] = [];
  let deliver: ((m: InboundMessage) => void) | undefined;
  const network: Network = {
    broadcast: () => {},
    send: (to, channel) => void sent.push({ to, channel }),
    subscribe: (cb) => {
      deliver = cb as (m: InboundMessage) => void;
      return () => {};
    },
    peers: () => ["p1", "p2", "p3"],
  };
  const service = createEenAggregatorService(
    { clock, network, random: createSeededRandom(1n), source, crypto },
    {
      roundLengthMs: 1000,
      fanout: 2,
      ...(resendUnchangedEvery === undefined ? {} : { resendUnchangedEvery }),
      ...(maxQueued === undefined ? {} : { maxQueued }),
    },
  );
  const receive = (from: string, channel: number, payload: Uint8Array) =>
    deliver?.({ from, channel: channel as InboundMessage["channel"], payload });
  return { clock, sent, service, receive };
}

describe("EEN aggregator service", () => {
  it("collects votes, sends its aggregate to `fanout` peers, and repeats an unchanged one every 4th round", async () => {
    const { clock, sent, service, receive } = setup();
    service.startCheckpoint(block, 101n);
    await service.whenIdle();
    receive("e1", ChannelId.EliteEdgeNodeVote, voteMsg(1));
    receive("e2", ChannelId.EliteEdgeNodeVote, voteMsg(2));
    await service.whenIdle();
    expect(service.best()?.addresses.length).toBe(2);
    expect(service.coverage()).toEqual({ stake: 20n, total: 100n });
    clock.advanceTo(1000); // round 1: new aggregate, sent
    expect(sent.length).toBe(2);
    clock.advanceTo(3000); // rounds 2, 3: unchanged, not sent
    expect(sent.length).toBe(2);
    clock.advanceTo(4000);
    expect(sent.length).toBe(2);
    clock.advanceTo(5000); // round 5: unchanged for 4 rounds, sent again
    expect(sent.length).toBe(4);
    expect(sent.every((s) => s.channel === ChannelId.AggregatedEliteEdgeNodeVotes)).toBe(true);
    expect(service.stats().bytesSent).toBeGreaterThan(0);
  });

  it("sends every round with resendUnchangedEvery = 1 (the reference's behaviour)", async () => {
    const { clock, sent, service, receive } = setup(1);
    service.startCheckpoint(block, 101n);
    receive("e1", ChannelId.EliteEdgeNodeVote, voteMsg(1));
    await service.whenIdle();
    clock.advanceTo(5000);
    expect(sent.length).toBe(10);
  });

  it("does not handle a byte-identical aggregate from the same peer twice; validates header aggregates", async () => {
    const { service, receive } = setup();
    service.startCheckpoint(block, 101n);
    const other = setup();
    other.service.startCheckpoint(block, 101n);
    other.receive("e3", ChannelId.EliteEdgeNodeVote, voteMsg(3));
    await other.service.whenIdle();
    const agg = other.service.best()!;
    const forged = { ...agg, signature: fakeEenSign(4n, eenVoteSignBytes(block)) };
    const payload = eenAggregateMessage(forged);
    receive("p1", ChannelId.AggregatedEliteEdgeNodeVotes, payload);
    receive("p1", ChannelId.AggregatedEliteEdgeNodeVotes, payload);
    await service.whenIdle();
    expect(service.stats().aggregatesRejected).toBe(1);
    receive("p2", ChannelId.AggregatedEliteEdgeNodeVotes, payload);
    await service.whenIdle();
    expect(service.stats().aggregatesRejected).toBe(2);
    expect(await service.validate(agg, 101n)).toBe(true);
    expect(await service.validate(forged, 101n)).toBe(false);
    expect(await service.validate({ ...agg, block: new Uint8Array(32).fill(9) }, 101n)).toBe(false);
  });

  it("drops what arrives beyond the queue bound", async () => {
    const { service, receive } = setup(undefined, 3);
    service.startCheckpoint(block, 101n);
    for (let i = 1; i <= 10; i++) receive(`e${i}`, ChannelId.EliteEdgeNodeVote, voteMsg(i));
    await service.whenIdle();
    // the checkpoint start and two votes fit; the other eight are dropped
    expect(service.stats().dropped).toBe(8);
    expect(service.best()?.addresses.length).toBe(2);
  });
});
