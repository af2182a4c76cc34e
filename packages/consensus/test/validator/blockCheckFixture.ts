/**
 * Shared pieces of the block-check tests (docs/consensus.md §1.4, §1.7): a three-validator set, a
 * proposer-signed block, a consensus-check context over a chain, and a child block with a full CC.
 */
import {
  ALL_FORKS_AT_GENESIS,
  type Block,
  type BlockHeader,
  headerSignBytes,
  type Vote,
} from "@theta/core-types";
import { selectProposer } from "../../src/proposer.ts";
import { createFakeSigner, fakeCrypto } from "../../src/testing/fakeCrypto.ts";
import type { Chain } from "../../src/validator/chain.ts";
import { type ConsensusCheckContext, isVoteSigned } from "../../src/validator/validation.ts";
import { blockOf, fixedSets, header, setOf, vote } from "./engineFixture.ts";

export const forks = ALL_FORKS_AT_GENESIS;
export const set = setOf(1n, 1n, 1n);
export const signed = (h: BlockHeader): Block => ({
  header: { ...h, signature: createFakeSigner(h.proposer).signSecp256k1(headerSignBytes(h, forks)) },
  txs: [],
});
export const codeOf = (r: { ok: true; value: true } | { ok: false; code: string }): string =>
  r.ok ? (r.value === true ? "ok" : "ok without value") : r.code;
/** The message of a rejection. */
export const messageOf = (r: { ok: true } | { ok: false; message: string }): string =>
  r.ok ? "" : r.message;

/** Consensus-layer context over `chain` with the fixed set. */
export const ctxOf = (chain: Chain, over: Partial<ConsensusCheckContext> = {}): ConsensusCheckContext => ({
  chain,
  sets: fixedSets(set),
  isSigned: (v) => isVoteSigned(v, fakeCrypto),
  mayCarryGuardianVotes: () => false,
  ...over,
});
export const cc = (hash: Uint8Array, who: number[]): Vote[] => who.map((i) => vote(i, hash, 1n));
/** A child of block `parentN` of a `lineChain`, at `epoch`, with its drawn proposer and a full CC. */
export const child = (
  hashes: Uint8Array[],
  parentN: number,
  epoch: bigint,
  over: Partial<BlockHeader> = {},
): Block => {
  const parent = hashes[parentN] as Uint8Array;
  const h = header({
    height: BigInt(parentN + 1),
    epoch,
    parent,
    hcc: parent,
    ccVotes: cc(parent, [0, 1, 2]),
    proposer: selectProposer(set, epoch).validator.address,
  });
  return blockOf({ ...h, ...over });
};
