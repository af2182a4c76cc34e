/**
 * Chain backup files (docs/interfaces.md §8): framed records (u64 little-endian length, then the
 * payload), each payload the RLP of a `BackupBlock` `[ExtendedBlock, VoteSet]`. A chain backup
 * `theta_chain-<start>-<end>-<YYYY-MM-DD>` holds finalized blocks from `end` down to `start` (highest
 * first) with the votes on each; a chain correction `theta_chain_correction-<snapshot>-<end>` holds
 * rewritten blocks from `end` down to `snapshot + 1` with an empty vote set.
 */
import {
  decodeList,
  type ExtendedBlock,
  extendedBlockFromItem,
  extendedBlockToItem,
  frameRecord,
  type HeaderForkHeights,
  rlpDecode,
  rlpEncode,
  type VoteSet,
  voteSetFromItem,
  voteSetToItem,
} from "@theta/core-types";

/** Stable codes of chain backups, corrections and their import. */
export const ChainBackupErrorCode = {
  BadRange: "BACKUP_CHAIN_BAD_RANGE",
  NoFinalizedBlock: "BACKUP_CHAIN_NO_FINALIZED_BLOCK",
  UnknownBlock: "BACKUP_CHAIN_UNKNOWN_BLOCK",
  NotFinalized: "BACKUP_CHAIN_NOT_FINALIZED",
  WriteFailed: "BACKUP_CHAIN_WRITE_FAILED",
  Corrupt: "BACKUP_CHAIN_IMPORT_CORRUPT",
  BadFileName: "BACKUP_CHAIN_IMPORT_BAD_FILE_NAME",
  Gap: "BACKUP_CHAIN_IMPORT_GAP",
  Mismatch: "BACKUP_CHAIN_IMPORT_MISMATCH",
  Rejected: "BACKUP_CHAIN_IMPORT_REJECTED",
} as const;

/** One record of a chain backup: a block with its local bookkeeping and the votes on it. */
export interface BackupBlock {
  readonly block: ExtendedBlock;
  readonly votes: VoteSet;
}

/** The framed record of `b`. */
export function encodeBackupBlock(b: BackupBlock, forks: HeaderForkHeights): Uint8Array {
  return frameRecord(rlpEncode([extendedBlockToItem(b.block, forks), voteSetToItem(b.votes)]));
}

/** Decodes one record payload (without its length prefix), strictly. */
export function decodeBackupBlock(payload: Uint8Array, forks: HeaderForkHeights): BackupBlock {
  const [block, votes] = decodeList(rlpDecode(payload), "backup_block", 2);
  return {
    block: extendedBlockFromItem(block!, forks, "backup_block.block"),
    votes: voteSetFromItem(votes!, "backup_block.votes"),
  };
}

/** `YYYY-MM-DD` (UTC) of unix seconds. */
export function utcDate(seconds: bigint): string {
  return new Date(Number(seconds) * 1000).toISOString().slice(0, 10);
}

/** The name the reference gives a chain backup. */
export function chainFileName(start: bigint, end: bigint, seconds: bigint): string {
  return `theta_chain-${start}-${end}-${utcDate(seconds)}`;
}

/** The name the reference gives a chain correction. */
export function correctionFileName(snapshotHeight: bigint, end: bigint): string {
  return `theta_chain_correction-${snapshotHeight}-${end}`;
}

/** The heights a chain backup's name declares, or undefined for any other name. */
export function parseChainFileName(name: string): { start: bigint; end: bigint } | undefined {
  const m = /^theta_chain-(\d+)-(\d+)-/.exec(name);
  return m === null ? undefined : { start: BigInt(m[1]!), end: BigInt(m[2]!) };
}
