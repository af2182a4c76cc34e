import { bytesToHex } from "@theta/core-types";
import { defaultCrypto } from "@theta/crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  createBufferedNodeDb,
  createFastTrieContext,
  createMemoryKvStore,
  createVersionedState,
  nodeRefs,
  openFastTrie,
  type StateTrie,
  TrieEngine,
  type VersionedState,
  verifyProof,
} from "../src/index.ts";

/** Keys over a tiny alphabet so that random keys share prefixes and split nodes at every depth. */
const keyArb = fc.oneof(
  fc
    .uint8Array({ minLength: 1, maxLength: 4 })
    .map((k) => k.map((b) => [0x00, 0x01, 0x10, 0x11, 0xff][b % 5]!)),
  fc.uint8Array({ minLength: 32, maxLength: 32 }),
);
const valueArb = fc.oneof(
  fc.constant(new Uint8Array(0)), // deletes
  fc.uint8Array({ minLength: 1, maxLength: 1 }),
  fc.uint8Array({ minLength: 32, maxLength: 32 }),
  fc.uint8Array({ minLength: 2, maxLength: 70 }),
);
type Op =
  | { readonly t: "put"; readonly k: Uint8Array; readonly v: Uint8Array }
  | { readonly t: "del"; readonly k: Uint8Array }
  | { readonly t: "commit"; readonly reopen: boolean }
  | { readonly t: "copy" };
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ t: fc.constant("put" as const), k: keyArb, v: valueArb }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant("del" as const), k: keyArb }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant("commit" as const), reopen: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant("copy" as const) }) },
);

async function all(it: AsyncIterable<readonly [Uint8Array, Uint8Array]>): Promise<string[]> {
  const out: string[] = [];
  for await (const [k, v] of it) out.push(`${bytesToHex(k)}=${bytesToHex(v)}`);
  return out;
}

describe("fast trie against @ethereumjs/mpt", () => {
  it("property: after every commit of any put/delete/overwrite sequence the roots are equal, reads match, proofs verify", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 120 }), async (ops) => {
        const fastVs = createVersionedState(createMemoryKvStore(), { engine: TrieEngine.Fast, cacheSize: 8 });
        const mptVs = createVersionedState(createMemoryKvStore(), { engine: TrieEngine.Mpt });
        let fast: StateTrie = await fastVs.open();
        const mpt: StateTrie = await mptVs.open();
        const model = new Map<string, Uint8Array>();
        let height = 0n;
        const check = async () => {
          const root = await fast.commit();
          expect(bytesToHex(root)).toBe(bytesToHex(mpt.root()));
          height++;
          await fastVs.commit(height, root);
          await mptVs.commit(height, mpt.root());
          for (const [hex, v] of model) {
            const k = Uint8Array.from(Buffer.from(hex, "hex"));
            expect(await fast.get(k)).toEqual(v);
            const proof = await fast.prove(k);
            expect(await verifyProof(root, k, proof)).toEqual(v);
          }
          expect(await all(fast.entries(new Uint8Array(0)))).toEqual(
            [...model].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${k}=${bytesToHex(v)}`),
          );
          expect(await all(fast.entries(Uint8Array.of(0x01)))).toEqual(
            await all(mpt.entries(Uint8Array.of(0x01))),
          );
        };
        const copies: Array<{ trie: StateTrie; root: string }> = [];
        for (const op of ops) {
          if (op.t === "copy") {
            // A copy keeps the root of the moment while both sides go on changing.
            const c = fast.copy();
            copies.push({ trie: c, root: bytesToHex(mpt.root()) });
            if (copies.length % 2 === 0) {
              fast = c;
              copies[copies.length - 1] = { trie: fast.copy(), root: bytesToHex(mpt.root()) };
            }
          } else if (op.t === "commit") {
            await check();
            if (op.reopen) fast = await fastVs.open();
          } else if (op.t === "put") {
            await fast.put(op.k, op.v);
            await mpt.put(op.k, op.v);
            if (op.v.length === 0) model.delete(bytesToHex(op.k));
            else model.set(bytesToHex(op.k), op.v);
          } else {
            await fast.del(op.k);
            await mpt.del(op.k);
            model.delete(bytesToHex(op.k));
          }
        }
        await check();
        for (const c of copies) expect(bytesToHex(c.trie.root())).toBe(c.root);
        expect((await fastVs.verify()).problems).toEqual([]);
        const absent = Uint8Array.of(0x11, 0x11, 0x11, 0x11, 0x11);
        const proof = await fast.prove(absent);
        if (model.size > 0 && !model.has(bytesToHex(absent))) {
          expect(await verifyProof(fast.root(), absent, proof)).toBeUndefined();
        }
      }),
      { numRuns: 150 },
    );
  });

  it("copy() is independent of the original, both ways", async () => {
    const vs: VersionedState = createVersionedState(createMemoryKvStore(), { engine: TrieEngine.Fast });
    const a = await vs.open();
    for (let i = 0; i < 50; i++) await a.put(Uint8Array.of(1, i), Uint8Array.of(i, i, i));
    const before = a.root();
    const b = a.copy();
    await b.put(Uint8Array.of(1, 3), Uint8Array.of(9));
    await a.del(Uint8Array.of(1, 4));
    expect(await b.get(Uint8Array.of(1, 4))).toEqual(Uint8Array.of(4, 4, 4));
    expect(await a.get(Uint8Array.of(1, 3))).toEqual(Uint8Array.of(3, 3, 3));
    await a.put(Uint8Array.of(1, 4), Uint8Array.of(4, 4, 4));
    expect(a.root()).toEqual(before);
    expect(b.root()).not.toEqual(before);
  });

  it("a missing node is a TRIE_MISSING_NODE error naming the hash", async () => {
    const vs = createVersionedState(createMemoryKvStore(), { engine: TrieEngine.Fast });
    const t = await vs.openStorage(Uint8Array.from({ length: 32 }, (_, i) => i + 1));
    await expect(t.get(Uint8Array.of(1))).rejects.toMatchObject({ code: "TRIE_MISSING_NODE" });
  });
});

describe("references staged with the fast trie's nodes", () => {
  it("property: what the fast trie stages with a node equals what decoding its encoding finds", async () => {
    let staged = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ k: keyArb, v: valueArb }), { minLength: 1, maxLength: 40 }),
        async (writes) => {
          const nodes = createBufferedNodeDb(createMemoryKvStore());
          const trie = openFastTrie(createFastTrieContext(nodes, defaultCrypto.keccak256));
          for (const { k, v } of writes) await trie.put(k, v);
          await trie.commit();
          const { encodings, refs } = nodes.drainPending();
          for (const [hex, r] of refs) {
            expect(r).toEqual(nodeRefs(encodings.get(hex)!));
            staged++;
          }
        },
      ),
      { numRuns: 200 },
    );
    expect(staged).toBeGreaterThan(200);
  });
});
