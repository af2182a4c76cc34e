/**
 * `theta start --chain_import <dir>` and `--chain_correction <file>`: the chain backups of `<dir>`
 * (`theta_chain-<start>-<end>-<date>`, lowest start first; other names are ignored), then the
 * correction file, are imported on the node's last finalized block, each block lowest first through
 * {@link importBlock}. Blocks the node already holds are compared with its own; a missing range
 * between files, a file whose blocks do not match its name, or any refused block stops the start
 * with one line naming the file, the height and what is wrong. A progress line (height, target,
 * blocks/s) is reported every `progressEveryMs`.
 */
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import type { HeaderForkHeights } from "@theta/core-types";
import { BlockStatus, ThetaError } from "@theta/core-types";
import type { BlockImportDeps, BlockImportMode, ImportTip } from "./blockImporter.ts";
import { importBlock } from "./blockImporter.ts";
import { ChainBackupErrorCode, parseChainFileName } from "./chainBackupFile.ts";
import { corruptFile, indexRecords, openRecordFile } from "./chainFileReader.ts";
import { createImportProgress, type ImportProgress } from "./importProgress.ts";

/** What an import needs. */
export interface ChainImportDeps extends BlockImportDeps {
  readonly forks: HeaderForkHeights;
  /** Milliseconds from any fixed origin (for blocks/s). */
  readonly now: () => number;
  readonly report: (line: { height: bigint; target: bigint; blocksPerSecond: number }) => void;
}

/** What to import. */
export interface ChainImportOptions {
  readonly chainDir?: string | undefined;
  readonly correctionFile?: string | undefined;
  /** Default 5000. */
  readonly progressEveryMs?: number;
}

/** What an import did. */
export interface ChainImportSummary {
  /** Blocks applied (blocks the node already had are not counted). */
  readonly imported: number;
  readonly height: bigint;
}

/** A chain backup file of the import directory. */
export interface ChainSegmentFile {
  readonly file: string;
  readonly start: bigint;
  readonly end: bigint;
}

/** The chain backups in `dir`, lowest start first. */
export async function listChainFiles(dir: string): Promise<ChainSegmentFile[]> {
  const names = await readdir(dir).catch((e: NodeJS.ErrnoException) => {
    throw new ThetaError(
      ChainBackupErrorCode.BadFileName,
      `--chain_import: cannot read ${dir}: ${e.message}`,
    );
  });
  const out: ChainSegmentFile[] = [];
  for (const name of names) {
    const b = parseChainFileName(name);
    if (b !== undefined) out.push({ file: join(dir, name), ...b });
  }
  out.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  if (out.length === 0) {
    throw new ThetaError(
      ChainBackupErrorCode.BadFileName,
      `--chain_import: ${dir} holds no theta_chain-<start>-<end>-<date> file`,
    );
  }
  return out;
}

async function importFile(
  deps: ChainImportDeps,
  tip: ImportTip,
  file: string,
  declared: { start: bigint; end: bigint } | undefined,
  mode: BlockImportMode,
  progress: ImportProgress,
): Promise<void> {
  const spans = await indexRecords(file);
  if (spans.length === 0) throw corruptFile(file, "record 0", "the file holds no block");
  const reader = await openRecordFile(file, deps.forks);
  try {
    let expected: bigint | undefined;
    // Records are highest first: read them from the last.
    for (let i = spans.length - 1; i >= 0; i--) {
      const record = await reader.read(spans[i]!);
      const height = record.block.block.header.height;
      const where = `${file}: height ${height}`;
      if (expected === undefined && declared !== undefined && height !== declared.start) {
        throw corruptFile(
          file,
          `record ${i}`,
          `lowest block has height ${height}, the file name declares ${declared.start}`,
        );
      }
      if (expected !== undefined && height !== expected) {
        throw corruptFile(
          file,
          `record ${i}`,
          `block at height ${height}, expected ${expected} (records run from the highest down by one)`,
        );
      }
      expected = height + 1n;
      if (await importBlock(deps, tip, record, mode, where)) progress.block(height);
    }
    if (declared !== undefined && expected !== declared.end + 1n) {
      throw corruptFile(
        file,
        "record 0",
        `highest block has height ${expected! - 1n}, the file name declares ${declared.end}`,
      );
    }
  } finally {
    await reader.close();
  }
}

/** Runs the import on the node's last finalized block. */
export async function importChain(
  deps: ChainImportDeps,
  opts: ChainImportOptions,
): Promise<ChainImportSummary> {
  const last = await deps.blocks.lastFinalized();
  if (last === undefined)
    throw new ThetaError(
      ChainBackupErrorCode.Gap,
      "chain import: the node has no finalized block to import on",
    );
  const tip: ImportTip = { hash: last.hash, height: last.height };
  const files = opts.chainDir === undefined ? [] : await listChainFiles(opts.chainDir);
  let target = tip.height;
  for (const f of files) if (f.end > target) target = f.end;
  const progress = createImportProgress(deps, target, opts.progressEveryMs ?? 5000);
  let covered = -1n;
  for (const f of files) {
    if (f.start > covered + 1n && f.start > tip.height + 1n) {
      throw new ThetaError(
        ChainBackupErrorCode.Gap,
        `${f.file}: height ${f.start}: no chain file covers heights ${(covered > tip.height ? covered : tip.height) + 1n} to ${f.start - 1n}`,
      );
    }
    await importFile(
      deps,
      tip,
      f.file,
      f,
      { checkVotes: true, status: BlockStatus.DirectlyFinalized, keepRecordStatus: true },
      progress,
    );
    if (f.end > covered) covered = f.end;
  }
  if (opts.correctionFile !== undefined) {
    await importFile(
      deps,
      tip,
      opts.correctionFile,
      undefined,
      { checkVotes: false, status: BlockStatus.Trusted, keepRecordStatus: false },
      progress,
    );
  }
  return { imported: progress.count, height: tip.height };
}
