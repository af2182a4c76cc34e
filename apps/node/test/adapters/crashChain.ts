/**
 * The finalization loop of the SIGKILL crash test (crashChild.ts, mode `chain`) and the check the
 * test runs on the database it leaves. The loop writes what the node writes for each block, in the
 * node's order and through the node's stores on LevelDB: the applied block's state version (with
 * pruning), the block (consensus port), the last vote, and the finalization of the previous block
 * with its tx index, receipts, balance changes, Ethereum hashes and log record (`opsFor`, as block
 * production passes it). A tx's index entries are derived from its bytes, so the check knows what
 * each finalized tx must have.
 */
import {
  type BlockHeader,
  BlockStatus,
  bytesToHex,
  concatBytes,
  decodeAccount,
  decodeExtendedBlock,
  encodeAccount,
  encodeBlock,
  equalBytes,
  type Hash,
  isFinalizedStatus,
  newAccount,
  privatenet,
  StateKey,
} from "@theta/core-types";
import { defaultCrypto } from "@theta/crypto";
import { createVersionedState, type KvStore, TrieEngine } from "@theta/trie-store";
import { hasStateRoot } from "../../src/compose/stateDatabase.ts";
import { emptyHeader } from "../../src/genesis/writeGenesis.ts";
import { createBlockStore } from "../../src/store/blockStore.ts";
import { consensusBlockStore } from "../../src/store/consensusBlockStore.ts";
import { StoreKeyPrefix } from "../../src/store/keys.ts";
import { createLastVoteStore } from "../../src/store/lastVoteStore.ts";
import { createTxIndex, type IndexedTxEntry } from "../../src/store/txIndex.ts";

const forks = privatenet.headerForks;
const keccak = defaultCrypto.keccak256;
const hex = bytesToHex;

export const storageRootsOf = (v: Uint8Array): Hash[] => {
  try {
    return [decodeAccount(v).root];
  } catch {
    return [];
  }
};

/** The versioned state as the loop and the check open it. */
export const openChainState = (kv: KvStore) =>
  createVersionedState(kv, { keepVersions: 5, storageRootsOf, engine: TrieEngine.Fast });

const addr = (i: number) => {
  const a = new Uint8Array(20);
  new DataView(a.buffer).setUint32(16, i);
  return a;
};

/**
 * The index entries of a tx, from its bytes: byte 0 selects a plain tx (no receipt), an
 * Ethereum-signed call with a log, or a call with a receipt and no logs.
 */
export function entryOf(raw: Uint8Array): IndexedTxEntry {
  const hash = keccak(raw);
  const kind = raw[0]! % 3;
  if (kind === 0) return { hash };
  const receipt = {
    txHash: hash,
    logs:
      kind === 1
        ? [{ address: hash.subarray(0, 20), topics: [keccak(hash)], data: hash.subarray(0, 5) }]
        : [],
    evmReturn: hash.subarray(5, 9),
    contractAddress: hash.subarray(12, 32),
    gasUsed: BigInt(21_000 + raw[1]!),
    evmError: "",
  };
  const balanceChanges = {
    txHash: hash,
    balanceChanges: [
      { address: hash.subarray(1, 21), tokenType: 1 as const, isNegative: false, delta: BigInt(raw[2]!) },
    ],
    evmReturn: new Uint8Array(0),
    contractAddress: new Uint8Array(20),
    gasUsed: 0n,
    evmError: "",
  };
  return kind === 1
    ? { hash, ethHash: keccak(concatBytes(Uint8Array.of(0xee), raw)), receipt, balanceChanges }
    : { hash, receipt, balanceChanges };
}

/** The node's stores on `kv`; `entries` gives the index entries of an applied block (the executor's). */
function storesOn(kv: KvStore, entries: (hash: Hash) => readonly IndexedTxEntry[]) {
  const blocks = createBlockStore({ kv, forks, keccak256: keccak });
  const txIndex = createTxIndex(kv);
  const port = consensusBlockStore(blocks, forks, {
    opsFor: (hash, block) => txIndex.opsForBlock(hash, entries(hash), block.block.header),
  });
  return { blocks, txIndex, port, votes: createLastVoteStore(kv), state: openChainState(kv) };
}

/**
 * Runs the loop forever from the last finalized block (writing a genesis into an empty store),
 * calling `onFinalized` after each finalization is written. Blocks left unfinalized by an earlier
 * run stay in the store (a restarted node builds on its last finalized block).
 */
