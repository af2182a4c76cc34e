import { blockTxTrieEntries, bytesToHex, EMPTY_ROOT_HASH } from "@theta/core-types";
import { defaultCrypto } from "@theta/crypto";
import { createMemoryKvStore, createVersionedState } from "@theta/trie-store";
import { describe, expect, it } from "vitest";
import { txTrieRoot } from "../src/index.ts";

/** The root as a stored trie computes it, one insert at a time. */
async function storedTrieRoot(txs: readonly Uint8Array[]): Promise<string> {
  const trie = await createVersionedState(createMemoryKvStore()).open();
  for (const { key, value } of blockTxTrieEntries(txs)) await trie.put(key, value);
  return bytesToHex(await trie.root());
}

/** Deterministic pseudo-random bytes of `len` from `seed`. */
function bytesOf(seed: number, len: number): Uint8Array {
  const out = new Uint8Array(len);
  let x = seed * 2654435761 + 1;
  for (let i = 0; i < len; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

describe("txTrieRoot", () => {
  const k = defaultCrypto.keccak256;

  it("is the empty-trie root for no txs", () => {
    expect(txTrieRoot([], k)).toEqual(EMPTY_ROOT_HASH);
  });

  it("matches the stored trie for short and long values and for block sizes across the RLP key lengths", async () => {
    // 1 and 2 txs (leaf, branch), 129 (one-byte and two-byte keys), 300 (three-byte keys), values of
    // 1 to 200 bytes so that some nodes are embedded in their parent and others are hashed.
    for (const n of [1, 2, 3, 17, 129, 300]) {
      const txs = Array.from({ length: n }, (_, i) => bytesOf(i + n, 1 + ((i * 37) % 200)));
      expect(bytesToHex(txTrieRoot(txs, k)), `${n} txs`).toBe(await storedTrieRoot(txs));
    }
  });

  it("matches the stored trie for a full block of SendTx-sized txs", async () => {
    const txs = Array.from({ length: 513 }, (_, i) => bytesOf(i, 150));
    expect(bytesToHex(txTrieRoot(txs, k))).toBe(await storedTrieRoot(txs));
  });
});
