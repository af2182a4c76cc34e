import { aggregatedVotesSignBytes, ChannelId } from "@theta/core-types";
import { blsPopProve, blsPublicKey, blsSign } from "@theta/crypto";
import { describe, expect, it } from "vitest";
import { createGuardianService, type GuardianService } from "../../src/guardian/service.ts";
import { aggregateToWire } from "../../src/guardian/wire.ts";
import type { GuardianPoolInfo, InboundMessage, Network, Signer } from "../../src/ports.ts";
import { createVirtualClock, type VirtualClock } from "../../src/testing/virtualClock.ts";
import { decodeConsensusMessage, guardianMessage } from "../../src/validator/wire.ts";
import { agg, block, entries, gcp, honest, otherBlock, otherGcp, outsider, sks } from "./guardianFixture.ts";

/**
 * The guardian service (docs/consensus.md §3.4, §1.7 item 7): it signs a finalized checkpoint when its key is
 * in the pool, gossips its aggregate every round, merges verified aggregates from peers, and validates
 * the aggregates carried in block headers against the pool they name.
 */
const info: GuardianPoolInfo = { gcpHash: gcp, guardians: entries };

interface FakeNet extends Network {
  sent: { channel: number; payload: Uint8Array }[];
  deliver(m: InboundMessage): void;
  subscribers(): number;
}

function fakeNet(): FakeNet {
  const handlers = new Set<(m: InboundMessage) => void>();
  const sent: { channel: number; payload: Uint8Array }[] = [];
  return {
    sent,
    broadcast: (channel, payload) => {
      sent.push({ channel, payload });
    },
    send: () => {},
    subscribe(h) {
      handlers.add(h);
      return () => handlers.delete(h);
    },
    peers: () => [],
    deliver: (m) => {
      for (const h of handlers) h(m);
    },
    subscribers: () => handlers.size,
  };
}

/** A signer holding guardian `i`'s BLS key (or none). */
const signerOf = (i: number | undefined): Signer => ({
  address: () => new Uint8Array(20).fill(0x77),
  signSecp256k1: () => new Uint8Array(65),
  blsPubkey: () => (i === undefined ? undefined : blsPublicKey(sks[i]!).bytes),
  signBls: (msg) => blsSign(sks[i ?? 0]!, msg).bytes,
});
/** A signer whose BLS key is not in the pool. */
const outsiderSigner: Signer = { ...signerOf(undefined), blsPubkey: () => blsPublicKey(outsider).bytes };

/** The aggregated votes of a broadcast guardian message. */
const votesOf = (payload: Uint8Array) => {
  const m = decodeConsensusMessage(ChannelId.Guardian, payload, { theta2Height: 0n, theta3Height: 0n });
  if (m.kind !== "guardian") throw new Error(`expected a guardian message, got ${m.kind}`);
  return m.votes;
};

function started(
  i: number | undefined,
  opts: { roundLengthMs?: number; passThrough?: boolean; maxRounds?: number } = { roundLengthMs: 100 },
): { service: GuardianService; net: FakeNet; clock: VirtualClock } {
  const clock = createVirtualClock();
  const net = fakeNet();
  const service = createGuardianService({ clock, network: net, signer: signerOf(i) }, opts);
  service.startCheckpoint(block, info);
  return { service, net, clock };
}

const peerSends = (
  net: FakeNet,
  votes: Parameters<typeof guardianMessage>[0],
  channel: number = ChannelId.Guardian,
) =>
  net.deliver({
    from: "peer",
    channel: channel as InboundMessage["channel"],
    payload: guardianMessage(votes),
  });

describe("guardian service: signing and gossip", () => {
  it("a guardian signs the checkpoint at its pool index and broadcasts its aggregate every round", () => {
    const { service, net, clock } = started(2);
    expect(service.best()).toEqual(aggregateToWire(block, gcp, honest([2])));
    expect(net.sent).toEqual([]);
    clock.advanceTo(99);
    expect(net.sent).toEqual([]);
    clock.advanceTo(100);
    expect(net.sent).toHaveLength(1);
    expect(net.sent[0]!.channel).toBe(ChannelId.Guardian);
    expect(votesOf(net.sent[0]!.payload).multiplies).toEqual([0, 0, 1, 0]);
    clock.advanceTo(300);
    expect(net.sent).toHaveLength(3);
    service.stop();
    clock.advanceTo(1000);
    expect(net.sent).toHaveLength(3);
    expect(net.subscribers()).toBe(0);
  });

  it("the default round length is 30 s", () => {
    const { net, clock } = started(1, {});
    clock.advanceTo(29_999);
    expect(net.sent).toHaveLength(0);
    clock.advanceTo(30_000);
    expect(net.sent).toHaveLength(1);
  });

  it("a node whose key is not in the pool, or without a key, only relays", () => {
    for (const signer of [signerOf(undefined), outsiderSigner]) {
      const clock = createVirtualClock();
      const net = fakeNet();
      const service = createGuardianService({ clock, network: net, signer }, { roundLengthMs: 10 });
      service.startCheckpoint(block, info);
      expect(service.best()).toBeUndefined();
      expect(service.guardianFinalized()).toBe(false);
      clock.advanceTo(50);
      expect(net.sent).toEqual([]);
      peerSends(net, aggregateToWire(block, gcp, honest([1])));
      expect(service.best()?.multiplies).toEqual([0, 1, 0, 0]);
    }
  });

  it("a new checkpoint restarts the round timer (no double ticking)", () => {
    const { service, net, clock } = started(0);
    clock.advanceTo(50);
    service.startCheckpoint(otherBlock, info);
    // The next round is due a full round after the new checkpoint, not at the old timer.
    expect(clock.nextAt()).toBe(150);
    expect(clock.pending()).toBe(1);
    clock.advanceTo(149);
    expect(net.sent).toHaveLength(0);
    clock.advanceTo(150);
    expect(net.sent).toHaveLength(1);
    expect(votesOf(net.sent[0]!.payload).block).toEqual(otherBlock);
  });
});

