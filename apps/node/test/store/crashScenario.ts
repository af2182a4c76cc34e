import type { LastVoteRecord } from "@theta/consensus";
import {
  type Block,
  BlockStatus,
  bytesToHex,
  concatBytes,
  decodeAccount,
  encodeAccount,
  type Hash,
  isFinalizedStatus,
  newAccount,
  StateKey,
} from "@theta/core-types";
import { defaultCrypto } from "@theta/crypto";
import { createMemoryKvStore, createVersionedState, type KvStore } from "@theta/trie-store";
import { expect } from "vitest";
import { hasStateRoot } from "../../src/compose/stateDatabase.ts";
import type { TxBalanceChanges, TxReceipt } from "../../src/rpc/chainQuery.ts";
import { consensusBlockStore } from "../../src/store/consensusBlockStore.ts";
import { StoreKeyPrefix } from "../../src/store/keys.ts";
import { createLastVoteStore } from "../../src/store/lastVoteStore.ts";
import { createTxIndex, type IndexedTxEntry } from "../../src/store/txIndex.ts";
import { blockStoreOn, extended, forks, makeBlock } from "./helpers.ts";

export const keccak = defaultCrypto.keccak256;
export const hex = bytesToHex;
export const hashOf = (b: Block) => blockStoreOn(createMemoryKvStore()).hashOf(b.header);
/** Kept state versions: small enough that the run prunes, large enough to keep the last finalized block's state. */
export const KEEP_VERSIONS = 5;
export const storageRootsOf = (v: Uint8Array) => {
  try {
    return [decodeAccount(v).root];
  } catch {
    return [];
  }
};
export const addr = (i: number) => new Uint8Array(20).fill(i);
export const openState = (kv: KvStore) =>
  createVersionedState(kv, { keepVersions: KEEP_VERSIONS, storageRootsOf });

/** One block of the scenario: the block, its hash and the index entries its execution produced. */
export interface ScenarioBlock {
  readonly block: Block;
  readonly hash: Hash;
  readonly height: number;
  readonly entries: readonly IndexedTxEntry[];
  /** Balance of account 1 in its state: every block has a state of its own. */
  readonly balance: bigint;
  /** On the main chain (the fork block is never finalized). */
  readonly main: boolean;
}

export function receipt(txHash: Hash, n: number, withLogs: boolean): TxReceipt {
  return {
    txHash,
    logs: withLogs
      ? [{ address: addr(0x40 + n), topics: [new Uint8Array(32).fill(n)], data: Uint8Array.of(n, n) }]
      : [],
    evmReturn: Uint8Array.of(n),
    contractAddress: addr(0x60 + n),
    gasUsed: 21_000n + BigInt(n),
    evmError: "",
  };
}

export function changes(txHash: Hash, n: number): TxBalanceChanges {
  return {
    txHash,
    balanceChanges: [
      { address: addr(0x20 + n), tokenType: 1, isNegative: n % 2 === 0, delta: 10n ** 18n * BigInt(n) },
    ],
    evmReturn: new Uint8Array(0),
    contractAddress: new Uint8Array(20),
    gasUsed: 0n,
    evmError: "",
  };
}

/** Txs of a block: a plain one, an Ethereum-signed call with a log, one with a receipt and no logs. */
export function txsFor(height: number, salt: number, count: number) {
  const raws: Uint8Array[] = [];
  const entries: IndexedTxEntry[] = [];
  for (let i = 0; i < count; i++) {
    const raw = Uint8Array.of(0xf0, height, salt, i, ...new Uint8Array(40).fill(height * 7 + i + salt));
    const hash = keccak(raw);
    const n = height * 10 + i + salt;
    raws.push(raw);
    if (i === 0) entries.push({ hash });
    else if (i === 1)
      entries.push({
        hash,
        ethHash: keccak(concatBytes(Uint8Array.of(0xee), raw)),
        receipt: receipt(hash, n, true),
        balanceChanges: changes(hash, n),
      });
    else entries.push({ hash, receipt: receipt(hash, n, false), balanceChanges: changes(hash, n) });
  }
  return { raws, entries };
}

