/**
 * Keeps the last guardian-finalized checkpoint across restarts: restored from the store at start,
 * replaced when the guardian service's best aggregate finalizes a higher checkpoint, and written
 * (one record, `C/gf`) each time it advances. Saves run one after another; `flush` awaits them.
 */
import { equalBytes, type Hash } from "@theta/core-types";
import type { KvStore } from "@theta/trie-store";
import type { Logger } from "pino";
import type { ChainBlockStore } from "../store/blockStore.ts";
import {
  createGuardianFinalityStore,
  type GuardianCheckpoint,
  type GuardianFinalityStore,
} from "../store/guardianFinalityStore.ts";

/** What the tracker reads of the guardian service. */
export interface GuardianView {
  guardianFinalized(): boolean;
  best(): { readonly block: Uint8Array } | undefined;
}

/** The tracker. */
export interface GuardianFinality {
  /** Loads the stored checkpoint (call once before `current`). */
  restore(): Promise<void>;
  /** The last guardian-finalized checkpoint's hash; records a newly finalized one. */
  current(): Hash | undefined;
  /** Records a newly finalized checkpoint, then resolves when every save started so far is written. */
  flush(): Promise<void>;
}

/** Creates the tracker; `heightOf` looks a checkpoint block's height up (undefined: unknown block). */
export function createGuardianFinality(deps: {
  readonly guardian: GuardianView;
  readonly store: GuardianFinalityStore;
  readonly heightOf: (hash: Hash) => Promise<bigint | undefined>;
  readonly onError: (e: unknown) => void;
}): GuardianFinality {
  let last: GuardianCheckpoint | undefined;
  let pendingHash: Hash | undefined;
  let saving: Promise<void> = Promise.resolve();
  const record = (hash: Hash): void => {
    saving = saving
      .then(async () => {
        const height = await deps.heightOf(hash);
        // Only forward: a lower (or unknown) checkpoint never replaces the stored one.
        if (height === undefined || (last !== undefined && height <= last.height)) return;
        last = { height, hash };
        await deps.store.save(last);
      })
      .catch(deps.onError);
  };
  const tracker: GuardianFinality = {
    async restore() {
      last = await deps.store.load();
    },
    current() {
      const best = deps.guardian.guardianFinalized() ? deps.guardian.best()?.block : undefined;
      if (best !== undefined && (pendingHash === undefined || !equalBytes(best, pendingHash))) {
        pendingHash = best;
        record(best);
      }
      // A new checkpoint shows once its record is written (one read and one put later).
      return last?.hash;
    },
    flush() {
      tracker.current();
      return saving;
    },
  };
  return tracker;
}

/** The tracker on the node's store (`C/gf`), restored. */
export async function openGuardianFinality(deps: {
  readonly kv: KvStore;
  readonly blocks: Pick<ChainBlockStore, "get">;
  readonly guardian: GuardianView;
  readonly log: Pick<Logger, "error">;
}): Promise<GuardianFinality> {
  const tracker = createGuardianFinality({
    guardian: deps.guardian,
    store: createGuardianFinalityStore(deps.kv),
    heightOf: async (hash) => (await deps.blocks.get(hash))?.block.header.height,
    onError: (e) => deps.log.error({ err: e }, "saving the guardian-finalized checkpoint failed"),
  });
  await tracker.restore();
  return tracker;
}