describe("guardian service: aggregates from peers", () => {
  it("merges a verified aggregate of the current checkpoint and reaches guardian finality", () => {
    const { service, net } = started(0);
    peerSends(net, aggregateToWire(block, gcp, honest([1, 3])));
    expect(service.best()?.multiplies).toEqual([1, 1, 0, 1]);
    expect(service.guardianFinalized()).toBe(true);
  });

  it("ignores forged aggregates, other checkpoints, other channels and malformed payloads", () => {
    const { service, net } = started(0);
    peerSends(net, aggregateToWire(block, gcp, agg([0, 1, 1, 1], [1])));
    peerSends(net, aggregateToWire(otherBlock, gcp, honest([1, 3])));
    peerSends(net, aggregateToWire(block, otherGcp, honest([1, 3])));
    peerSends(net, aggregateToWire(block, gcp, honest([1, 3])), ChannelId.Vote);
    net.deliver({ from: "peer", channel: ChannelId.Guardian, payload: new Uint8Array([1, 2, 3]) });
    peerSends(net, { ...aggregateToWire(block, gcp, honest([1, 3])), signature: undefined });
    expect(service.best()?.multiplies).toEqual([1, 0, 0, 0]);
    expect(service.guardianFinalized()).toBe(false);
  });

  it("before any checkpoint, aggregates are ignored", () => {
    const clock = createVirtualClock();
    const net = fakeNet();
    const service = createGuardianService(
      { clock, network: net, signer: signerOf(0) },
      { roundLengthMs: 10 },
    );
    peerSends(net, aggregateToWire(block, gcp, honest([1, 3])));
    expect(service.best()).toBeUndefined();
    clock.advanceTo(100);
    expect(net.sent).toEqual([]);
  });

  it("pass-through mode picks the larger aggregate instead of merging", () => {
    const { service, net } = started(undefined, { roundLengthMs: 100, passThrough: true });
    peerSends(net, aggregateToWire(block, gcp, honest([0, 1])));
    peerSends(net, aggregateToWire(block, gcp, honest([3])));
    expect(service.best()?.multiplies).toEqual([1, 1, 0, 0]);
  });

  it("rounds are capped by maxRounds: the broadcast vote freezes", () => {
    const { net, clock } = started(0, { roundLengthMs: 10, maxRounds: 2 });
    clock.advanceTo(10); // round 1 → 2: broadcasts {0}
    peerSends(net, aggregateToWire(block, gcp, honest([1])));
    clock.advanceTo(40);
    expect(net.sent.map((s) => votesOf(s.payload).multiplies)).toEqual([
      [1, 0, 0, 0],
      [1, 0, 0, 0],
      [1, 0, 0, 0],
      [1, 0, 0, 0],
    ]);
  });
});

describe("guardian service: aggregates in block headers", () => {
  const service = (): GuardianService =>
    createGuardianService({ clock: createVirtualClock(), network: fakeNet(), signer: signerOf(undefined) });

  it("accepts the honest aggregate of the checkpoint it names", () => {
    const s = service();
    expect(s.validate(aggregateToWire(block, gcp, honest([0, 1])), info)).toBe(true);
    expect(
      s.validate(
        aggregateToWire(otherBlock, gcp, honest([2], aggregatedVotesSignBytes(otherBlock, gcp))),
        info,
      ),
    ).toBe(true);
  });

  it("rejects forged aggregates, relabelled blocks, another pool and a missing signature", () => {
    const s = service();
    expect(s.validate(aggregateToWire(block, gcp, agg([1, 1, 1, 0], [0, 1])), info)).toBe(false);
    expect(s.validate(aggregateToWire(otherBlock, gcp, honest([0, 1])), info)).toBe(false);
    expect(s.validate(aggregateToWire(block, otherGcp, honest([0, 1])), info)).toBe(false);
    expect(s.validate({ ...aggregateToWire(block, gcp, honest([0, 1])), signature: undefined }, info)).toBe(
      false,
    );
  });

  it("rejects votes naming another pool than the one given, even when they verify for it", () => {
    const s = service();
    const votes = aggregateToWire(
      block,
      otherGcp,
      honest([0, 1, 3], aggregatedVotesSignBytes(block, otherGcp)),
    );
    expect(s.validate(votes, { gcpHash: otherGcp, guardians: entries })).toBe(true);
    expect(s.validate(votes, info)).toBe(false);
  });

  it("stopping before any checkpoint is harmless", () => {
    const clock = createVirtualClock();
    const net = fakeNet();
    const s = createGuardianService({ clock, network: net, signer: signerOf(0) }, { roundLengthMs: 10 });
    expect(() => s.stop()).not.toThrow();
    expect(net.subscribers()).toBe(0);
  });

  it("rejects votes for a pool whose keys do not decode, and reuses a pool already checked", () => {
    const s = service();
    const broken: GuardianPoolInfo = {
      gcpHash: otherGcp,
      guardians: entries.map((e) => ({ ...e, blsPop: blsPopProve(sks[3]!).bytes })),
    };
    const votes = aggregateToWire(block, otherGcp, honest([3]));
    expect(s.validate(votes, broken)).toBe(false);
    expect(s.validate(aggregateToWire(block, gcp, honest([1])), info)).toBe(true);
    // Same pool hash, entries now unusable: the pool checked before is used.
    expect(
      s.validate(aggregateToWire(block, gcp, honest([1])), { gcpHash: gcp, guardians: broken.guardians }),
    ).toBe(true);
  });
});
