import { bytesToHex, ThetaError } from "@theta/core-types";
import { defaultCrypto } from "@theta/crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeHexPrefix, encodeHexPrefix } from "../src/fast/nibbles.ts";
import {
  createMemoryKvStore,
  createVersionedState,
  decodeNode,
  encodeNode,
  NODE_PREFIX,
  TrieEngine,
} from "../src/index.ts";

const keccak = defaultCrypto.keccak256;

describe("node codec", () => {
  it("property: every node a trie stores decodes and re-encodes to the same bytes under its hash", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.tuple(
            fc.uint8Array({ minLength: 1, maxLength: 6 }).map((k) => k.map((b) => b & 0x13)),
            fc.uint8Array({ minLength: 1, maxLength: 60 }),
          ),
          { minLength: 1, maxLength: 60 },
        ),
        async (pairs) => {
          const kv = createMemoryKvStore();
          const vs = createVersionedState(kv, { engine: TrieEngine.Fast });
          const trie = await vs.open();
          for (const [k, v] of pairs) await trie.put(k, v);
          await vs.commit(1n, trie.root());
          let nodes = 0;
          for await (const [key, enc] of kv.iterate({ prefix: NODE_PREFIX })) {
            expect(bytesToHex(keccak(enc))).toBe(bytesToHex(key.subarray(1)));
            expect(encodeNode(decodeNode(enc), keccak)).toEqual(enc);
            nodes++;
          }
          expect(nodes).toBeGreaterThan(0);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("property: random bytes either decode to a node or throw a ThetaError", () => {
    const nodeLike = fc.oneof(
      fc.uint8Array({ maxLength: 200 }),
      fc
        .uint8Array({ maxLength: 120 })
        .map((b) => Uint8Array.of(0xc0 + Math.min(b.length, 55), ...b.subarray(0, 55))),
    );
    fc.assert(
      fc.property(nodeLike, (bytes) => {
        try {
          decodeNode(bytes);
        } catch (e) {
          expect(e).toBeInstanceOf(ThetaError);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("rejects what is not a node, naming what was expected", () => {
    expect(() => decodeNode(Uint8Array.of(0x83, 1, 2, 3))).toThrow(/expected a list/);
    expect(() => decodeNode(Uint8Array.of(0xc3, 0x01, 0x02, 0x03))).toThrow(/expected 2 or 17/);
    expect(() => decodeNode(Uint8Array.of(0xc2, 0x40, 0x01))).toThrow(/hex-prefix flag/);
    expect(() => decodeNode(Uint8Array.of(0xc2, 0x00, 0x01))).toThrow(/extension/);
    expect(() => decodeNode(Uint8Array.of(0xc3, 0x20, 0x82, 0x01))).toThrow(ThetaError);
  });

  it("property: hex-prefix paths round-trip with their leaf flag", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 70 }).map((b) => b.map((x) => x & 0x0f)),
        fc.boolean(),
        (path, leaf) => {
          expect(decodeHexPrefix(encodeHexPrefix(path, leaf))).toEqual({ path, leaf });
        },
      ),
    );
  });
});
