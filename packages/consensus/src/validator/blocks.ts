/**
 * Blocks (docs/consensus.md §1.4–§1.5, §1.7): a received block is checked on its own (chain id, fields,
 * proposer signature), compared with the proposer's other proposal in its epoch (evidence), parked if its
 * parent is missing (which is then requested), and otherwise validated against the chain, executed and
 * added, followed by its parked descendants, parents first.
 *
 * Only a validator's block is kept (`admission.ts`): with a valid parent its proposer must be in
 * `NextValidatorSet(parent)` (else the block is invalid); with a missing parent it must be in a recent
 * set, and the block at most `PARK_AHEAD_HEIGHTS` above the last finalized block (else it is dropped,
 * not marked invalid: it may be valid on a chain not known here yet). Parked blocks are bounded by count
 * and bytes (`parkedBlocks.ts`).
 *
 * What an added block leads to is returned, not done here: its header's CC votes are received, its
 * commit is checked, and the vote timing learns that a block of the epoch arrived.
 */
import { type Block, type BlockHeader, bytesToHex, encodeBlock } from "@theta/core-types";
import { eenVotesValid } from "../een/headerVotes.ts";
import type { PeerId } from "../ports.ts";
import { inSet, parkedProposerAdmitted } from "./admission.ts";
import type { PendingBlock } from "./chain.ts";
import {
  blockHash,
  type EngineDeps,
  type EngineState,
  mayCarryEenVotes,
  mayCarryGuardianVotes,
  setBounded,
  voteKey,
} from "./engineState.ts";
import { MAX_PROPOSAL_RECORDS, PARK_AHEAD_HEIGHTS, VOTE_EPOCHS_AHEAD } from "./limits.ts";
import { type FollowUps, NONE, type Transition } from "./transitions.ts";
import {
  guardianVotesValid,
  isVoteSigned,
  validateBlockBasic,
  validateBlockConsensus,
} from "./validation.ts";

/** A block arrived: ignore it if known, too low or not a validator's, reject it, park it, or add it. */
export async function receiveBlock(
  state: EngineState,
  deps: EngineDeps,
  block: Block,
  from: PeerId | undefined,
): Promise<FollowUps> {
  const ch = state.chain;
  const hash = blockHash(deps, block);
  if (ch.entry(hash) !== undefined || ch.isInvalid(hash) || ch.isPending(hash)) return NONE;
  const h = block.header;
  const finalized = ch.tree.lastFinalized().height;
  if (h.height <= finalized) return NONE;
  if (!validateBlockBasic(block, deps.chainId, deps.forks, deps.crypto).ok) {
    ch.markInvalid(hash);
    return NONE;
  }
  const short = bytesToHex(hash).slice(0, 8);
  if (ch.entry(h.parent) !== undefined) {
    // The proposer is drawn from NextValidatorSet(parent): anyone else's block is invalid.
    if (!inSet(await state.sets.nextValidatorSet(h.parent), h.proposer)) {
      deps.trace?.(`rejects ${short}: proposer not in the parent's next validator set`);
      ch.markInvalid(hash);
      return NONE;
    }
    recordProposal(state, deps, h, hash);
    return [{ kind: "applyBlocks", work: [{ block, hash }] }];
  }
  if (h.height > finalized + PARK_AHEAD_HEIGHTS) {
    deps.trace?.(`drops ${short}: height ${h.height} too far above the last finalized ${finalized}`);
    return NONE;
  }
  // Blocks from the local store (or proposed here) were checked before; a peer's must be a validator's.
  if (from !== undefined && !(await parkedProposerAdmitted(state, h.proposer))) {
    deps.trace?.(`drops ${short}: proposer in no recent validator set`);
    return NONE;
  }
  recordProposal(state, deps, h, hash);
  if (h.height > state.highestSeenHeight) state.highestSeenHeight = h.height;
  if (ch.isInvalid(h.parent)) {
    ch.markInvalid(hash);
    return NONE;
  }
  if (!ch.addPending(block, hash, encodeBlock(block, deps.forks).length)) return NONE;
  return [{ kind: "requestBlock", hash: h.parent, from }];
}

