/** An in-memory `TrieDatabase` on @ethereumjs/mpt (raw keys, not secure) for the ledger tests. */
import { BranchMPTNode, createMPT, LeafMPTNode, type MerklePatriciaTrie } from "@ethereumjs/mpt";
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
  async *entries(prefix: Uint8Array): AsyncIterable<readonly [Uint8Array, Uint8Array]> {
    const found: [Uint8Array, Uint8Array][] = [];
    await this.#mpt.walkAllValueNodes(async (node, key) => {
      let full: Uint8Array | undefined;
      let value: Uint8Array | null = null;
      if (node instanceof LeafMPTNode) {
        full = packNibbles(key.concat(node.key()));
        value = node.value();
      } else if (node instanceof BranchMPTNode) {
        full = packNibbles(key);
        value = node.value();
      }
      if (full !== undefined && value !== null && startsWith(full, prefix)) found.push([full, value]);
    });
    yield* found;
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

function startsWith(a: Uint8Array, p: Uint8Array): boolean {
  return a.length >= p.length && p.every((x, i) => a[i] === x);
}

function packNibbles(n: readonly number[]): Uint8Array {
  const out = new Uint8Array(n.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = (n[2 * i]! << 4) | n[2 * i + 1]!;
  return out;
}
