import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type AggregatedEenVotes,
  type AggregatedVotes,
  type Block,
  type BlockHeader,
  type BlockStatus,
  bytesToHex,
  createVoteSet,
  decodeAggregatedEenVotes,
  decodeAggregatedVotes,
  decodeBlock,
  decodeCommitCertificate,
  decodeEenVote,
  decodeExtendedBlock,
  decodeHeader,
  decodeProposal,
  decodeVote,
  decodeVoteSet,
  encodeAggregatedEenVotes,
  encodeAggregatedVotes,
  encodeBlock,
  encodeCommitCertificate,
  encodeEenVote,
  encodeExtendedBlock,
  encodeHeader,
  encodeProposal,
  encodeVote,
  encodeVoteSet,
  filterByValidators,
  isThetaError,
  mergeVoteSets,
  uniqueVoter,
  uniqueVoterAndBlock,
  type Vote,
} from "../src/index.ts";

const forks = { theta2Height: 5n, theta3Height: 10n };
const bytes = (n: number) => fc.uint8Array({ minLength: n, maxLength: n });
const hash = bytes(32);
const address = bytes(20);
const u64 = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n });
const secpSig = fc.option(fc.uint8Array({ minLength: 1, maxLength: 70 }), { nil: undefined });
const blsSig = fc.option(bytes(96), { nil: undefined });
const multiplies = fc.array(fc.integer({ min: 0, max: 2 ** 32 - 1 }), { maxLength: 5 });

const vote: fc.Arbitrary<Vote> = fc.record({
  block: hash,
  height: u64,
  epoch: u64,
  id: address,
  signature: secpSig,
});
const aggregatedVotes: fc.Arbitrary<AggregatedVotes> = fc.record({
  block: hash,
  gcp: hash,
  multiplies,
  signature: blsSig,
});
const aggregatedEenVotes: fc.Arbitrary<AggregatedEenVotes> = fc.record({
  block: hash,
  multiplies,
  addresses: fc.array(address, { maxLength: 4 }),
  signature: blsSig,
});
const header: fc.Arbitrary<BlockHeader> = fc
  .record({
    chainId: fc.string({ unit: "grapheme", maxLength: 12 }),
    epoch: u64,
    height: fc.oneof(fc.bigInt({ min: 0n, max: 12n }), u64),
    parent: hash,
    hcc: fc.record({ votes: fc.array(vote, { maxLength: 3 }).map(createVoteSet), blockHash: hash }),
    guardianVotes: fc.option(aggregatedVotes, { nil: undefined }),
    eliteEdgeNodeVotes: fc.option(aggregatedEenVotes, { nil: undefined }),
    txHash: hash,
    receiptHash: hash,
    bloom: bytes(256),
    stateHash: hash,
    timestamp: fc.bigInt({ min: 0n, max: 2n ** 80n }),
    proposer: address,
    signature: secpSig,
  })
  .map((h) => ({
    ...h,
    guardianVotes: h.height >= forks.theta2Height ? h.guardianVotes : undefined,
    eliteEdgeNodeVotes: h.height >= forks.theta3Height ? h.eliteEdgeNodeVotes : undefined,
  }));
const block: fc.Arbitrary<Block> = fc.record({
  header,
  txs: fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 3 }),
});

describe("round trips", () => {
  it("vote", () =>
    fc.assert(
      fc.property(vote, (v) => {
        expect(decodeVote(encodeVote(v))).toEqual(v);
      }),
    ));
  it("aggregated votes", () =>
    fc.assert(
      fc.property(aggregatedVotes, (v) => {
        expect(decodeAggregatedVotes(encodeAggregatedVotes(v))).toEqual(v);
      }),
    ));
  it("aggregated EEN votes", () =>
    fc.assert(
      fc.property(aggregatedEenVotes, (v) => {
        expect(decodeAggregatedEenVotes(encodeAggregatedEenVotes(v))).toEqual(v);
      }),
    ));
  it("EEN vote", () =>
    fc.assert(
      fc.property(
        fc.record({ block: hash, height: u64, address, signature: blsSig, timestamp: u64 }),
        (v) => {
          expect(decodeEenVote(encodeEenVote(v))).toEqual(v);
        },
      ),
    ));
  it("vote set and CC", () =>
    fc.assert(
      fc.property(fc.array(vote, { maxLength: 6 }), hash, (votes, blockHash) => {
        const set = createVoteSet(votes);
        expect(decodeVoteSet(encodeVoteSet(votes))).toEqual(set);
        expect(decodeCommitCertificate(encodeCommitCertificate({ votes, blockHash }))).toEqual({
          votes: set,
          blockHash,
        });
      }),
    ));
  it("header", () =>
    fc.assert(
      fc.property(header, (h) => {
        expect(decodeHeader(encodeHeader(h, forks), forks)).toEqual(h);
      }),
      { numRuns: 300 },
    ));
  it("block, proposal, extended block", () =>
    fc.assert(
      fc.property(
        block,
        fc.boolean(),
        address,
        fc.integer({ min: 0, max: 7 }),
        (b, withBlock, id, status) => {
          expect(decodeBlock(encodeBlock(b, forks), forks)).toEqual(b);
          const p = {
            block: withBlock ? b : undefined,
            proposerId: id,
            votes: createVoteSet(b.header.hcc.votes),
          };
          expect(decodeProposal(encodeProposal(p, forks), forks)).toEqual(p);
          const e = {
            block: b,
            children: [b.header.parent],
            status: status as BlockStatus,
            hasValidatorUpdate: withBlock,
          };
          expect(decodeExtendedBlock(encodeExtendedBlock(e, forks), forks)).toEqual(e);
        },
      ),
      { numRuns: 200 },
    ));
});

