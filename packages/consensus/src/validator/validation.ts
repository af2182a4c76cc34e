/**
 * Block and commit-certificate checks of docs/consensus.md §1.4 and §1.7, as Result values. The network-layer
 * checks need only the block; the consensus-layer checks need the local chain. The TxHash-versus-txs
 * check and the state root are the executor's (`Executor.apply`), because the tx trie is the ledger's.
 */
import {
  type Block,
  type CommitCertificate,
  equalBytes,
  err,
  type HeaderForkHeights,
  headerSignBytes,
  ok,
  type Result,
  type Vote,
  voteSignBytes,
} from "@theta/core-types";
import type { GuardianService } from "../guardian/service.ts";
import { hasMajority } from "../majority.ts";
import type { ConsensusCrypto, Executor, StakeEntry } from "../ports.ts";
import { selectProposer } from "../proposer.ts";
import type { Chain } from "./chain.ts";
import type { ValidatorSets } from "./validatorSets.ts";

/** Why a block or certificate was rejected. */
export const BlockRejection = {
  WrongChain: "BLOCK_WRONG_CHAIN_ID",
  MissingField: "BLOCK_MISSING_FIELD",
  BadSignature: "BLOCK_BAD_SIGNATURE",
  NotAboveFinalized: "BLOCK_NOT_ABOVE_FINALIZED",
  BadParentLink: "BLOCK_BAD_PARENT_LINK",
  BadHcc: "BLOCK_BAD_HCC",
  ValidatorUpdateRule: "BLOCK_VALIDATOR_UPDATE_RULE",
  WrongProposer: "BLOCK_WRONG_PROPOSER",
  UnexpectedGuardianVotes: "BLOCK_UNEXPECTED_GUARDIAN_VOTES",
  UnexpectedEenVotes: "BLOCK_UNEXPECTED_EEN_VOTES",
  BadCommitCertificate: "BLOCK_BAD_COMMIT_CERTIFICATE",
} as const;

/** One of the {@link BlockRejection} codes. */
export type BlockRejectionCode = (typeof BlockRejection)[keyof typeof BlockRejection];

const ZERO32 = new Uint8Array(32);
const ZERO20 = new Uint8Array(20);
const HCC_WALK_LIMIT = 2000;

/** The network-layer checks (`Block.Validate`): fields present, proposer signature, chain id. */
export function validateBlockBasic(
  block: Block,
  chainId: string,
  forks: HeaderForkHeights,
  crypto: ConsensusCrypto,
): Result<true, BlockRejectionCode> {
  const h = block.header;
  if (h.chainId !== chainId) {
    return err(BlockRejection.WrongChain, `header.chain_id: expected "${chainId}", got "${h.chainId}"`);
  }
  if (equalBytes(h.parent, ZERO32))
    return err(BlockRejection.MissingField, "header.parent: expected non-zero");
  if (equalBytes(h.hcc.blockHash, ZERO32)) {
    return err(BlockRejection.MissingField, "header.hcc.block_hash: expected non-zero");
  }
  if (equalBytes(h.proposer, ZERO20)) {
    return err(BlockRejection.MissingField, "header.proposer: expected non-zero");
  }
  const who =
    h.signature === undefined ? undefined : crypto.recoverAddress(headerSignBytes(h, forks), h.signature);
  if (who === undefined || !equalBytes(who, h.proposer)) {
    return err(BlockRejection.BadSignature, "header.signature: expected a signature by header.proposer");
  }
  return ok(true);
}

/**
 * Vote objects whose signature was found good: a block's HCC votes are checked with the block and again
 * as votes the block brings (the same objects), and a recovery is the costliest step of an empty block.
 */
const signedVotes = new WeakSet<Vote>();

/** Whether a vote's signature recovers to its voter (docs/consensus.md §1.4); a good one is remembered. */
export function isVoteSigned(v: Vote, crypto: ConsensusCrypto): boolean {
  if (signedVotes.has(v)) return true;
  const who = v.signature === undefined ? undefined : crypto.recoverAddress(voteSignBytes(v), v.signature);
  const good = who !== undefined && equalBytes(who, v.id);
  if (good) signedVotes.add(v);
  return good;
}

/** `CommitCertificate.IsValid` against a validator set (docs/consensus.md §1.4). */
export function validateCommitCertificate(
  cc: CommitCertificate,
  set: readonly StakeEntry[],
  isSigned: (v: Vote) => boolean,
): Result<true, BlockRejectionCode> {
  const bad = (m: string) => err(BlockRejection.BadCommitCertificate, `hcc.votes: ${m}`);
  if (cc.votes.length === 0) return bad("expected at least one vote");
  if (cc.votes.length > set.length) return bad(`expected at most ${set.length} votes`);
  const seen = new Set<string>();
  for (const v of cc.votes) {
    const k = v.id.join(",");
    if (seen.has(k)) return bad("expected each voter once");
    seen.add(k);
    if (!equalBytes(v.block, cc.blockHash)) return bad("expected every vote to name the certified block");
    if (!isSigned(v)) return bad("expected every vote signed by its voter");
  }
  if (
    !hasMajority(
      set,
      cc.votes.map((v) => v.id),
    )
  )
    return bad("expected voters with more than 2/3 of the stake");
  return ok(true);
}

