/** A deterministic account-update workload shared by the pruning tests and the benchmark. */
import { encodeAccount, newAccount, StateKey } from "@theta/core-types";
import {
  createMemoryKvStore,
  createVersionedState,
  type StateTrie,
  TrieEngine,
  type VersionedState,
} from "../../src/index.ts";

export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

export function address(i: number): Uint8Array {
  const a = new Uint8Array(20);
  new DataView(a.buffer).setUint32(16, i);
  a[0] = 0xa0;
  return a;
}

async function putAccount(trie: StateTrie, i: number, bal: bigint): Promise<void> {
  const acc = { ...newAccount(address(i)), balance: { thetaWei: bal, tfuelWei: 5n * bal } };
  await trie.put(StateKey.account(address(i)), encodeAccount(acc));
}

/** Applies `blocks` blocks of `updates` balance changes over `accounts` accounts; returns the live balances. */
export async function runBlocks(
  vs: VersionedState,
  opts: { blocks: number; updates: number; accounts: number; seed: number; balances?: Map<number, bigint> },
): Promise<Map<number, bigint>> {
  const r = rng(opts.seed);
  const balances = opts.balances ?? new Map<number, bigint>();
  const start = ((await vs.latest())?.height ?? 0n) + 1n;
  for (let b = 0; b < opts.blocks; b++) {
    const trie = await vs.open();
    for (let u = 0; u < opts.updates; u++) {
      const i = Math.floor(r() * opts.accounts);
      const bal = BigInt(Math.floor(r() * 1e9)) + 1n;
      balances.set(i, bal);
      await putAccount(trie, i, bal);
    }
    await vs.commit(start + BigInt(b), trie.root());
  }
  return balances;
}

/** Commits one block that writes accounts 0..accounts-1 (balance 1) on top of the latest version. */
export async function writeAll(
  vs: VersionedState,
  accounts: number,
  balances: Map<number, bigint>,
): Promise<void> {
  const trie = await vs.open();
  for (let i = 0; i < accounts; i++) {
    balances.set(i, 1n);
    await putAccount(trie, i, 1n);
  }
  await vs.commit(((await vs.latest())?.height ?? 0n) + 1n, trie.root());
}

/** Bytes of the live state alone: the same accounts written once into a fresh store. */
export async function liveStateBytes(balances: ReadonlyMap<number, bigint>): Promise<number> {
  const kv = createMemoryKvStore();
  const vs = createVersionedState(kv, { engine: TrieEngine.Fast });
  const trie = await vs.open();
  for (const [i, bal] of balances) await putAccount(trie, i, bal);
  await vs.commit(1n, trie.root());
  return kv.byteSize();
}
