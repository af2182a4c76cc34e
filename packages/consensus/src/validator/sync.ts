/**
 * Block sync by hash, the engine's side (the wanted list and the serving are in `blockRequests.ts`): a
 * missing block is first looked up in the local store (a restarted node holds what it stored before),
 * else wanted from peers (unless the header-first syncer, `src/sync/`, fills a long gap); a peer's request
 * is answered block by block.
 */
import { decodeBlock } from "@theta/core-types";
import type { PeerId } from "../ports.ts";
import { serveBlocks } from "./blockRequests.ts";
import { type EngineDeps, type EngineState, knows } from "./engineState.ts";
import { type FollowUps, NONE } from "./transitions.ts";

/** A block is missing: a stored copy is received as a block, otherwise the block is wanted from peers. */
export async function requestBlock(
  state: EngineState,
  deps: EngineDeps,
  hash: Uint8Array,
  from: PeerId | undefined,
): Promise<FollowUps> {
  if (knows(state, hash)) return NONE;
  const local = await deps.store.get(hash);
  if (local !== undefined) {
    return [{ kind: "receiveBlock", block: decodeBlock(local, deps.forks), from: undefined }];
  }
  // A long gap is the header-first syncer's: it downloads forward instead.
  if (deps.backwardFetch?.() === false) return NONE;
  state.requests.want(hash, from);
  return NONE;
}

/** Answers a peer's block request from the chain, the parked blocks and the store. */
export async function answerBlockRequest(
  state: EngineState,
  deps: EngineDeps,
  hashes: readonly Uint8Array[],
  to: PeerId,
): Promise<FollowUps> {
  await serveBlocks(
    { network: deps.network, chain: state.chain, store: deps.store, forks: deps.forks },
    hashes,
    to,
  );
  return NONE;
}
