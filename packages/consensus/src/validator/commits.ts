/**
 * Commit and finalization (docs/consensus.md §2.6–§2.7): a block whose voters hold more than 2/3 of
 * ValidatorSet(block) is committed; committing finalizes its committed ancestors two-chain style. Each
 * finalized block is stored as finalized, starts the guardian round of a checkpoint (a block that may
 * carry a guardian aggregate), and is reported.
 * A proposal deferred for the tip's CC follows once that CC exists.
 */
import { hasMajorityByKeys } from "../majority.ts";
import { type EngineDeps, type EngineState, mayCarryEenVotes, mayCarryGuardianVotes } from "./engineState.ts";
import { RETAIN_EPOCHS } from "./limits.ts";
import { type FollowUps, NONE } from "./transitions.ts";

/** Finalized blocks between two prunings of that bookkeeping. */
const PRUNE_EVERY = 64;

/** Commits `hash` if its votes hold a 2/3 majority, and finalizes what that commit finalizes. */
export async function checkCommit(
  state: EngineState,
  deps: EngineDeps,
  hash: Uint8Array,
): Promise<FollowUps> {
  const tree = state.chain.tree;
  const e = state.chain.entry(hash);
  if (e === undefined || tree.isCommitted(hash)) return NONE;
  if (e.block.header.height <= tree.highestCommitted().height) return NONE;
  const set = await state.sets.validatorSet(hash);
  if (!hasMajorityByKeys(set, state.chain.votersFor(hash))) return NONE;
  await finalize(state, deps, tree.commit(hash));
  if (state.deferredProposal === state.epoch && tree.isCommitted(tree.tip(true).hash)) {
    return [{ kind: "propose", force: true }];
  }
  return NONE;
}

async function finalize(state: EngineState, deps: EngineDeps, hashes: readonly Uint8Array[]): Promise<void> {
  const ch = state.chain;
  for (const hash of hashes) {
    const e = ch.entry(hash);
    if (e === undefined) continue;
    await deps.store.markFinalized(hash);
    const height = e.block.header.height;
    if (deps.guardian !== undefined && mayCarryGuardianVotes(deps, height)) {
      deps.guardian.startCheckpoint(hash, await deps.executor.guardiansFor(hash));
    }
    if (deps.een !== undefined && mayCarryEenVotes(deps, height)) deps.een.startCheckpoint(hash, height);
    deps.emitFinalized({ block: e.block, hash, height });
    ch.dropBody(hash);
  }
  if (hashes.length > 0) ch.prune(ch.tree.lastFinalized().height);
  state.finalizedCount += hashes.length;
  if (state.finalizedCount >= PRUNE_EVERY) {
    state.finalizedCount = 0;
    pruneCaches(state);
  }
}

/** Forgets seen votes, proposals and epoch votes older than `RETAIN_EPOCHS` epochs. */
function pruneCaches(state: EngineState): void {
  const floor = state.epoch - RETAIN_EPOCHS;
  for (const [k, e] of state.seenVotes) if (e < floor) state.seenVotes.delete(k);
  for (const [k, p] of state.proposals) if (p.header.epoch < floor) state.proposals.delete(k);
  state.epochVotes.prune(floor);
}
