import { bytesToHex, EMPTY_ROOT_HASH } from "@theta/core-types";
import { defaultCrypto } from "@theta/crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createMemoryKvStore, createVersionedState, TrieEngine, trieRootOf } from "../src/index.ts";

const k = defaultCrypto.keccak256;

/** The root a stored trie gives, one insert at a time. */
async function storedRoot(
  entries: ReadonlyArray<{ key: Uint8Array; value: Uint8Array }>,
  engine: TrieEngine,
) {
  const trie = await createVersionedState(createMemoryKvStore(), { engine }).open();
  for (const { key, value } of entries) await trie.put(key, value);
  return bytesToHex(await trie.root());
}

describe("trieRootOf (a whole trie's root in one pass)", () => {
  it("property: equals both stored tries' root for distinct keys of any length (prefixes too) and any values", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(
          fc.record({
            key: fc.uint8Array({ minLength: 0, maxLength: 4 }),
            value: fc.uint8Array({ minLength: 1, maxLength: 70 }),
          }),
          { selector: (e) => bytesToHex(e.key), minLength: 0, maxLength: 40 },
        ),
        async (entries) => {
          const root = bytesToHex(trieRootOf(entries, k));
          expect(root).toBe(await storedRoot(entries, TrieEngine.Fast));
          expect(root).toBe(await storedRoot(entries, TrieEngine.Mpt));
        },
      ),
      { numRuns: 150 },
    );
  });
  it("is the empty-trie root for no entries (empty values count as none) and refuses a repeated key", () => {
    expect(trieRootOf([], k)).toEqual(EMPTY_ROOT_HASH);
    expect(trieRootOf([{ key: Uint8Array.of(1), value: new Uint8Array(0) }], k)).toEqual(EMPTY_ROOT_HASH);
    const twice = [
      { key: Uint8Array.of(1), value: Uint8Array.of(2) },
      { key: Uint8Array.of(1), value: Uint8Array.of(3) },
    ];
    expect(() => trieRootOf(twice, k)).toThrow(expect.objectContaining({ code: "TRIE_DUPLICATE_KEY" }));
  });
});
