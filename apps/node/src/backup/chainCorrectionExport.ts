/**
 * `theta.BackupChainCorrection` (docs/interfaces.md §1.4 method 30): the finalized chain from
 * `snapshot_height + 1` up to the block `end_block_hash`, rewritten without the excluded txs (and,
 * as the reference does, without coinbase, DepositStake and WithdrawStake txs): each block gets the
 * root of its remaining txs, is re-applied on its new parent's state (the state root it gets is
 * written into the header), links to its new parent, and its HCC names the snapshot block. The
 * records go highest first, with no votes, into
 * `<config>/backup/chain_correction/theta_chain_correction-<snapshot>-<end>`.
 * Execution runs on a scratch ledger: nothing reaches the node's state.
 */
import { join } from "node:path";
import { txTrieRoot, validatorsAt } from "@theta/chain";
import {
  bytesToHex,
  decodeTx,
  type ExtendedBlock,
  err,
  type Hash,
  type HeaderForkHeights,
  isFinalizedStatus,
  ok,
  type Result,
  TxType,
} from "@theta/core-types";
import type { Ledger } from "@theta/ledger";
import type { ChainBlockStore } from "../store/blockStore.ts";
import { openBackupFile } from "./backupFileWriter.ts";
import { ChainBackupErrorCode, correctionFileName, encodeBackupBlock } from "./chainBackupFile.ts";

/** Arguments of `theta.BackupChainCorrection`. */
export interface BackupChainCorrectionRequest {
  readonly snapshotHeight: bigint;
  readonly endBlockHash: Hash;
  readonly configDir: string;
  /** Tx hashes (`0x` + hex) to leave out. */
  readonly exclusionTxs: readonly string[];
}

/** What `theta.BackupChainCorrection` answers. */
export interface BackupChainCorrectionResult {
  readonly chainCorrectionFile: string;
  /** Height → new block hash (`0x` + hex) of every rewritten block. */
  readonly blockHashMap: ReadonlyMap<bigint, string>;
}

/** What a correction export reads and runs. */
export interface CorrectionExportDeps {
  readonly blocks: ChainBlockStore;
  readonly forks: HeaderForkHeights;
  readonly keccak256: (data: Uint8Array) => Uint8Array;
  /** A ledger whose writes are never committed. */
  readonly ledger: Ledger;
}

const DROPPED_TYPES: ReadonlySet<number> = new Set([
  TxType.Coinbase,
  TxType.DepositStake,
  TxType.WithdrawStake,
]);

/** The txs of a block the correction keeps (undecodable txs are dropped too). */
export function keptTxs(
  txs: readonly Uint8Array[],
  excluded: ReadonlySet<string>,
  keccak256: (d: Uint8Array) => Uint8Array,
): Uint8Array[] {
  return txs.filter((raw) => {
    let type: number;
    try {
      type = decodeTx(raw).type;
    } catch {
      return false;
    }
    return !DROPPED_TYPES.has(type) && !excluded.has(`0x${bytesToHex(keccak256(raw))}`);
  });
}

/** Writes a chain correction file. */
export async function exportChainCorrection(
  deps: CorrectionExportDeps,
  request: BackupChainCorrectionRequest,
): Promise<Result<BackupChainCorrectionResult>> {
  const { blocks, ledger, keccak256 } = deps;
  const hashHex = `0x${bytesToHex(request.endBlockHash)}`;
  let block = await blocks.get(request.endBlockHash);
  if (block === undefined)
    return err(ChainBackupErrorCode.UnknownBlock, `Can't find block for hash ${hashHex}`);
  if (!isFinalizedStatus(block.status)) {
    return err(ChainBackupErrorCode.NotFinalized, `End Block ${hashHex} is not finalized yet`);
  }
  const endHeight = block.block.header.height;
  if (request.snapshotHeight >= endHeight)
    return err(ChainBackupErrorCode.BadRange, "Start height must be < end height");
  const snapshotHash = await blocks.finalizedAt(request.snapshotHeight);
  const snapshot = snapshotHash === undefined ? undefined : await blocks.get(snapshotHash);
  if (snapshotHash === undefined || snapshot === undefined) {
    return err(
      ChainBackupErrorCode.NoFinalizedBlock,
      `no finalized block at snapshot height ${request.snapshotHeight}`,
    );
  }
  const excluded = new Set(request.exclusionTxs.map((t) => t.toLowerCase()));
  const stack: ExtendedBlock[] = [];
  for (;;) {
    stack.push(block);
    if (block.block.header.height <= request.snapshotHeight + 1n) break;
    const parent = await blocks.get(block.block.header.parent);
    if (parent === undefined) {
      return err(
        ChainBackupErrorCode.UnknownBlock,
        `Can't find block for 0x${bytesToHex(blocks.hashOf(block.block.header))}`,
      );
    }
    block = parent;
  }
  // Lowest first: each block on its rewritten parent.
  const rewritten: ExtendedBlock[] = [];
  let parent = snapshot.block.header;
  let parentHash = snapshotHash;
  for (let i = stack.length - 1; i >= 0; i--) {
    const b = stack[i]!;
    const h = b.block.header;
    const txs = keptTxs(b.block.txs, excluded, keccak256);
    const r = await ledger.applyBlock(
      parent.stateHash,
      {
        height: h.height,
        timestamp: h.timestamp,
        parentTimestamp: parent.timestamp,
        proposer: h.proposer,
        rewards: { validators: await validatorsAt(ledger, parent.stateHash) },
      },
      txs,
    );
    if (!r.ok) return err(r.code, `height ${h.height}: ${r.message}`);
    const header = {
      ...h,
      parent: parentHash,
      hcc: { ...h.hcc, blockHash: snapshotHash },
      txHash: txTrieRoot(txs, keccak256),
      stateHash: r.value.stateRoot,
    };
    const next: ExtendedBlock = { ...b, block: { header, txs }, children: [] };
    const nextHash = blocks.hashOf(header);
    if (rewritten.length > 0)
      rewritten[rewritten.length - 1] = { ...rewritten[rewritten.length - 1]!, children: [nextHash] };
    rewritten.push(next);
    parent = header;
    parentHash = nextHash;
  }
  const dir = join(request.configDir, "backup", "chain_correction");
  const file = join(dir, correctionFileName(request.snapshotHeight, endHeight));
  const map = new Map<bigint, string>();
  try {
    const out = await openBackupFile(file);
    for (let i = rewritten.length - 1; i >= 0; i--) {
      const b = rewritten[i]!;
      await out.write(encodeBackupBlock({ block: b, votes: [] }, deps.forks));
      map.set(b.block.header.height, `0x${bytesToHex(blocks.hashOf(b.block.header))}`);
    }
    await out.close();
  } catch (e) {
    if (!(e instanceof Error)) throw e;
    return err(ChainBackupErrorCode.WriteFailed, `${file}: ${e.message}`);
  }
  return ok({ chainCorrectionFile: file, blockHashMap: map });
}