export async function runFinalizationLoop(
  kv: KvStore,
  seed: number,
  onFinalized: (height: bigint) => void,
): Promise<never> {
  const applied = new Map<string, IndexedTxEntry[]>();
  const s = storesOn(kv, (hash) => applied.get(hex(hash)) ?? []);
  let rnd = seed >>> 0 || 1;
  const next = () => {
    rnd = (Math.imul(rnd, 1103515245) + 12345) & 0x7fffffff; // exact: a plain product loses its low bits
    return rnd;
  };
  const stateAfter = async (parentRoot: Hash | undefined, height: bigint): Promise<Hash> => {
    const trie = await s.state.open(parentRoot);
    for (let u = 0; u < 20; u++) {
      const a = addr(next() % 300);
      const acc = { ...newAccount(a), sequence: height, balance: { thetaWei: BigInt(next()), tfuelWei: 1n } };
      await trie.put(StateKey.account(a), encodeAccount(acc));
    }
    const root = trie.root();
    if (!(await hasStateRoot(kv, root))) {
      const last = await s.state.latest();
      await s.state.commit((last?.height ?? -1n) + 1n, root);
    }
    return root;
  };
  if ((await s.blocks.root()) === undefined) {
    const header: BlockHeader = { ...emptyHeader("privatenet"), stateHash: await stateAfter(undefined, 0n) };
    const hash = await s.blocks.put({
      block: { header, txs: [] },
      children: [],
      status: BlockStatus.Trusted,
      hasValidatorUpdate: false,
    });
    await s.blocks.markFinalized(hash, {
      status: BlockStatus.Trusted,
      extraOps: s.blocks.rootOps({ hash, height: 0n }),
    });
  }
  const fin = (await s.blocks.lastFinalized())!;
  let parentHash = fin.hash;
  let parent = (await s.blocks.get(fin.hash))!.block.header;
  let epoch = ((await s.votes.load())?.epoch ?? parent.epoch) + 1n;
  let unfinalized: Hash | undefined;
  for (let n = 0; ; n++) {
    const height = parent.height + 1n;
    const txs: Uint8Array[] = [];
    for (let i = next() % 12; i > 0; i--) {
      const raw = new Uint8Array(48);
      // The high bits: the low byte of this power-of-two LCG repeats every 256 draws (duplicate txs).
      for (let j = 0; j < raw.length; j++) raw[j] = (next() >>> 16) & 0xff;
      txs.push(raw);
    }
    const header: BlockHeader = {
      ...emptyHeader("privatenet"),
      height,
      epoch,
      parent: parentHash,
      timestamp: BigInt(seed) * 1_000_000n + BigInt(n),
      stateHash: await stateAfter(parent.stateHash, height),
    };
    const hash = s.blocks.hashOf(header);
    applied.set(hex(hash), txs.map(entryOf));
    await s.port.put(hash, encodeBlock({ header, txs }, forks));
    await s.votes.save({ epoch, height, blockHash: hash });
    // Two-chain finalization: a stored block finalizes its parent; every fourth block does not, so
    // the next one finalizes two blocks (the older indirectly) in one batch.
    if (unfinalized !== undefined && n % 4 !== 3) {
      await s.port.markFinalized(unfinalized);
      onFinalized(height - 1n);
    }
    unfinalized = hash;
    parentHash = hash;
    parent = header;
    epoch++;
  }
}

const count = async (kv: KvStore, prefix: Uint8Array): Promise<number> => {
  let n = 0;
  for await (const _ of kv.iterate({ prefix })) n++;
  return n;
};

/** What the check found. */
export interface ChainCheck {
  readonly finalized: bigint;
  readonly txs: number;
  readonly problems: string[];
}

/**
 * Reads back every finalized height and every tx in it, and everything else the loop wrote: each
 * finalized block has its status, finalized mark, parent link, txs with their location, receipt,
 * balance changes, Ethereum hash and log record; no unfinalized block has any of them; the state's
 * fsck is clean and the last finalized block's state is on disk.
 */