/** What {@link validateBlockConsensus} needs besides the block. */
export interface ConsensusCheckContext {
  readonly chain: Chain;
  readonly sets: ValidatorSets;
  /** Whether a vote's signature recovers to its voter (the engine caches what it verified). */
  readonly isSigned: (v: Vote) => boolean;
  /** Whether `height` is a checkpoint that may carry guardian votes (fork heights considered). */
  readonly mayCarryGuardianVotes: (height: bigint) => boolean;
  /** Whether `height` is a checkpoint that may carry EEN votes (from Theta3); absent: never. */
  readonly mayCarryEenVotes?: (height: bigint) => boolean;
}

/**
 * The consensus-layer checks of docs/consensus.md §1.7 items 1–7 for a block whose parent is valid: heights and epochs,
 * the HCC (an ancestor, and a valid CC unless already finalized), the two-confirmation rule after a
 * validator update, the proposer draw, and where guardian votes may appear.
 */
export async function validateBlockConsensus(
  block: Block,
  ctx: ConsensusCheckContext,
): Promise<Result<true, BlockRejectionCode>> {
  const { chain, sets } = ctx;
  const h = block.header;
  const tree = chain.tree;
  if (h.height <= tree.lastFinalized().height) {
    return err(
      BlockRejection.NotAboveFinalized,
      `header.height: expected above the last finalized ${tree.lastFinalized().height}`,
    );
  }
  const parent = chain.entry(h.parent);
  if (parent === undefined)
    return err(BlockRejection.BadParentLink, "header.parent: expected a valid known block");
  const ph = parent.block.header;
  if (ph.height + 1n !== h.height) {
    return err(BlockRejection.BadParentLink, `header.height: expected parent height + 1 = ${ph.height + 1n}`);
  }
  if (ph.epoch >= h.epoch) {
    return err(BlockRejection.BadParentLink, `header.epoch: expected above the parent's epoch ${ph.epoch}`);
  }
  // The HCC block must be this block's parent or an earlier ancestor.
  const hccHash = h.hcc.blockHash;
  let cur: Uint8Array = h.parent;
  let found = false;
  for (let i = 0; i < HCC_WALK_LIMIT; i++) {
    if (equalBytes(cur, hccHash)) {
      found = true;
      break;
    }
    if (equalBytes(cur, chain.rootHash)) break;
    const e = chain.entry(cur);
    if (e === undefined) break;
    cur = e.block.header.parent;
  }
  const rootHeight = chain.header(chain.rootHash).height;
  if (!found && (chain.entry(hccHash) !== undefined || rootHeight === 0n)) {
    return err(BlockRejection.BadHcc, "header.hcc.block_hash: expected an ancestor of the block");
  }
  // Not found above the root: it lies below the trusted root (a restarted node), hence finalized.
  if (found && !tree.isFinalized(hccHash)) {
    const cc = validateCommitCertificate(h.hcc, await sets.validatorSet(hccHash), ctx.isSigned);
    if (!cc.ok) return cc;
  }
  const grand = chain.entry(ph.parent);
  if ((parent.hasValidatorUpdate || grand?.hasValidatorUpdate === true) && !equalBytes(hccHash, h.parent)) {
    return err(
      BlockRejection.ValidatorUpdateRule,
      "header.hcc.block_hash: expected the parent after a validator update in the parent or grandparent",
    );
  }
  if (h.epoch === 0n) return err(BlockRejection.WrongProposer, "header.epoch: expected non-zero");
  const drawn = selectProposer(await sets.nextValidatorSet(h.parent), h.epoch).validator.address;
  if (!equalBytes(drawn, h.proposer)) {
    return err(
      BlockRejection.WrongProposer,
      `header.proposer: expected the proposer drawn for epoch ${h.epoch}`,
    );
  }
  if (h.guardianVotes !== undefined && !ctx.mayCarryGuardianVotes(h.height)) {
    return err(
      BlockRejection.UnexpectedGuardianVotes,
      "header.guardian_votes: expected none outside checkpoints",
    );
  }
  if (h.eliteEdgeNodeVotes !== undefined && ctx.mayCarryEenVotes?.(h.height) !== true) {
    return err(
      BlockRejection.UnexpectedEenVotes,
      "header.elite_edge_node_votes: expected none outside checkpoints from the Theta3 height",
    );
  }
  return ok(true);
}

/**
 * docs/consensus.md §1.7 item 7 with a guardian service: the aggregate names a known checkpoint and verifies against the
 * pool in its state. Without a service the aggregate is not checked; a voted block unknown locally is
 * accepted only on a node that restarted from a later root (it lies below the root).
 */
export async function guardianVotesValid(
  b: Block,
  chain: Chain,
  guardian: GuardianService | undefined,
  executor: Executor,
): Promise<boolean> {
  const votes = b.header.guardianVotes;
  if (votes === undefined || guardian === undefined) return true;
  if (chain.entry(votes.block) === undefined) return chain.header(chain.rootHash).height > 0n;
  return guardian.validate(votes, await executor.guardiansFor(votes.block));
}
