/**
 * `theta.BackupSnapshot` (docs/interfaces.md §1.4 method 28, §8): writes the state at a finalized
 * block as a version-2 snapshot file `theta_snapshot-<height>-0x<stateRoot>-<YYYY-MM-DD>` under
 * `<config>/backup/snapshot/`, through the ledger's pure exporter.
 *
 * The metadata holds no proof trios and no VCP Merkle proof (the importer of this node does not
 * read them); the tail trio is (parent, snapshot block, finalized child with the votes of its
 * commit certificate for the snapshot block); the last checkpoint is the nearest checkpoint at
 * or below the snapshot block with the headers after it up to the snapshot block.
 */
import { join } from "node:path";
import {
  type BlockHeader,
  bytesToHex,
  equalBytes,
  err,
  type Hash,
  type HeaderForkHeights,
  isThetaError,
  ok,
  type Result,
  type SnapshotMetadata,
} from "@theta/core-types";
import { exportSnapshot, type TrieDatabase } from "@theta/ledger";
import { openBackupFile } from "../backup/backupFileWriter.ts";
import type { BackupSnapshotRequest } from "../rpc/chainQuery.ts";
import type { ChainBlockStore } from "../store/blockStore.ts";

/** Stable codes of snapshot backups. */
export const BackupErrorCode = {
  NoFinalizedBlock: "NODE_BACKUP_NO_FINALIZED_BLOCK",
  UnsupportedVersion: "NODE_BACKUP_UNSUPPORTED_VERSION",
  WriteFailed: "NODE_BACKUP_WRITE_FAILED",
} as const;

/** What a backup reads. */
export interface SnapshotBackupDeps {
  readonly blocks: ChainBlockStore;
  readonly db: TrieDatabase;
  readonly forks: HeaderForkHeights;
  readonly checkpointInterval: bigint;
  /** Unix seconds now (for the file name's date). */
  readonly nowSeconds: () => bigint;
}

/** Writes snapshot backups. */
export type SnapshotBackup = (
  request: BackupSnapshotRequest,
) => Promise<Result<{ readonly snapshotFile: string }>>;

/** `YYYY-MM-DD` (UTC) of unix seconds. */
export function backupDate(seconds: bigint): string {
  return new Date(Number(seconds) * 1000).toISOString().slice(0, 10);
}

/** The file name the reference gives a snapshot backup. */
export function snapshotFileName(height: bigint, stateRoot: Hash, seconds: bigint): string {
  return `theta_snapshot-${height}-0x${bytesToHex(stateRoot)}-${backupDate(seconds)}`;
}

/** Creates the backup writer. */
export function createSnapshotBackup(deps: SnapshotBackupDeps): SnapshotBackup {
  const { blocks } = deps;
  const headerOf = async (hash: Hash): Promise<BlockHeader | undefined> =>
    (await blocks.get(hash))?.block.header;
  const metadataFor = async (hash: Hash, header: BlockHeader): Promise<SnapshotMetadata> => {
    const parent = (await headerOf(header.parent)) ?? header;
    const childHash = await blocks.finalizedAt(header.height + 1n);
    const child = childHash === undefined ? undefined : await headerOf(childHash);
    const certifies = child !== undefined && equalBytes(child.hcc.blockHash, hash);
    return {
      proofTrios: [],
      tailTrio: {
        first: { header: parent, proof: [] },
        second: { header },
        third: { header: child ?? header, voteSet: certifies ? child.hcc.votes : [] },
      },
    };
  };
  const lastCheckpointFor = async (header: BlockHeader) => {
    const intermediate: BlockHeader[] = [];
    let cur = header;
    while (cur.height % deps.checkpointInterval !== 0n) {
      const p = await headerOf(cur.parent);
      if (p === undefined) break; // the chain's root: treat it as the checkpoint
      intermediate.unshift(cur);
      cur = p;
    }
    return { checkpointHeader: cur, intermediateHeaders: intermediate };
  };
  return async (request) => {
    if (request.version !== 2) {
      return err(
        BackupErrorCode.UnsupportedVersion,
        `version: this node writes version 2 snapshots (key/value records); version ${request.version} (trie nodes) is not supported`,
      );
    }
    const target =
      request.height === 0n ? (await blocks.lastFinalized())?.hash : await blocks.finalizedAt(request.height);
    const header = target === undefined ? undefined : await headerOf(target);
    if (target === undefined || header === undefined) {
      return err(BackupErrorCode.NoFinalizedBlock, `height: no finalized block at height ${request.height}`);
    }
    const dir = join(request.configDir, "backup", "snapshot");
    const file = join(dir, snapshotFileName(header.height, header.stateHash, deps.nowSeconds()));
    try {
      const out = await openBackupFile(file);
      const sink = { write: (bytes: Uint8Array) => out.write(bytes) };
      await exportSnapshot(
        { db: deps.db },
        sink,
        {
          stateRoot: header.stateHash,
          metadata: await metadataFor(target, header),
          version: 2n,
          lastCheckpoint: await lastCheckpointFor(header),
        },
        { forks: deps.forks },
      );
      await out.close();
    } catch (e) {
      if (!isThetaError(e) && !(e instanceof Error)) throw e;
      return err(BackupErrorCode.WriteFailed, `${file}: ${(e as Error).message}`);
    }
    return ok({ snapshotFile: file });
  };
}
