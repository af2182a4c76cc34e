/**
 * The consensus `BlockStore` port over the chain block store: blocks travel as their Theta
 * encoding; a block the engine stores is kept as a valid extended block, and `markFinalized`
 * finalizes it with its not yet finalized ancestors.
 */
import type { BlockStore } from "@theta/consensus";
import {
  BlockStatus,
  bytesToHex,
  decodeBlock,
  encodeBlock,
  equalBytes,
  type HeaderForkHeights,
  ThetaError,
} from "@theta/core-types";
import { BlockStoreErrorCode, type ChainBlockStore, type FinalizeOptions } from "./blockStore.ts";

/** Adapts `store` to the consensus engine's port. */
export function consensusBlockStore(
  store: ChainBlockStore,
  forks: HeaderForkHeights,
  finalize: Pick<FinalizeOptions, "opsFor"> = {},
): BlockStore {
  return {
    async get(hash) {
      const b = await store.get(hash);
      return b === undefined ? undefined : encodeBlock(b.block, forks);
    },
    async put(hash, encoded) {
      const block = decodeBlock(encoded, forks);
      const actual = store.hashOf(block.header);
      if (!equalBytes(actual, hash)) {
        throw new ThetaError(
          BlockStoreErrorCode.Corrupt,
          `block hash: expected 0x${bytesToHex(hash)} for the encoded block, got 0x${bytesToHex(actual)}`,
        );
      }
      const known = await store.get(hash);
      if (known !== undefined) return;
      await store.put({ block, children: [], status: BlockStatus.Valid, hasValidatorUpdate: false });
    },
    // The engine's own blocks: hashed by the engine from this very block, so neither decoded nor hashed here.
    async putBlock(hash, block) {
      const known = await store.get(hash);
      if (known !== undefined) return;
      await store.put({ block, children: [], status: BlockStatus.Valid, hasValidatorUpdate: false });
    },
    markFinalized: (hash) => store.markFinalized(hash, finalize),
    async lastFinalized() {
      return (await store.lastFinalized())?.hash;
    },
  };
}
