/**
 * Epochs (docs/consensus.md §2.5, §2.8): entering an epoch re-requests missing blocks, arms the vote timer
 * (`blockIntervalMs`) and the timeout (`epochTimeoutMs`), and lets the proposer propose. The vote is cast
 * once the vote timer fired and a block of the epoch (or the previous one) was added; the timeout votes
 * and repeats the epoch. Votes advance the epoch to the highest epoch `E` such that votes at `E` or above
 * hold a 2/3 majority of NextValidatorSet(last finalized) (the reference looks only at or above the
 * arriving vote's epoch); jumping ahead passes those votes on so that laggards can follow.
 */
import { ChannelId } from "@theta/core-types";
import { type EngineDeps, type EngineState, knows } from "./engineState.ts";
import { type FollowUps, NONE, type Transition } from "./transitions.ts";
import { voteMessage } from "./wire.ts";

/** Enters epoch `e`; follow-ups: a request per missing parent, then the rest of entering. */
export function enterEpoch(state: EngineState, deps: EngineDeps, e: bigint): FollowUps {
  if (deps.trace !== undefined) {
    const t = state.chain.tree;
    deps.trace(
      `epoch ${state.epoch} -> ${e} tip=${t.tip().height} cc=${t.highestCommitted().height} fin=${t.lastFinalized().height}`,
    );
  }
  state.epoch = e;
  state.voteTimerReady = false;
  const requests: Transition[] = state.chain
    .missingParents()
    .map((hash) => ({ kind: "requestBlock", hash, from: undefined }));
  return [...requests, { kind: "epochEntered", epoch: e }];
}

/** The rest of entering epoch `e`: retry wanted blocks, arm the timers, propose. */
export function epochEntered(state: EngineState, deps: EngineDeps, e: bigint): FollowUps {
  const ch = state.chain;
  state.requests.retry((hash) => knows(state, hash));
  const tip = ch.tree.tip();
  state.blockProcessed = tip.height > 0n && ch.header(tip.hash).epoch === e;
  for (const t of state.timers) t.cancel();
  const epoch = state.epoch;
  state.timers = [
    deps.schedule(deps.intervalMs, { kind: "voteTimer", epoch }),
    deps.schedule(deps.timeoutMs, { kind: "epochTimeout", epoch }),
  ];
  return [{ kind: "propose", force: false }];
}

/** After a vote of `voteEpoch` was recorded: enter the epoch after the highest one with a 2/3 majority. */
export async function advanceEpoch(
  state: EngineState,
  deps: EngineDeps,
  voteEpoch: bigint,
): Promise<FollowUps> {
  if (voteEpoch < state.epoch) return NONE;
  const fin = state.chain.tree.lastFinalized();
  if (state.epochSet?.block !== fin) {
    state.epochSet = { block: fin, set: await state.sets.nextValidatorSet(fin.hash) };
  }
  const e = state.epochVotes.highestMajorityEpoch(state.epochSet.set, state.epoch);
  if (e === undefined) return NONE;
  if (e > state.epoch) {
    // Jumping ahead: pass the votes on so that laggards can follow (docs/consensus.md §2.5).
    for (const k of state.epochVotes.all()) {
      if (k.epoch >= e) deps.network.broadcast(ChannelId.Vote, voteMessage(k.vote));
    }
  }
  return [{ kind: "enterEpoch", epoch: e + 1n }];
}

/** A block of epoch `blockEpoch` was added: it counts for the current epoch's vote if it is recent. */
export function blockAdded(state: EngineState, blockEpoch: bigint): FollowUps {
  if (blockEpoch !== state.epoch && blockEpoch + 1n !== state.epoch) return NONE;
  state.blockProcessed = true;
  return state.voteTimerReady ? [{ kind: "castVote" }] : NONE;
}

/** The vote timer of epoch `e` fired: vote now if a recent block was added. */
export function voteTimer(state: EngineState, e: bigint): FollowUps {
  if (e !== state.epoch) return NONE;
  state.voteTimerReady = true;
  return state.blockProcessed ? [{ kind: "castVote" }] : NONE;
}

/** The timeout of epoch `e` fired: vote, then repeat the epoch. */
export function epochTimeout(state: EngineState, e: bigint): FollowUps {
  if (e !== state.epoch) return NONE;
  return [{ kind: "castVote" }, { kind: "repeatEpoch", epoch: e }];
}

/** Repeats epoch `e` after its timeout's vote, unless that vote completed a 2/3 majority (epoch moved on). */
export function repeatEpoch(state: EngineState, e: bigint): FollowUps {
  if (e !== state.epoch) return NONE;
  return [{ kind: "enterEpoch", epoch: state.epoch }];
}
