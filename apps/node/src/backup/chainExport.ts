/**
 * `theta.BackupChain` (docs/interfaces.md §1.4 method 29, §8): the finalized block at or below `end`
 * and its ancestors down to `start`, highest first, each with the votes on it, into
 * `<config>/backup/chain/theta_chain-<start>-<actualEnd>-<YYYY-MM-DD>`. When the walk reaches the
 * node's root before `start` (a node started from a snapshot), the file is renamed after the
 * lowest block written, as the reference does.
 */
import { rename } from "node:fs/promises";
import { join } from "node:path";
import {
  type ExtendedBlock,
  equalBytes,
  err,
  type Hash,
  type HeaderForkHeights,
  ok,
  type Result,
  type VoteSet,
} from "@theta/core-types";
import type { ChainBlockStore } from "../store/blockStore.ts";
import { openBackupFile } from "./backupFileWriter.ts";
import { ChainBackupErrorCode, chainFileName, encodeBackupBlock } from "./chainBackupFile.ts";

/** Arguments of `theta.BackupChain`. */
export interface BackupChainRequest {
  readonly start: bigint;
  readonly end: bigint;
  /** The node's config directory; the file goes under `<configDir>/backup/chain/`. */
  readonly configDir: string;
}

/** What `theta.BackupChain` answers. */
export interface BackupChainResult {
  readonly actualStartHeight: bigint;
  readonly actualEndHeight: bigint;
  /** Path of the file written. */
  readonly chainFile: string;
}

/** What chain exports read. */
export interface ChainExportDeps {
  readonly blocks: ChainBlockStore;
  readonly forks: HeaderForkHeights;
  /** Unix seconds now (the file name's date). */
  readonly nowSeconds: () => bigint;
}

/**
 * The votes on block `hash`: the commit certificate of a stored child that certifies it (`child`
 * first, then the block's other children), else none.
 */
export async function votesOn(
  blocks: ChainBlockStore,
  hash: Hash,
  block: ExtendedBlock,
  child?: ExtendedBlock,
): Promise<VoteSet> {
  if (child !== undefined && equalBytes(child.block.header.hcc.blockHash, hash))
    return child.block.header.hcc.votes;
  for (const c of block.children) {
    const b = await blocks.get(c);
    if (b !== undefined && equalBytes(b.block.header.hcc.blockHash, hash)) return b.block.header.hcc.votes;
  }
  return [];
}

/** Writes a chain backup. */
export async function exportChainBackup(
  deps: ChainExportDeps,
  request: BackupChainRequest,
): Promise<Result<BackupChainResult>> {
  const { blocks } = deps;
  const { start, end } = request;
  if (start > end) return err(ChainBackupErrorCode.BadRange, "start height must be <= end height");
  const last = await blocks.lastFinalized();
  let top: Hash | undefined;
  for (let h = last === undefined || last.height > end ? end : last.height; h >= start && h >= 0n; h--) {
    top = await blocks.finalizedAt(h);
    if (top !== undefined) break;
    if (h === 0n) break;
  }
  const topBlock = top === undefined ? undefined : await blocks.get(top);
  if (top === undefined || topBlock === undefined) {
    return err(
      ChainBackupErrorCode.NoFinalizedBlock,
      `There's no finalized block between height ${start} and ${end}`,
    );
  }
  const actualEnd = topBlock.block.header.height;
  const dir = join(request.configDir, "backup", "chain");
  const date = deps.nowSeconds();
  const file = join(dir, chainFileName(start, actualEnd, date));
  let lowest = actualEnd;
  try {
    const out = await openBackupFile(file);
    let hash: Hash = top;
    let cur: ExtendedBlock = topBlock;
    let child: ExtendedBlock | undefined;
    for (;;) {
      lowest = cur.block.header.height;
      await out.write(
        encodeBackupBlock({ block: cur, votes: await votesOn(blocks, hash, cur, child) }, deps.forks),
      );
      if (lowest <= start || lowest === 0n) break;
      const parentHash = cur.block.header.parent;
      const parent = await blocks.get(parentHash);
      if (parent === undefined) break;
      child = cur;
      cur = parent;
      hash = parentHash;
    }
    await out.close();
  } catch (e) {
    if (!(e instanceof Error)) throw e;
    return err(ChainBackupErrorCode.WriteFailed, `${file}: ${e.message}`);
  }
  if (lowest > start) {
    const renamed = join(dir, chainFileName(lowest, actualEnd, date));
    await rename(file, renamed);
    return ok({ actualStartHeight: lowest, actualEndHeight: actualEnd, chainFile: renamed });
  }
  return ok({ actualStartHeight: start, actualEndHeight: actualEnd, chainFile: file });
}