/** A state holding account 1 with `balance`: its root, on `state`'s node buffer. */
export async function stateWith(state: ReturnType<typeof openState>, balance: bigint): Promise<Hash> {
  const trie = await state.open();
  const acc = { ...newAccount(addr(1)), balance: { thetaWei: balance, tfuelWei: 0n } };
  await trie.put(StateKey.account(addr(1)), encodeAccount(acc));
  return trie.root();
}

/**
 * The chain: the genesis, heights 1–6 on the main chain (height 2 without txs) and a competing block
 * at height 3. State roots come from a scratch store (a block's state only depends on its balance).
 */
export async function buildChain(): Promise<{ genesis: ScenarioBlock; chain: ScenarioBlock[] }> {
  const scratch = openState(createMemoryKvStore());
  const at = async (
    height: number,
    parent: Hash | undefined,
    txs: ReturnType<typeof txsFor>,
    balance: bigint,
    salt: bigint,
  ) => {
    const b = makeBlock(BigInt(height), parent, txs.raws, salt);
    const block: Block = { ...b, header: { ...b.header, stateHash: await stateWith(scratch, balance) } };
    return { block, hash: hashOf(block), height, entries: txs.entries, balance, main: salt === 0n };
  };
  const genesis = await at(0, undefined, { raws: [], entries: [] }, 1n, 0n);
  const chain: ScenarioBlock[] = [];
  let parent = genesis.hash;
  for (let h = 1; h <= 6; h++) {
    const b = await at(h, parent, txsFor(h, 0, h === 2 ? 0 : 3), 100n + BigInt(h), 0n);
    chain.push(b);
    // Another proposer's block at height 3, applied and stored, never finalized.
    if (h === 3) chain.push(await at(3, chain[1]!.hash, txsFor(3, 1, 2), 999n, 50n));
    parent = b.hash;
  }
  return { genesis, chain };
}

/** Writes the genesis as the node's first start does (before the crash window). */
export async function writeGenesis(kv: KvStore, genesis: ScenarioBlock): Promise<void> {
  const state = openState(kv);
  await state.commit(0n, await stateWith(state, genesis.balance));
  const blocks = blockStoreOn(kv);
  await blocks.put(extended(genesis.block, BlockStatus.Trusted));
  await blocks.markFinalized(genesis.hash, {
    status: BlockStatus.Trusted,
    extraOps: blocks.rootOps({ hash: genesis.hash, height: 0n }),
  });
}

/** What the store must hold once a given number of writes went in. */
export interface Expected {
  readonly applied: number;
  readonly finalized: number;
  readonly vote: LastVoteRecord | undefined;
  readonly stored: ReadonlySet<string>;
  readonly version: bigint;
}

/** The node's stores on `kv`, finalizing with the tx index of each block as blockProduction does. */
export function storesOn(kv: KvStore, blocksByHash: ReadonlyMap<string, ScenarioBlock>) {
  const blocks = blockStoreOn(kv);
  const txIndex = createTxIndex(kv);
  const port = consensusBlockStore(blocks, forks, {
    opsFor: (hash, block) =>
      txIndex.opsForBlock(hash, blocksByHash.get(hex(hash))?.entries ?? [], block.block.header),
  });
  return { blocks, txIndex, port, votes: createLastVoteStore(kv), state: openState(kv) };
}

/** Applies a block as the executor does: its state becomes a new version unless that root is stored. */
export async function applyBlock(
  kv: KvStore,
  stores: ReturnType<typeof storesOn>,
  b: ScenarioBlock,
): Promise<void> {
  const root = await stateWith(stores.state, b.balance);
  expect(hex(root)).toBe(hex(b.block.header.stateHash));
  if (!(await hasStateRoot(kv, root))) {
    const last = await stores.state.latest();
    await stores.state.commit((last?.height ?? -1n) + 1n, root);
  }
}

/** Counts the records under `prefix`. */
export async function count(kv: KvStore, prefix: Uint8Array): Promise<number> {
  let n = 0;
  for await (const _ of kv.iterate({ prefix })) n++;
  return n;
}

/**
 * Reads everything back as a restarted node would and checks that heights 0…`finalized` are finalized
 * with every record, and that nothing else is: no finalized mark, status, tx location, receipt,
 * balance change, Ethereum hash or log record of any other block. `statusOf` gives the exact status
 * expected of a finalized height (undefined: any finalized status).
 */
