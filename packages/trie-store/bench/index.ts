/**
 * Trie throughput: random account updates through `StateTrie` on our trie against
 * @ethereumjs/mpt (the baseline), measured in the same run, with and without a versioned commit
 * (reference counting into an in-memory store) per block.
 *   node --conditions=@theta/source --import tsx bench/index.ts [updates=20000] [accounts=50000] [block=1000]
 */
import { performance } from "node:perf_hooks";
import { encodeAccount, newAccount, StateKey } from "@theta/core-types";
import { createCrypto } from "@theta/crypto";
import { nativeBackend } from "@theta/crypto-native";
import { createMemoryKvStore, createVersionedState, type TrieEngine } from "../src/index.ts";
import { storageRootsOf } from "../test/helpers/pruningRun.ts";
import { address, rng } from "../test/helpers/workload.ts";

const [updates = 20_000, accounts = 50_000, block = 1000] = process.argv.slice(2).map(Number);
const native = createCrypto(nativeBackend).keccak256;

/** Prebuilt (key, value) pairs so that the timed part is the trie alone. */
const r = rng(11);
const work = Array.from({ length: updates }, () => {
  const a = address(Math.floor(r() * accounts));
  const acc = { ...newAccount(a), balance: { thetaWei: BigInt(Math.floor(r() * 1e12)), tfuelWei: 1n } };
  return [StateKey.account(a), encodeAccount(acc)] as const;
});

async function run(engine: TrieEngine, commit: boolean, keccak?: (d: Uint8Array) => Uint8Array) {
  const vs = createVersionedState(createMemoryKvStore(), {
    engine,
    storageRootsOf,
    ...(keccak === undefined ? {} : { keccak256: keccak }),
  });
  let trie = await vs.open();
  const t0 = performance.now();
  let height = 0n;
  for (let i = 0; i < work.length; i++) {
    await trie.put(work[i]![0], work[i]![1]);
    if ((i + 1) % block === 0) {
      const root = await trie.commit();
      if (commit) {
        await vs.commit(++height, root);
        trie = await vs.open();
      }
    }
  }
  return updates / ((performance.now() - t0) / 1000);
}

console.log(`${updates} account updates over ${accounts} accounts, root per ${block} updates`);
const rows: Array<[string, number]> = [
  ["@ethereumjs/mpt (baseline)", await run("mpt", false)],
  ["fast trie, noble keccak", await run("fast", false)],
  ["fast trie, native keccak", await run("fast", false, native)],
  ["@ethereumjs/mpt + versioned commit", await run("mpt", true)],
  ["fast trie + versioned commit (native)", await run("fast", true, native)],
];
const base = rows[0]![1];
for (const [name, ops] of rows)
  console.log(
    `${name.padEnd(40)} ${ops.toFixed(0).padStart(8)} updates/s  ${(ops / base).toFixed(1)}x baseline`,
  );
