/** The executor's block-store port on a `KvStore`: each block in its Theta encoding under its hash. */
import {
  type Block,
  type BlockHeader,
  concatBytes,
  decodeBlock,
  encodeBlock,
  encodeHeader,
  type Hash,
  type HeaderForkHeights,
} from "@theta/core-types";
import { defaultCrypto } from "@theta/crypto";
import type { KvStore } from "@theta/trie-store";
import type { ExecutorBlockStore } from "../../src/index.ts";

const PREFIX = new TextEncoder().encode("test-block/");

/** The port plus `put`, which the engine (here: the test) calls once `apply` accepted a block. */
export interface TestBlockStore extends ExecutorBlockStore {
  put(block: Block): Promise<Hash>;
}

/** Blocks on `kv` (so they survive a reopen of the state on the same store). */
export function kvBlockStore(kv: KvStore, forks: HeaderForkHeights): TestBlockStore {
  const hashOf = (header: BlockHeader): Hash => defaultCrypto.keccak256(encodeHeader(header, forks));
  return {
    hashOf,
    async get(hash) {
      const v = await kv.get(concatBytes(PREFIX, hash));
      return v === undefined ? undefined : { block: decodeBlock(v, forks) };
    },
    async put(block) {
      const hash = hashOf(block.header);
      await kv.put(concatBytes(PREFIX, hash), encodeBlock(block, forks));
      return hash;
    },
  };
}
