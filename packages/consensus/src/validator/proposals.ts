/**
 * Proposals (docs/consensus.md §2.2–§2.3, §2.7): the proposer of the current epoch (drawn from
 * NextValidatorSet(tip)) builds a block on its fork-choice tip through the executor, signs it, persists
 * the epoch as acted in, broadcasts the proposal and receives the block like any other. It proposes at
 * most once per epoch (re-broadcasting instead), never in an epoch it acted in before a restart, not
 * next to a validator-set change until the tip is committed (docs/consensus.md §1.7 item 5), and it waits at most half an
 * interval for its tip's CC so its block can finalize the parent.
 */
import { ChannelId, equalBytes } from "@theta/core-types";
import { selectProposer } from "../proposer.ts";
import {
  blockHash,
  type EngineDeps,
  type EngineState,
  mayCarryEenVotes,
  mayCarryGuardianVotes,
} from "./engineState.ts";
import { buildProposal } from "./proposalBuilder.ts";
import { type FollowUps, NONE } from "./transitions.ts";
import { proposalMessage } from "./wire.ts";

/** Proposes in the current epoch if this node is its proposer; `force` skips the wait for the CC. */
export async function propose(state: EngineState, deps: EngineDeps, force: boolean): Promise<FollowUps> {
  const epoch = state.epoch;
  if (state.deferredProposal === epoch && !force) return NONE;
  state.deferredProposal = undefined;
  if (state.lastProposal !== undefined && state.lastProposal.epoch === epoch) {
    deps.network.broadcast(ChannelId.Proposal, state.lastProposal.message);
    return NONE;
  }
  // A restarted node does not know what it proposed before; it never proposes in an epoch it acted in.
  if (state.lastVote !== undefined && epoch <= state.lastVote.epoch) return NONE;
  const ch = state.chain;
  const tree = ch.tree;
  const tip = tree.tip(true);
  const parent = ch.entry(tip.hash);
  if (parent === undefined || epoch <= parent.block.header.epoch) return NONE;
  const grand = ch.entry(parent.block.header.parent);
  const updateNear = parent.hasValidatorUpdate || grand?.hasValidatorUpdate === true;
  if (updateNear && !equalBytes(tip.hash, tree.highestCommitted().hash)) return NONE; // docs/consensus.md §1.7 item 5: wait
  const nextSet = await state.sets.nextValidatorSet(tip.hash);
  if (nextSet.length === 0 || !equalBytes(selectProposer(nextSet, epoch).validator.address, deps.self))
    return NONE;
  if (!force && !tree.isCommitted(tip.hash)) {
    // Wait (at most half an interval) for the tip's CC, so the block can certify its parent (docs/consensus.md §2.7).
    state.deferredProposal = epoch;
    deps.schedule(deps.intervalMs / 2, { kind: "deferredProposal", epoch });
    return NONE;
  }
  const proposal = await buildProposal({
    chain: ch,
    sets: state.sets,
    executor: deps.executor,
    signer: deps.signer,
    forks: deps.forks,
    parent: parent.block,
    epoch,
    timestamp: BigInt(Math.floor(deps.clock.now() / 1000)),
    guardianVotes: mayCarryGuardianVotes(deps, tip.height + 1n) ? deps.guardian?.best() : undefined,
    eliteEdgeNodeVotes: mayCarryEenVotes(deps, tip.height + 1n) ? deps.een?.best() : undefined,
    epochVotes: state.epochVotes
      .all()
      .filter((k) => k.epoch === epoch)
      .map((k) => k.vote),
  });
  const block = proposal.block;
  // Persist the epoch as acted in (with the vote this proposer will cast in it) before anyone sees
  // the proposal, so that a restart cannot propose a second block in this epoch.
  const hash = blockHash(deps, block);
  const last = state.lastVote;
  const ownVote =
    last === undefined || block.header.height > last.height
      ? { epoch, height: block.header.height, blockHash: hash }
      : { ...last, epoch };
  await deps.votes.save(ownVote);
  state.lastVote = ownVote;
  const message = proposalMessage(proposal, deps.forks);
  state.lastProposal = { epoch, message };
  deps.network.broadcast(ChannelId.Proposal, message);
  return [{ kind: "receiveBlock", block, from: undefined }];
}

/** The wait for the CC of `epoch`'s tip ran out: propose now, if the proposal still waits in that epoch. */
export function proposeDeferred(state: EngineState, epoch: bigint): FollowUps {
  if (state.deferredProposal !== epoch || state.epoch !== epoch) return NONE;
  return [{ kind: "propose", force: true }];
}
