import type { ChainBackups } from "./chainBackups.ts";
import { backupChainMethod } from "./methods/backupChain.ts";
import { backupChainCorrectionMethod } from "./methods/backupChainCorrection.ts";
import type { RpcRegistry } from "./registry.ts";

/** Registers the operator methods theta.BackupChain and theta.BackupChainCorrection on `registry`. */
export function registerBackupRpc(registry: RpcRegistry, backups: ChainBackups): void {
  registry.register(backupChainMethod(backups));
  registry.register(backupChainCorrectionMethod(backups));
}
