/**
 * The finalization loop of the SIGKILL crash test (crashChild.ts, mode `chain`); the check the test
 * runs on the database it leaves is in crashChainCheck.ts. The loop writes what the node writes for each block, in the
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
  encodeAccount,
  encodeBlock,
  type Hash,
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
export function storesOn(kv: KvStore, entries: (hash: Hash) => readonly IndexedTxEntry[]) {
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
