import { z } from "zod";
import type { ChainBackups } from "../chainBackups.ts";
import type { RpcMethod } from "../registry.ts";
import { plainUint64Arg, stringArg } from "./args.ts";
import { handlerError } from "./common.ts";

const Args = z.object({ start: plainUint64Arg, end: plainUint64Arg, config: stringArg });

/** The JSON result of `theta.BackupChain` (plain numbers, as the reference's uint64 fields). */
export interface BackupChainJson {
  readonly actual_start_height: number;
  readonly actual_end_height: number;
  readonly chain_file: string;
}

/**
 * `theta.BackupChain {"start","end","config"}` (docs/interfaces.md §1.4 method 29; plain JSON numbers)
 * → `{"actual_start_height","actual_end_height","chain_file"}`, the file under `<config>/backup/chain/`.
 */
export function backupChainMethod(backups: ChainBackups): RpcMethod<typeof Args> {
  return {
    name: "theta.BackupChain",
    params: Args,
    summary: "write the finalized blocks start..end with their votes under <config>/backup/chain/ (operator)",
    handler: async (args): Promise<BackupChainJson> => {
      if (args.config === "") throw handlerError("config: expected the node's config directory");
      const r = await backups.backupChain({ start: args.start, end: args.end, configDir: args.config });
      if (!r.ok) throw handlerError(r.message);
      return {
        actual_start_height: Number(r.value.actualStartHeight),
        actual_end_height: Number(r.value.actualEndHeight),
        chain_file: r.value.chainFile,
      };
    },
  };
}
