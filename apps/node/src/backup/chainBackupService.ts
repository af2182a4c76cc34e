/**
 * The composition's side of chain backups: the {@link ChainBackups} port over the block store (a
 * fresh scratch ledger per correction, so its uncommitted writes never touch the node's state),
 * and the `--chain_import` / `--chain_correction` import run on the block production's executor
 * before the engine starts.
 */
import type { ChainExecutor } from "@theta/chain";
import type { ChainProfile } from "@theta/core-types";
import type { ThetaCrypto } from "@theta/crypto";
import { createContractRuntime } from "@theta/evm-adapter";
import { createLedger } from "@theta/ledger";
import {
  createTrieDatabase,
  createVersionedState,
  type KvStore,
  type VersionedStateOptions,
} from "@theta/trie-store";
import type { Logger } from "pino";
import type { ChainBackups } from "../rpc/chainBackups.ts";
import type { ChainBlockStore } from "../store/blockStore.ts";
import type { TxIndex } from "../store/txIndex.ts";
import { exportChainCorrection } from "./chainCorrectionExport.ts";
import { exportChainBackup } from "./chainExport.ts";
import { type ChainImportOptions, type ChainImportSummary, importChain } from "./chainImport.ts";

/** What the backups and the import are built on. */
export interface ChainBackupServiceDeps {
  readonly kv: KvStore;
  readonly stateOptions?: VersionedStateOptions;
  readonly blocks: ChainBlockStore;
  readonly txIndex: TxIndex;
  readonly profile: ChainProfile;
  readonly crypto: ThetaCrypto;
  /** Unix seconds now (file names' dates). */
  readonly nowSeconds: () => bigint;
}

/** Creates the port of `theta.BackupChain` and `theta.BackupChainCorrection`. */
export function createChainBackups(deps: ChainBackupServiceDeps): ChainBackups {
  const forks = deps.profile.headerForks;
  return {
    backupChain: (request) =>
      exportChainBackup({ blocks: deps.blocks, forks, nowSeconds: deps.nowSeconds }, request),
    backupChainCorrection: (request) => {
      const ledger = createLedger({
        db: createTrieDatabase({ state: createVersionedState(deps.kv, deps.stateOptions) }),
        profile: deps.profile,
        crypto: deps.crypto,
        runtime: createContractRuntime({ keccak256: deps.crypto.keccak256 }, { profile: deps.profile }),
      });
      return exportChainCorrection(
        { blocks: deps.blocks, forks, keccak256: deps.crypto.keccak256, ledger },
        request,
      );
    },
  };
}

/** Imports the chain files named by `theta start`, logging progress and the outcome. */
export async function runChainImport(
  deps: ChainBackupServiceDeps & {
    readonly executor: ChainExecutor;
    readonly log: Logger;
    readonly now?: () => number;
  },
  opts: ChainImportOptions,
): Promise<ChainImportSummary> {
  const started = (deps.now ?? Date.now)();
  const report = (p: { height: bigint; target: bigint; blocksPerSecond: number }): void =>
    deps.log.info(
      { height: p.height.toString(), target: p.target.toString(), blocksPerSecond: p.blocksPerSecond },
      `chain import: height ${p.height} of ${p.target}, ${p.blocksPerSecond} blocks/s`,
    );
  deps.log.info({ chainImport: opts.chainDir, chainCorrection: opts.correctionFile }, "chain import started");
  const summary = await importChain(
    {
      blocks: deps.blocks,
      executor: deps.executor,
      txIndex: deps.txIndex,
      crypto: deps.crypto,
      chainId: deps.profile.chainId,
      forks: deps.profile.headerForks,
      now: deps.now ?? Date.now,
      report,
    },
    opts,
  );
  const seconds = ((deps.now ?? Date.now)() - started) / 1000;
  deps.log.info(
    { imported: summary.imported, height: summary.height.toString(), seconds },
    `chain import done: ${summary.imported} blocks applied, finalized height ${summary.height}`,
  );
  return summary;
}
