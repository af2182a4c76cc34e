/**
 * The dispatcher: maps each {@link Transition} to its handler and runs a task's transitions depth-first —
 * the follow-ups of a transition, and theirs, run before the transitions queued after it — so effects
 * happen in the order nested calls would make them. Handlers import only the state, the transition type
 * and helpers, never each other; this module is the only one that knows them all.
 */
import { equalBytes } from "@theta/core-types";
import type { PeerId } from "../ports.ts";
import { applyBlocks, receiveBlock } from "./blocks.ts";
import { checkCommit } from "./commits.ts";
import type { EngineDeps, EngineState } from "./engineState.ts";
import {
  advanceEpoch,
  blockAdded,
  enterEpoch,
  epochEntered,
  epochTimeout,
  repeatEpoch,
  voteTimer,
} from "./epochs.ts";
import { propose, proposeDeferred } from "./proposals.ts";
import { answerBlockRequest, requestBlock } from "./sync.ts";
import { type FollowUps, NONE, type Transition } from "./transitions.ts";
import { castVote, receiveVote } from "./votes.ts";
import type { ConsensusMessage } from "./wire.ts";

/** Runs one transition's handler. */
export function step(state: EngineState, deps: EngineDeps, t: Transition): FollowUps | Promise<FollowUps> {
  switch (t.kind) {
    case "receiveBlock":
      return receiveBlock(state, deps, t.block, t.from);
    case "applyBlocks":
      return applyBlocks(state, deps, t.work, t.childrenOf);
    case "requestBlock":
      return requestBlock(state, deps, t.hash, t.from);
    case "serveBlocks":
      return answerBlockRequest(state, deps, t.hashes, t.to);
    case "receiveVote":
      return receiveVote(state, deps, t.vote, t.from);
    case "castVote":
      return castVote(state, deps);
    case "checkCommit":
      return checkCommit(state, deps, t.hash);
    case "propose":
      return propose(state, deps, t.force);
    case "deferredProposal":
      return proposeDeferred(state, t.epoch);
    case "enterEpoch":
      return enterEpoch(state, deps, t.epoch);
    case "epochEntered":
      return epochEntered(state, deps, t.epoch);
    case "advanceEpoch":
      return advanceEpoch(state, deps, t.voteEpoch);
    case "blockAdded":
      return blockAdded(state, t.blockEpoch);
    case "voteTimer":
      return voteTimer(state, t.epoch);
    case "epochTimeout":
      return epochTimeout(state, t.epoch);
    case "repeatEpoch":
      return repeatEpoch(state, t.epoch);
    default:
      return unreachable(t);
  }
}

function unreachable(t: never): never {
  throw new TypeError(`unknown transition ${JSON.stringify(t)}`);
}

/**
 * Runs `first` and everything that follows from it, depth-first and in order. A handler that throws
 * ends the task: the transitions still pending are dropped (as a nested call's caller would stop).
 */
export async function runTransitions(
  state: EngineState,
  deps: EngineDeps,
  first: readonly Transition[],
): Promise<void> {
  const stack = [...first].reverse();
  for (let t = stack.pop(); t !== undefined; t = stack.pop()) {
    const next = await step(state, deps, t);
    for (let i = next.length - 1; i >= 0; i--) stack.push(next[i] as Transition);
  }
}

/** The transitions an inbound consensus message starts (guardian aggregates are the guardian service's). */
export function messageTransitions(m: ConsensusMessage, from: PeerId): FollowUps {
  switch (m.kind) {
    case "proposal": {
      const { proposal } = m;
      const votes: Transition[] = proposal.votes.map((vote) => ({ kind: "receiveVote", vote, from }));
      const block = proposal.block;
      // A proposal's block counts only if the proposal names the block's own proposer.
      if (block === undefined || !equalBytes(block.header.proposer, proposal.proposerId)) return votes;
      return [...votes, { kind: "receiveBlock", block, from }];
    }
    case "vote":
      return [{ kind: "receiveVote", vote: m.vote, from }];
    case "block":
      return [{ kind: "receiveBlock", block: m.block, from }];
    case "blockRequest":
      return [{ kind: "serveBlocks", hashes: m.hashes, to: from }];
    default:
      return NONE;
  }
}
