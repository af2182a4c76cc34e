/** An in-memory `TrieDatabase` on @ethereumjs/mpt (raw keys, not secure) for the ledger tests. */
import { createMPT, type MerklePatriciaTrie } from "@ethereumjs/mpt";
import { MapDB } from "@ethereumjs/util";
import { equalBytes, ZERO_HASH } from "@theta/core-types";
import type { StateTrie, TrieDatabase } from "../../src/ports.ts";

class MptStateTrie implements StateTrie {
  readonly #mpt: MerklePatriciaTrie;
  constructor(mpt: MerklePatriciaTrie) {
    this.#mpt = mpt;
  }
  async get(key: Uint8Array): Promise<Uint8Array | undefined> {
    const v = await this.#mpt.get(key);
    return v ?? undefined;
  }
  async put(key: Uint8Array, value: Uint8Array): Promise<void> {
    if (value.length === 0) await this.#mpt.del(key);
    else await this.#mpt.put(key, value);
  }
  async delete(key: Uint8Array): Promise<void> {
    await this.#mpt.del(key);
  }
  async root(): Promise<Uint8Array> {
    return this.#mpt.root();
  }
  async commit(): Promise<Uint8Array> {
    return this.#mpt.root();
  }
  async copy(): Promise<StateTrie> {
    return new MptStateTrie(this.#mpt.shallowCopy(false));
  }
}

/** A fresh in-memory node database. */
export async function createMemoryTrieDatabase(): Promise<TrieDatabase> {
  const db = new MapDB<string, Uint8Array>();
  return {
    async openTrie(root) {
      const mpt = await createMPT({ db, useKeyHashing: false });
      if (!equalBytes(root, ZERO_HASH)) mpt.root(root);
      return new MptStateTrie(mpt);
    },
  };
}
