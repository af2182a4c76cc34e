/**
 * Applies one imported block on the node's tip: it must be the next height and name the tip as its
 * parent, carry the node's chain id, and (when the backup carries votes) votes signed by validators
 * with more than 2/3 of the stake of the set that certifies it; then it runs through the chain
 * executor, which checks its tx root and that executing it yields its header's state root, and is
 * stored finalized with its tx index. A block at or below the tip must be the node's own finalized
 * block at that height.
 */
import type { ChainExecutor } from "@theta/chain";
import { type ConsensusCrypto, isVoteSigned, validateCommitCertificate } from "@theta/consensus";
import {
  type BlockStatus,
  bytesToHex,
  equalBytes,
  type Hash,
  isFinalizedStatus,
  BlockStatus as Status,
  ThetaError,
} from "@theta/core-types";
import type { ChainBlockStore } from "../store/blockStore.ts";
import type { TxIndex } from "../store/txIndex.ts";
import { type BackupBlock, ChainBackupErrorCode } from "./chainBackupFile.ts";

const ZERO_HASH = new Uint8Array(32);

/** What block import runs on. */
export interface BlockImportDeps {
  readonly blocks: ChainBlockStore;
  readonly executor: Pick<ChainExecutor, "apply" | "indexEntries" | "forget" | "validatorsFor">;
  readonly txIndex: Pick<TxIndex, "opsForBlock">;
  readonly crypto: ConsensusCrypto;
  readonly chainId: string;
}

/** The node's last finalized block, moved along as blocks are imported. */
export interface ImportTip {
  hash: Hash;
  height: bigint;
}

/** How a block is imported. */
export interface BlockImportMode {
  /** Check the votes a record carries (chain backups; corrections carry none). */
  readonly checkVotes: boolean;
  /** Status of the stored block (when not keeping the record's own). */
  readonly status: BlockStatus;
  /** Keep the record's status when it is a finalized one (chain backups; corrections are trusted). */
  readonly keepRecordStatus: boolean;
}

const hex = (b: Uint8Array): string => `0x${bytesToHex(b)}`;

function fail(code: string, where: string, what: string): ThetaError {
  return new ThetaError(code, `${where}: ${what}`);
}

/** The block whose state decides the set that votes on a block with HCC `hcc`: two HCC links back. */
async function decidingBlock(blocks: ChainBlockStore, hcc: Hash): Promise<Hash> {
  if (equalBytes(hcc, ZERO_HASH)) return hcc;
  const first = await blocks.get(hcc);
  const next = first?.block.header.hcc.blockHash;
  if (next === undefined || equalBytes(next, ZERO_HASH) || (await blocks.get(next)) === undefined) return hcc;
  return next;
}

/**
 * Imports `record` on `tip` (updated in place). `where` prefixes errors (`<file>: height <h>`).
 * Returns false when the block was already the node's (nothing applied).
 */
export async function importBlock(
  deps: BlockImportDeps,
  tip: ImportTip,
  record: BackupBlock,
  mode: BlockImportMode,
  where: string,
): Promise<boolean> {
  const { blocks, executor } = deps;
  const header = record.block.block.header;
  const hash = blocks.hashOf(header);
  if (header.height <= tip.height) {
    const own = await blocks.finalizedAt(header.height);
    if (own !== undefined && !equalBytes(own, hash)) {
      throw fail(
        ChainBackupErrorCode.Mismatch,
        where,
        `block ${hex(hash)} is not the node's finalized block ${hex(own)}`,
      );
    }
    return false;
  }
  if (header.height !== tip.height + 1n) {
    throw fail(
      ChainBackupErrorCode.Gap,
      where,
      `expected the block at height ${tip.height + 1n} next (the node's tip is ${tip.height})`,
    );
  }
  if (!equalBytes(header.parent, tip.hash)) {
    throw fail(
      ChainBackupErrorCode.Mismatch,
      where,
      `parent ${hex(header.parent)} is not the block at height ${tip.height} (${hex(tip.hash)})`,
    );
  }
  if (header.chainId !== deps.chainId) {
    throw fail(
      ChainBackupErrorCode.Mismatch,
      where,
      `chain id "${header.chainId}", expected "${deps.chainId}"`,
    );
  }
  if (mode.checkVotes && record.votes.length > 0) {
    const set = await executor.validatorsFor(await decidingBlock(blocks, header.hcc.blockHash));
    const cc = validateCommitCertificate({ blockHash: hash, votes: record.votes }, set, (v) =>
      isVoteSigned(v, deps.crypto),
    );
    if (!cc.ok) throw fail(ChainBackupErrorCode.Rejected, where, cc.message);
  }
  const applied = await executor.apply(record.block.block, hash);
  if (!applied.ok) throw fail(ChainBackupErrorCode.Rejected, where, applied.reason);
  const status =
    mode.keepRecordStatus && isFinalizedStatus(record.block.status) ? record.block.status : mode.status;
  await blocks.put({
    block: record.block.block,
    children: [],
    status: Status.Valid,
    hasValidatorUpdate: applied.hasValidatorUpdate,
  });
  await blocks.markFinalized(hash, {
    status,
    opsFor: (h, b) => deps.txIndex.opsForBlock(h, executor.indexEntries(h), b.block.header),
  });
  executor.forget(hash);
  tip.hash = hash;
  tip.height = header.height;
  return true;
}
