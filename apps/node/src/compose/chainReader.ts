/**
 * Read-side of the chain over the stores: state views at finalized blocks (with the
 * "pruned" and "not finalized" outcomes of the ChainQuery facade) and stored blocks with
 * their decoded transactions, receipts and balance changes.
 */
import { decodeTx, equalBytes, type Hash, isFinalizedStatus, ZERO_HASH } from "@theta/core-types";
import { openStateView, type StateView, type TrieDatabase } from "@theta/ledger";
import type { KvStore } from "@theta/trie-store";
import type { BlockTx, StateAt, StateRead, StoredBlock } from "../rpc/chainQuery.ts";
import type { ChainBlockStore } from "../store/blockStore.ts";
import type { IndexedTxEntry, TxIndex } from "../store/txIndex.ts";
import { hasStateRoot } from "./stateDatabase.ts";

/** What the reader reads from. */
export interface ChainReaderDeps {
  readonly kv: KvStore;
  readonly db: TrieDatabase;
  readonly blocks: ChainBlockStore;
  readonly txIndex: TxIndex;
  readonly keccak256: (data: Uint8Array) => Uint8Array;
  /**
   * The index entries of an applied block that is not finalized yet (the tx index is written at
   * finalization): its receipts and Ethereum hashes are readable from application on.
   */
  readonly appliedEntries?: (blockHash: Hash) => readonly IndexedTxEntry[];
}

/** State views and stored blocks. */
export interface ChainReader {
  /** The state after the last finalized block. */
  latestState(): Promise<StateView>;
  /** The state at `at`, or why there is none. */
  stateAt(at: StateAt): Promise<StateRead<StateView>>;
  /** The state after block `hash`, or "pruned". */
  stateOfBlock(hash: Hash): Promise<StateView | "pruned" | undefined>;
  storedBlock(hash: Hash): Promise<StoredBlock | undefined>;
}

/** Creates the reader. */
export function createChainReader(deps: ChainReaderDeps): ChainReader {
  const { kv, db, blocks, txIndex } = deps;
  const stateOfBlock = async (hash: Hash): Promise<StateView | "pruned" | undefined> => {
    const b = await blocks.get(hash);
    if (b === undefined) return undefined;
    const root = b.block.header.stateHash;
    if (!(await hasStateRoot(kv, root))) return "pruned";
    return openStateView({ db }, root);
  };
  const latestState = async (): Promise<StateView> => {
    const fin = await blocks.lastFinalized();
    const view = fin === undefined ? undefined : await stateOfBlock(fin.hash);
    if (view === undefined || view === "pruned") {
      throw new Error("the state of the last finalized block is not available");
    }
    return view;
  };
  return {
    latestState,
    stateOfBlock,
    async stateAt(at) {
      if (at.kind === "latest") return { kind: "found", value: await latestState() };
      const hashes = await blocks.hashesAtHeight(at.height);
      if (hashes.length === 0) return { kind: "noBlocks" };
      const fin = await blocks.finalizedAt(at.height);
      if (fin === undefined) return { kind: "notFinalized" };
      const view = await stateOfBlock(fin);
      if (view === undefined) return { kind: "notFinalized" };
      if (view === "pruned") return { kind: "pruned" };
      return { kind: "found", value: view };
    },
    async storedBlock(hash) {
      const block = await blocks.get(hash);
      if (block === undefined) return undefined;
      const hashes = block.block.txs.map((raw) => deps.keccak256(raw));
      const extras = await txIndex.extrasOf(hashes);
      const applied = isFinalizedStatus(block.status) ? [] : (deps.appliedEntries?.(hash) ?? []);
      const txs: BlockTx[] = block.block.txs.map((raw, i) => {
        const e = extras[i]!;
        const a =
          applied[i] !== undefined && equalBytes(applied[i].hash, hashes[i]!) ? applied[i] : undefined;
        return {
          raw,
          tx: decodeTx(raw),
          hash: hashes[i]!,
          ethTxHash: e.ethHash ?? a?.ethHash ?? ZERO_HASH,
          receipt: e.receipt ?? a?.receipt,
          balanceChanges: e.balanceChanges ?? a?.balanceChanges,
        };
      });
      return { hash, block, txs };
    },
  };
}
