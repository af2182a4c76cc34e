import { bytesToHex, ChannelId, type EenVote, eenVoteSignBytes } from "@theta/core-types";
import { describe, expect, it } from "vitest";
import {
  createEenEngine,
  createEenVoter,
  decodeEenMessage,
  EenRejection,
  type EenStakeSource,
  openEenCheckpoint,
} from "../../src/index.ts";
import {
  createFakeEenCrypto,
  createFakeEenSigner,
  createVirtualClock,
  fakeEenPublicKey,
  fakeEenSign,
} from "../../src/testing/index.ts";

const crypto = createFakeEenCrypto();
const block = new Uint8Array(32).fill(1);
const other = new Uint8Array(32).fill(2);
const addr = (i: number) => new Uint8Array(20).fill(i);
const sk = (i: number) => BigInt(1000 + i);
// Edge nodes 1..5 staked; 5 is not sampled (weight 0); 9 has no record.
const source: EenStakeSource = {
  async eliteEdgeNode(_b, a) {
    const i = a[0] as number;
    return i >= 1 && i <= 5
      ? { stake: 10n, blsPubkey: fakeEenPublicKey(sk(i)), weight: i === 5 ? 0 : 1 }
      : undefined;
  },
  totalStake: async () => 50n,
};
const vote = (i: number, b = block, signed = block): EenVote => ({
  block: b,
  height: 101n,
  address: addr(i),
  signature: fakeEenSign(sk(i), eenVoteSignBytes(signed)),
  timestamp: 0n,
});
const started = async (maxRounds?: number) => {
  const engine = createEenEngine(crypto, maxRounds === undefined ? {} : { maxRounds });
  engine.start(await openEenCheckpoint(block, 101n, { source, crypto, keys: new Map() }));
  return engine;
};

describe("EEN aggregation engine", () => {
  it("takes the first valid vote of each sampled edge node and rejects the rest with stable codes", async () => {
    const idle = createEenEngine(crypto);
    expect(await idle.receiveVote(vote(1))).toEqual({ ok: false, code: EenRejection.NoCheckpoint });
    const e = await started();
    expect(await e.receiveVote(vote(1))).toEqual({ ok: true, kind: "adopted" });
    expect(await e.receiveVote(vote(2))).toEqual({ ok: true, kind: "merged" });
    expect(await e.receiveVote(vote(1))).toEqual({ ok: false, code: EenRejection.Duplicate });
    expect(await e.receiveVote(vote(3, other, other))).toEqual({
      ok: false,
      code: EenRejection.WrongCheckpoint,
    });
    expect(await e.receiveVote(vote(3, block, other))).toEqual({
      ok: false,
      code: EenRejection.BadSignature,
    });
    expect(await e.receiveVote({ ...vote(3), signature: undefined })).toEqual({
      ok: false,
      code: EenRejection.BadSignature,
    });
    expect(await e.receiveVote(vote(5))).toEqual({ ok: false, code: EenRejection.NotSampled });
    expect(await e.receiveVote(vote(9))).toEqual({ ok: false, code: EenRejection.NotSampled });
    // A bad signature does not mark the edge node as counted: its real vote still gets in.
    expect(await e.receiveVote(vote(3))).toEqual({ ok: true, kind: "merged" });
    expect(e.best()?.addresses.map((a) => a[0])).toEqual([1, 2, 3]);
    expect(e.stats()).toMatchObject({ votesAccepted: 3, votesRejected: 6, seenVotes: 3 });
  });

  it("merges aggregates that add an edge node, ignores subsets without verifying them", async () => {
    const a = await started();
    const b = await started();
    await a.receiveVote(vote(1));
    await a.receiveVote(vote(2));
    await b.receiveVote(vote(2));
    await b.receiveVote(vote(3));
    const fromB = b.best()!;
    expect(await a.receiveAggregate(block, fromB)).toEqual({ ok: true, kind: "merged" });
    expect(a.best()?.multiplies).toEqual([1, 2, 1]);
    expect(await a.receiveAggregate(block, fromB)).toEqual({ ok: false, code: EenRejection.NoNewSigner });
    expect(await a.receiveAggregate(other, fromB)).toEqual({ ok: false, code: EenRejection.WrongCheckpoint });
    // A forged aggregate naming a new edge node with someone else's signature is refused.
    const c = await started();
    await c.receiveVote(vote(4));
    const forged = { ...c.best()!, signature: fromB.signature };
    expect(await a.receiveAggregate(block, forged)).toEqual({ ok: false, code: EenRejection.BadSignature });
  });

  it("moves currVote to the best aggregate once per round and freezes it after maxRounds", async () => {
    const e = await started(2);
    await e.receiveVote(vote(1));
    expect(e.tick()?.addresses.length).toBe(1);
    await e.receiveVote(vote(2));
    expect(e.tick()?.addresses.length).toBe(2);
    await e.receiveVote(vote(3));
    expect(e.tick()?.addresses.length).toBe(2); // frozen at round 2
    expect(e.best()?.addresses.length).toBe(3);
    expect(e.round()).toBe(2);
  });

  it("prepares a checkpoint's message (hash-to-G2) only when the first signature is checked", async () => {
    let prepared = 0;
    const counting = {
      ...crypto,
      prepare: (m: Uint8Array) => {
        prepared++;
        return crypto.prepare(m);
      },
    };
    const e = createEenEngine(counting);
    e.start(await openEenCheckpoint(block, 101n, { source, crypto: counting, keys: new Map() }));
    expect(prepared).toBe(0); // a checkpoint no edge node votes on costs no hashing
    expect(await e.receiveVote(vote(1))).toEqual({ ok: true, kind: "adopted" });
    expect(await e.receiveVote(vote(2))).toEqual({ ok: true, kind: "merged" });
    expect(prepared).toBe(1);
  });

  it("the voter signs the finalized checkpoint and repeats its vote on channel 12", () => {
    const clock = createVirtualClock();
    const sent: Uint8Array[] = [];
    const network = {
      broadcast: (ch: number, p: Uint8Array) => (ch === ChannelId.EliteEdgeNodeVote ? sent.push(p) : 0),
      send: () => {},
      subscribe: () => () => {},
      peers: () => [],
    };
    const voter = createEenVoter(
      { clock, network, signer: createFakeEenSigner(addr(1), sk(1)) },
      { resendMs: 1000, resends: 2 },
    );
    const v = voter.checkpointFinalized(block, 101n);
    clock.advanceTo(10_000);
    expect(sent.length).toBe(3);
    const m = decodeEenMessage(ChannelId.EliteEdgeNodeVote, sent[0]!);
    expect(m.kind === "eenVote" && bytesToHex(m.vote.address)).toBe(bytesToHex(addr(1)));
    expect(v.signature).toEqual(fakeEenSign(sk(1), eenVoteSignBytes(block)));
    expect(() =>
      createEenVoter({
        clock,
        network,
        signer: { ...createFakeEenSigner(addr(1), 1n), blsPubkey: () => undefined },
      }),
    ).toThrow(/BLS key/);
  });
});