export async function checkFinalized(
  kv: KvStore,
  all: readonly ScenarioBlock[],
  finalized: number,
  statusOf: (height: number) => BlockStatus | undefined,
): Promise<void> {
  const blocks = blockStoreOn(kv);
  const txIndex = createTxIndex(kv);
  expect((await blocks.lastFinalized())?.height).toBe(BigInt(finalized));
  expect(hex((await blocks.root())!.hash)).toBe(hex(all[0]!.hash));
  let indexed = 0;
  let ethIndexed = 0;
  let receipts = 0;
  let logRecords = 0;
  for (const b of all) {
    const isFinal = b.main && b.height <= finalized;
    const stored = await blocks.get(b.hash);
    const mark = await blocks.finalizedAt(BigInt(b.height));
    if (isFinal) {
      expect(stored, `finalized block at ${b.height}`).toBeDefined();
      expect(hex(mark!)).toBe(hex(b.hash));
      const want = statusOf(b.height);
      if (want === undefined) expect(isFinalizedStatus(stored!.status)).toBe(true);
      else expect(stored!.status).toBe(want);
      expect(stored!.block.txs.map((t) => hex(t))).toEqual(b.block.txs.map((t) => hex(t)));
      // The last finalized block's state is on disk (the RPC's latest state reads it; older ones may be pruned).
      if (b.height === finalized) expect(await hasStateRoot(kv, b.block.header.stateHash)).toBe(true);
    } else {
      if (stored !== undefined) expect(isFinalizedStatus(stored.status)).toBe(false);
      if (mark !== undefined) expect(hex(mark)).not.toBe(hex(b.hash));
    }
    for (const [index, e] of b.entries.entries()) {
      const loc = await txIndex.locate(e.hash);
      const extras = (await txIndex.extrasOf([e.hash]))[0]!;
      if (!isFinal) {
        expect(loc).toBeUndefined();
        expect(extras).toEqual({ ethHash: undefined, receipt: undefined, balanceChanges: undefined });
        if (e.ethHash !== undefined) expect(await txIndex.locate(e.ethHash)).toBeUndefined();
        continue;
      }
      expect(loc).toEqual({ blockHash: b.hash, index, txHash: e.hash });
      expect(keccak(stored!.block.txs[index]!)).toEqual(e.hash);
      expect(extras).toEqual({ ethHash: e.ethHash, receipt: e.receipt, balanceChanges: e.balanceChanges });
      indexed++;
      if (e.ethHash !== undefined) {
        expect(await txIndex.locate(e.ethHash)).toEqual({ blockHash: b.hash, index, txHash: e.hash });
        ethIndexed++;
      }
      if (e.receipt !== undefined) receipts++;
    }
    if (b.main) {
      const logs = await txIndex.blockLogs(BigInt(b.height), BigInt(b.height));
      const withLogs = b.entries.filter((e) => (e.receipt?.logs.length ?? 0) > 0);
      if (isFinal && withLogs.length > 0) {
        expect(logs).toHaveLength(1);
        expect(hex(logs[0]!.blockHash)).toBe(hex(b.hash));
        expect(logs[0]!.timestamp).toBe(b.block.header.timestamp);
        expect(logs[0]!.txs.map((t) => hex(t.txHash))).toEqual(withLogs.map((e) => hex(e.ethHash ?? e.hash)));
        logRecords++;
      } else expect(logs).toEqual([]);
    }
  }
  // Nothing beyond the finalized blocks' records.
  expect(await count(kv, StoreKeyPrefix.finalized)).toBe(finalized + 1);
  expect(await count(kv, StoreKeyPrefix.tx)).toBe(indexed);
  expect(await count(kv, StoreKeyPrefix.ethTx)).toBe(ethIndexed);
  expect(await count(kv, StoreKeyPrefix.ethOf)).toBe(ethIndexed);
  expect(await count(kv, StoreKeyPrefix.receipt)).toBe(receipts);
  expect(await count(kv, StoreKeyPrefix.balanceChanges)).toBe(receipts);
  expect(await count(kv, StoreKeyPrefix.blockLogs)).toBe(logRecords);
}
