/**
 * Votes (docs/consensus.md §2.4–§2.5, §2.9): a received vote is verified once, checked for equivocation,
 * indexed under its block and may commit that block; a vote for an unknown block above the finalized
 * height has the block requested. Casting follows docs/consensus.md §2.4: heights strictly increase, and a tip whose HCC
 * is not the local highest CC gets a re-vote of the last block instead. The vote is persisted before it
 * is sent, then received like any other.
 *
 * Only a validator's vote is kept (`admission.ts`). It counts towards the epoch whatever its epoch (one
 * vote per validator is kept there, so a node that fell behind can follow); it is cached as verified and
 * indexed under its block only up to `VOTE_EPOCHS_AHEAD` epochs ahead and, for a block unknown here,
 * only within `PARK_AHEAD_HEIGHTS` above the last finalized block (the window blocks are parked in).
 */
import { ChannelId, equalBytes, type Vote, voteSignBytes } from "@theta/core-types";
import type { LastVoteRecord, PeerId } from "../ports.ts";
import { voterAdmitted } from "./admission.ts";
import { type EngineDeps, type EngineState, selfIn, setBounded, voteKey } from "./engineState.ts";
import { MAX_SEEN_VOTES, PARK_AHEAD_HEIGHTS, VOTE_EPOCHS_AHEAD } from "./limits.ts";
import { type FollowUps, NONE, type Transition } from "./transitions.ts";
import { isVoteSigned } from "./validation.ts";
import { voteMessage } from "./wire.ts";

const ZERO32 = new Uint8Array(32);

/** Records a vote; follow-ups: its block's commit (or request), then epoch advancement. */
export async function receiveVote(
  state: EngineState,
  deps: EngineDeps,
  v: Vote,
  from: PeerId | undefined,
): Promise<FollowUps> {
  const ch = state.chain;
  const key = voteKey(v);
  if (state.seenVotes.has(key)) return NONE;
  if (equalBytes(v.block, ZERO32) || !isVoteSigned(v, deps.crypto)) return NONE;
  if (!(await voterAdmitted(state, v.id, v.block))) return NONE;
  const known = ch.entry(v.block) !== undefined;
  const height =
    ch.entry(v.block)?.block.header.height ?? ch.pendingBlock(v.block)?.header.height ?? v.height;
  const finalized = ch.tree.lastFinalized().height;
  const inEpochs = v.epoch <= state.epoch + VOTE_EPOCHS_AHEAD;
  const inHeights = height > finalized && height <= finalized + PARK_AHEAD_HEIGHTS;
  if (inHeights && height > state.highestSeenHeight) state.highestSeenHeight = height;
  if (inEpochs) setBounded(state.seenVotes, key, v.epoch, MAX_SEEN_VOTES);
  const ev = state.epochVotes.add({ voter: v.id, block: v.block, epoch: v.epoch, height, vote: v });
  if (ev !== undefined) deps.emitEvidence({ kind: "vote", first: ev.first.vote, second: ev.second.vote });
  if (inEpochs && (known || inHeights)) ch.addVote(v, height);
  if (from !== undefined) state.shareCommitCertificate(ch, state.epoch, v, from);
  const next: Transition[] = [];
  if (known) next.push({ kind: "checkCommit", hash: v.block });
  else if (inHeights) next.push({ kind: "requestBlock", hash: v.block, from });
  next.push({ kind: "advanceEpoch", voteEpoch: v.epoch });
  return next;
}

/** Votes in the current epoch if this node validates the tip; the signed vote is then received here too. */
export async function castVote(state: EngineState, deps: EngineDeps): Promise<FollowUps> {
  const tree = state.chain.tree;
  const tip = tree.tip();
  state.isValidator = selfIn(deps, await state.sets.validatorSet(tip.hash));
  if (!state.isValidator) return NONE;
  const epoch = state.epoch;
  const last = state.lastVote;
  const hccHash = tree.highestCommitted().hash;
  let target: { hash: Uint8Array; height: bigint } | undefined;
  if (tip.height > (last?.height ?? -1n) && equalBytes(tip.hcc, hccHash)) {
    target = { hash: tip.hash, height: tip.height };
  } else if (last !== undefined) {
    target = { hash: last.blockHash, height: last.height };
  }
  if (target === undefined) return NONE;
  const record: LastVoteRecord = { epoch, height: target.height, blockHash: target.hash };
  if (last === undefined || last.epoch !== epoch || !equalBytes(last.blockHash, target.hash)) {
    await deps.votes.save(record);
    state.lastVote = record;
  }
  const unsigned: Vote = {
    block: target.hash,
    height: target.height,
    epoch,
    id: deps.self,
    signature: undefined,
  };
  const signed: Vote = { ...unsigned, signature: deps.signer.signSecp256k1(voteSignBytes(unsigned)) };
  deps.network.broadcast(ChannelId.Vote, voteMessage(signed));
  return [{ kind: "receiveVote", vote: signed, from: undefined }];
}
