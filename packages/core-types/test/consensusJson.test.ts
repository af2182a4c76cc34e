import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { keccak_256 } from "@noble/hashes/sha3.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  aggregatedVotesToJson,
  BlockJsonSchema,
  BlockStatus,
  blockToJson,
  commitCertificateFromJson,
  commitCertificateToJson,
  createVoteSet,
  encodeHeader,
  hexToBytes,
  MAINNET_HEADER_FORKS,
  openSnapshot,
  type Vote,
  VoteJsonSchema,
  voteFromJson,
  voteSetFromJson,
  voteSetToJson,
  voteToJson,
} from "../src/index.ts";

const SNAPSHOT = resolve(
  dirname(fileURLToPath(import.meta.url)),
  "../../../../shared/conformance/theta-privatenet/node/snapshot",
);
const BLOCK = "a9afee47ff02cd0db670529268b614ee971f5f8c5beaa31c5b5a4fdd65392ee2";
const vote: Vote = {
  block: hexToBytes(BLOCK),
  height: 101n,
  epoch: 205n,
  id: hexToBytes("2e833968e5bb786ae419c4d13189fb081cc43bab"),
  signature: hexToBytes("aa".repeat(65)),
};

describe("vote JSON", () => {
  it("uses the Go field names, numbers for uint64 and 0x hex", () => {
    expect(voteToJson(vote)).toEqual({
      Block: `0x${BLOCK}`,
      Height: 101,
      Epoch: 205,
      ID: "0x2e833968e5bb786ae419c4d13189fb081cc43bab",
      Signature: `0x${"aa".repeat(65)}`,
    });
    expect(voteToJson({ ...vote, signature: undefined }).Signature).toBeNull();
  });

  it("round-trips through JSON text", () => {
    const arb = fc.record({
      block: fc.uint8Array({ minLength: 32, maxLength: 32 }),
      height: fc.bigInt({ min: 0n, max: 2n ** 53n - 1n }),
      epoch: fc.bigInt({ min: 0n, max: 2n ** 53n - 1n }),
      id: fc.uint8Array({ minLength: 20, maxLength: 20 }),
      signature: fc.option(fc.uint8Array({ minLength: 1, maxLength: 65 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(arb, { maxLength: 4 }), (votes) => {
        const text = JSON.stringify(voteSetToJson(votes));
        expect(voteSetFromJson(JSON.parse(text))).toEqual(createVoteSet(votes));
      }),
    );
    const cc = { votes: createVoteSet([vote]), blockHash: vote.block };
    expect(commitCertificateFromJson(JSON.parse(JSON.stringify(commitCertificateToJson(cc))))).toEqual(cc);
    expect(voteSetFromJson(null)).toEqual([]);
  });

  it("rejects wrong shapes", () => {
    expect(VoteJsonSchema.safeParse({ ...voteToJson(vote), Height: "101" }).success).toBe(false);
    expect(() => voteFromJson({ ...voteToJson(vote), ID: "0x12" })).toThrow();
    expect(() => voteToJson({ ...vote, height: 2n ** 60n })).toThrow(/vote.Height/);
  });
});

describe("RPC block object", () => {
  it("the privatenet genesis block as GetBlock prints it", async () => {
    const snap = await openSnapshot([readFileSync(SNAPSHOT)], { forks: MAINNET_HEADER_FORKS });
    const block = { header: snap.metadata.tailTrio.second.header, txs: [] };
    const hash = keccak_256(encodeHeader(block.header, MAINNET_HEADER_FORKS));
    const json = blockToJson(
      { block, children: [], status: BlockStatus.Trusted, hasValidatorUpdate: false },
      hash,
      null,
    );
    expect(BlockJsonSchema.parse(json)).toEqual(json);
    expect(json).toMatchObject({
      chain_id: "privatenet",
      epoch: "0",
      height: "0",
      timestamp: "1549056897",
      state_hash: "0x1ac082033355eb1071e0a48c18db3e6a08ac8dd7f0744dcb1416069449272a81",
      hcc: { Votes: [], BlockHash: `0x${"00".repeat(32)}` },
      guardian_votes: null,
      elite_edge_node_votes: null,
      children: [],
      status: 6,
      hash: "0x45c579eb4d435ffcd37f0f76beaa772072cea146c4ecec2e52066904b80f4e0a",
      transactions: null,
    });
    expect(Object.keys(json)).toEqual([
      "chain_id",
      "epoch",
      "height",
      "parent",
      "transactions_hash",
      "state_hash",
      "timestamp",
      "proposer",
      "hcc",
      "guardian_votes",
      "elite_edge_node_votes",
      "children",
      "status",
      "hash",
      "transactions",
    ]);
  });

  it("aggregated votes print the BLS signature as {}", () => {
    const agg = { block: vote.block, gcp: vote.block, multiplies: [1, 2], signature: new Uint8Array(96) };
    expect(aggregatedVotesToJson(agg)).toEqual({
      Block: `0x${BLOCK}`,
      Gcp: `0x${BLOCK}`,
      Multiplies: [1, 2],
      Signature: {},
    });
  });
});