describe("vote-set helpers match a naive model", () => {
  const small = fc.record({
    block: fc.constantFrom(new Uint8Array(32), new Uint8Array(32).fill(1)),
    height: fc.constant(1n),
    epoch: fc.bigInt({ min: 0n, max: 4n }),
    id: fc.constantFrom(new Uint8Array(20).fill(3), new Uint8Array(20).fill(2), new Uint8Array(20)),
    signature: fc.constant(undefined),
  });
  const key = (v: Vote) => `${bytesToHex(v.id)}:${bytesToHex(v.block)}:${v.epoch}`;

  it("createVoteSet sorts by voter and dedupes (voter, block, epoch)", () =>
    fc.assert(
      fc.property(fc.array(small, { maxLength: 12 }), (votes) => {
        const set = createVoteSet(votes);
        expect(new Set(set.map(key)).size).toBe(set.length);
        expect(new Set(set.map(key))).toEqual(new Set(votes.map(key)));
        for (let i = 1; i < set.length; i++)
          expect(bytesToHex(set[i - 1]!.id) <= bytesToHex(set[i]!.id)).toBe(true);
        expect(mergeVoteSets(set, set)).toEqual(set);
      }),
    ));

  it("uniqueVoter / uniqueVoterAndBlock keep the highest epoch per group", () =>
    fc.assert(
      fc.property(fc.array(small, { maxLength: 12 }), (votes) => {
        const set = createVoteSet(votes);
        for (const [fn, group] of [
          [uniqueVoter, (v: Vote) => bytesToHex(v.id)],
          [uniqueVoterAndBlock, (v: Vote) => `${bytesToHex(v.id)}:${bytesToHex(v.block)}`],
        ] as const) {
          const out = fn(set);
          const groups = new Set(set.map(group));
          expect(out.length).toBe(groups.size);
          for (const v of out) {
            let max = 0n;
            for (const w of set) if (group(w) === group(v) && w.epoch > max) max = w.epoch;
            expect(v.epoch).toBe(max);
          }
        }
      }),
    ));

  it("filterByValidators keeps exactly the validators' votes", () =>
    fc.assert(
      fc.property(fc.array(small, { maxLength: 12 }), (votes) => {
        const validators = [new Uint8Array(20).fill(2)];
        const out = filterByValidators(createVoteSet(votes), validators);
        expect(out.every((v) => v.id[0] === 2)).toBe(true);
        expect(out.length).toBe(createVoteSet(votes).filter((v) => v.id[0] === 2).length);
      }),
    ));
});

describe("decoders on random and mutated bytes: decode or throw a ThetaError", () => {
  const decoders: [string, (b: Uint8Array) => unknown][] = [
    ["header", (b) => decodeHeader(b, forks)],
    ["block", (b) => decodeBlock(b, forks)],
    ["extended block", (b) => decodeExtendedBlock(b, forks)],
    ["proposal", (b) => decodeProposal(b, forks)],
    ["vote", decodeVote],
    ["vote set", decodeVoteSet],
    ["commit certificate", decodeCommitCertificate],
    ["aggregated votes", decodeAggregatedVotes],
    ["aggregated EEN votes", decodeAggregatedEenVotes],
    ["EEN vote", decodeEenVote],
  ];
  const safely = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      if (!isThetaError(e)) throw e;
    }
  };

  it.each(decoders)("%s: 10,000 random byte strings", (_, decode) => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (b) => safely(() => decode(b))),
      { numRuns: 10_000 },
    );
  });

  it("mutated valid encodings", () => {
    const encoded = fc.oneof(
      block.map((b) => encodeBlock(b, forks)),
      vote.map(encodeVote),
      aggregatedVotes.map(encodeAggregatedVotes),
      aggregatedEenVotes.map(encodeAggregatedEenVotes),
    );
    fc.assert(
      fc.property(encoded, fc.nat(), fc.integer({ min: 0, max: 255 }), (raw, at, value) => {
        const b = raw.slice();
        b[at % b.length] = value;
        for (const [, decode] of decoders) safely(() => decode(b));
        for (const cut of [1, Math.floor(b.length / 2)])
          safely(() => decodeBlock(b.subarray(0, b.length - cut), forks));
      }),
      { numRuns: 500 },
    );
  });
});
