import { ALL_FORKS_AT_GENESIS, ChannelId, isThetaError, type Vote } from "@theta/core-types";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { blockRequestMessage, decodeConsensusMessage, voteMessage } from "../src/index.ts";

const forks = ALL_FORKS_AT_GENESIS;
const bytes = (n: number) => fc.uint8Array({ minLength: n, maxLength: n });
const voteArb: fc.Arbitrary<Vote> = fc.record({
  block: bytes(32),
  height: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
  epoch: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
  id: bytes(20),
  signature: fc.option(bytes(65), { nil: undefined }),
});

describe("consensus messages on the wire", () => {
  it("votes and block requests round-trip through the sync envelope", () => {
    fc.assert(
      fc.property(voteArb, fc.array(bytes(32), { maxLength: 4 }), (v, hashes) => {
        const m = decodeConsensusMessage(ChannelId.Vote, voteMessage(v), forks);
        expect(m).toEqual({ kind: "vote", vote: v });
        const r = decodeConsensusMessage(ChannelId.Block, blockRequestMessage(hashes), forks);
        expect(r).toEqual({ kind: "blockRequest", hashes });
      }),
    );
  });

  it("a message on the wrong channel is rejected with a ThetaError", () => {
    const v: Vote = {
      block: new Uint8Array(32),
      height: 1n,
      epoch: 1n,
      id: new Uint8Array(20),
      signature: undefined,
    };
    expect(() => decodeConsensusMessage(ChannelId.Proposal, voteMessage(v), forks)).toThrow(/channel_id/);
  });

  it("random bytes on any channel either decode or throw a ThetaError", () => {
    const channels = [ChannelId.Proposal, ChannelId.Vote, ChannelId.Block, ChannelId.Guardian];
    fc.assert(
      fc.property(fc.constantFrom(...channels), fc.uint8Array({ maxLength: 300 }), (ch, raw) => {
        try {
          decodeConsensusMessage(ch, raw, forks);
        } catch (e) {
          expect(isThetaError(e)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("mutated valid messages either decode or throw a ThetaError", () => {
    fc.assert(
      fc.property(voteArb, fc.nat(200), fc.nat(255), (v, at, b) => {
        const raw = voteMessage(v).slice();
        raw[at % raw.length] = b;
        try {
          decodeConsensusMessage(ChannelId.Vote, raw, forks);
        } catch (e) {
          expect(isThetaError(e)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
