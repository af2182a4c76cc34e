import {
  type Block,
  BlockStatus,
  type ExtendedBlock,
  type Hash,
  privatenet,
  ZERO_HASH,
} from "@theta/core-types";
import { defaultCrypto } from "@theta/crypto";
import type { KvStore } from "@theta/trie-store";
import { emptyHeader } from "../../src/genesis/writeGenesis.ts";
import { type ChainBlockStore, createBlockStore } from "../../src/store/blockStore.ts";

export const forks = privatenet.headerForks;

export function blockStoreOn(kv: KvStore): ChainBlockStore {
  return createBlockStore({ kv, forks, keccak256: defaultCrypto.keccak256 });
}

/** A block at `height` on `parent`, with `txs`; `salt` makes siblings differ. */
export function makeBlock(
  height: bigint,
  parent: Hash = ZERO_HASH,
  txs: Uint8Array[] = [],
  salt = 0n,
): Block {
  return {
    header: {
      ...emptyHeader("privatenet"),
      height,
      parent,
      epoch: height + salt,
      timestamp: 1_000n + height,
    },
    txs,
  };
}

export function extended(block: Block, status: BlockStatus = BlockStatus.Valid): ExtendedBlock {
  return { block, children: [], status, hasValidatorUpdate: false };
}

/** Stores a chain of `n` blocks on top of a genesis; returns their hashes (genesis first). */
export async function storeChain(store: ChainBlockStore, n: number): Promise<Hash[]> {
  const hashes = [await store.put(extended(makeBlock(0n), BlockStatus.Trusted))];
  for (let i = 1; i <= n; i++) hashes.push(await store.put(extended(makeBlock(BigInt(i), hashes[i - 1]))));
  return hashes;
}
