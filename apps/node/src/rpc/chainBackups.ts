/**
 * The port behind `theta.BackupChain` and `theta.BackupChainCorrection` (docs/interfaces.md §1.4
 * methods 29–30): the composition implements it with src/backup/*. Failures are Result errors; the
 * methods turn them into -32000 with the message.
 */
import type { Result } from "@theta/core-types";
import type {
  BackupChainCorrectionRequest,
  BackupChainCorrectionResult,
} from "../backup/chainCorrectionExport.ts";
import type { BackupChainRequest, BackupChainResult } from "../backup/chainExport.ts";

export type {
  BackupChainCorrectionRequest,
  BackupChainCorrectionResult,
  BackupChainRequest,
  BackupChainResult,
};

/** Chain backups and corrections of the running node. */
export interface ChainBackups {
  backupChain(request: BackupChainRequest): Promise<Result<BackupChainResult>>;
  backupChainCorrection(request: BackupChainCorrectionRequest): Promise<Result<BackupChainCorrectionResult>>;
}