export async function checkFinalizedChain(kv: KvStore): Promise<ChainCheck> {
  const s = storesOn(kv, () => []);
  const problems: string[] = [];
  const fail = (m: string) => problems.push(m);
  const last = await s.blocks.lastFinalized();
  if (last === undefined) return { finalized: -1n, txs: 0, problems: ["no finalized block"] };
  let txs = 0;
  let receipts = 0;
  let eth = 0;
  let logRecords = 0;
  let prev: Hash | undefined;
  for (let h = 0n; h <= last.height; h++) {
    const hash = await s.blocks.finalizedAt(h);
    const block = hash === undefined ? undefined : await s.blocks.get(hash);
    if (hash === undefined || block === undefined) {
      fail(`height ${h}: ${hash === undefined ? "no finalized mark" : "finalized block not stored"}`);
      continue;
    }
    if (!isFinalizedStatus(block.status)) fail(`height ${h}: status ${block.status}`);
    if (block.block.header.height !== h) fail(`height ${h}: block of height ${block.block.header.height}`);
    if (prev !== undefined && !equalBytes(block.block.header.parent, prev))
      fail(`height ${h}: parent is not ${hex(prev)}`);
    prev = hash;
    const entries = block.block.txs.map(entryOf);
    const extras = await s.txIndex.extrasOf(entries.map((e) => e.hash));
    for (const [index, e] of entries.entries()) {
      txs++;
      const loc = await s.txIndex.locate(e.hash);
      if (loc === undefined || !equalBytes(loc.blockHash, hash) || loc.index !== index)
        fail(
          `height ${h} tx ${index}: located at ${loc === undefined ? "nowhere" : `${hex(loc.blockHash)}/${loc.index}`}`,
        );
      const x = extras[index]!;
      if (
        !same(x.receipt, e.receipt) ||
        !same(x.balanceChanges, e.balanceChanges) ||
        !same(x.ethHash, e.ethHash)
      )
        fail(`height ${h} tx ${index}: receipt, balance changes or Ethereum hash differ`);
      if (e.receipt !== undefined) receipts++;
      if (e.ethHash !== undefined) {
        eth++;
        const byEth = await s.txIndex.locate(e.ethHash);
        if (byEth === undefined || !equalBytes(byEth.txHash, e.hash))
          fail(`height ${h} tx ${index}: not found by its Ethereum hash`);
      }
    }
    const withLogs = entries.filter((e) => (e.receipt?.logs.length ?? 0) > 0);
    const logs = await s.txIndex.blockLogs(h, h);
    if (withLogs.length > 0) {
      logRecords++;
      if (
        logs.length !== 1 ||
        !equalBytes(logs[0]!.blockHash, hash) ||
        logs[0]!.txs.length !== withLogs.length
      )
        fail(`height ${h}: log record missing or wrong`);
    } else if (logs.length > 0) fail(`height ${h}: a log record for a block without logs`);
  }
  // Nothing indexed beyond the finalized blocks, no finalized status without a mark.
  const expectCount = async (what: string, prefix: Uint8Array, n: number) => {
    const got = await count(kv, prefix);
    if (got !== n) fail(`${what}: ${got} records, expected ${n}`);
  };
  await expectCount("finalized marks", StoreKeyPrefix.finalized, Number(last.height) + 1);
  await expectCount("tx locations", StoreKeyPrefix.tx, txs);
  await expectCount("receipts", StoreKeyPrefix.receipt, receipts);
  await expectCount("balance changes", StoreKeyPrefix.balanceChanges, receipts);
  await expectCount("Ethereum hashes", StoreKeyPrefix.ethTx, eth);
  await expectCount("Ethereum hashes (reverse)", StoreKeyPrefix.ethOf, eth);
  await expectCount("log records", StoreKeyPrefix.blockLogs, logRecords);
  let finalStatuses = 0;
  for await (const [, v] of kv.iterate({ prefix: StoreKeyPrefix.block })) {
    if (isFinalizedStatus(decodeExtendedBlock(v, forks).status)) finalStatuses++;
  }
  if (finalStatuses !== Number(last.height) + 1)
    fail(`${finalStatuses} blocks with a finalized status, expected ${last.height + 1n}`);
  const vote = await s.votes.load();
  if (vote === undefined || vote.height < last.height)
    fail(`last vote ${vote?.height} below the finalized ${last.height}`);
  const head = (await s.blocks.get(last.hash))!;
  if (!(await hasStateRoot(kv, head.block.header.stateHash)))
    fail("the last finalized block's state is not on disk");
  const fsck = await s.state.verify();
  for (const p of fsck.problems) fail(`state: ${p}`);
  return { finalized: last.height, txs, problems };
}

/** Deep equality of decoded records (bytes by content, object keys in any order). */
function same(a: unknown, b: unknown): boolean {
  if (a instanceof Uint8Array || b instanceof Uint8Array)
    return a instanceof Uint8Array && b instanceof Uint8Array && equalBytes(a, b);
  if (Array.isArray(a) || Array.isArray(b))
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (typeof a === "object" && a !== null && typeof b === "object" && b !== null) {
    const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
    const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
    return (
      ka.length === kb.length &&
      ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
    );
  }
  return a === b;
}