/**
 * Remembers the first proposal of a proposer in an epoch; a second, different one is evidence. Records
 * are kept for epochs up to `VOTE_EPOCHS_AHEAD` ahead, at most `MAX_PROPOSAL_RECORDS` of them.
 */
function recordProposal(state: EngineState, deps: EngineDeps, h: BlockHeader, hash: Uint8Array): void {
  if (h.epoch > state.epoch + VOTE_EPOCHS_AHEAD) return;
  const pkey = `${bytesToHex(h.proposer)}:${h.epoch}`;
  const seen = state.proposals.get(pkey);
  if (seen === undefined) {
    setBounded(state.proposals, pkey, { hash: bytesToHex(hash), header: h }, MAX_PROPOSAL_RECORDS);
  } else if (seen.hash !== bytesToHex(hash)) {
    deps.emitEvidence({ kind: "proposal", first: seen.header, second: h });
  }
}

/**
 * Adds the blocks of `work` in order, skipping those already added; the children of a block found
 * invalid are invalid too. After the first block added, returns its follow-ups and then this walk's
 * continuation with its parked children (taken only once the follow-ups ran, as they may finalize and
 * prune).
 */
export async function applyBlocks(
  state: EngineState,
  deps: EngineDeps,
  work: readonly PendingBlock[],
  childrenOf: Uint8Array | undefined,
): Promise<FollowUps> {
  const ch = state.chain;
  const queue = [...work];
  if (childrenOf !== undefined) queue.push(...ch.takeChildren(childrenOf));
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    if (ch.entry(next.hash) !== undefined) continue;
    if (!(await addBlock(state, deps, next.block, next.hash))) {
      for (const child of ch.takeChildren(next.hash)) ch.markInvalid(child.hash);
      continue;
    }
    const votes: Transition[] = next.block.header.hcc.votes.map((vote) => ({
      kind: "receiveVote",
      vote,
      from: undefined,
    }));
    return [
      ...votes,
      { kind: "checkCommit", hash: next.hash },
      { kind: "blockAdded", blockEpoch: next.block.header.epoch },
      { kind: "applyBlocks", work: queue, childrenOf: next.hash },
    ];
  }
  return NONE;
}

/** Validates a block whose parent is valid, executes it and adds it; false (and marked) if invalid. */
async function addBlock(
  state: EngineState,
  deps: EngineDeps,
  block: Block,
  hash: Uint8Array,
): Promise<boolean> {
  const ch = state.chain;
  const check = await validateBlockConsensus(block, {
    chain: ch,
    sets: state.sets,
    isSigned: (v) => state.seenVotes.has(voteKey(v)) || isVoteSigned(v, deps.crypto),
    mayCarryGuardianVotes: (h) => mayCarryGuardianVotes(deps, h),
    mayCarryEenVotes: (h) => mayCarryEenVotes(deps, h),
  });
  if (!check.ok) {
    deps.trace?.(`rejects ${bytesToHex(hash).slice(0, 8)}: ${check.message}`);
    ch.markInvalid(hash);
    return false;
  }
  if (!(await guardianVotesValid(block, ch, deps.guardian, deps.executor))) {
    deps.trace?.(`rejects ${bytesToHex(hash).slice(0, 8)}: guardian votes`);
    ch.markInvalid(hash);
    return false;
  }
  if (!(await eenVotesValid(block, ch, deps.een, (h) => mayCarryEenVotes(deps, h)))) {
    deps.trace?.(`rejects ${bytesToHex(hash).slice(0, 8)}: EEN votes`);
    ch.markInvalid(hash);
    return false;
  }
  const outcome = await deps.executor.apply(block, hash);
  if (!outcome.ok) {
    ch.markInvalid(hash);
    return false;
  }
  ch.addValid(block, hash, outcome.hasValidatorUpdate);
  if (deps.store.putBlock !== undefined) await deps.store.putBlock(hash, block);
  else await deps.store.put(hash, encodeBlock(block, deps.forks));
  return true;
}
