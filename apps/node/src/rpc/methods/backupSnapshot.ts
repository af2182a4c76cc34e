import { z } from "zod";
import type { BackupSnapshotRequest, ChainQuery } from "../chainQuery.ts";
import type { RpcMethod } from "../registry.ts";
import { plainUint64Arg, stringArg } from "./args.ts";
import { handlerError } from "./common.ts";

const Args = z.object({ config: stringArg, height: plainUint64Arg, version: plainUint64Arg });

/** The reference's version rule: 0 → 2; 2 and 3 as given; anything else → 4. */
export function snapshotVersion(requested: bigint): BackupSnapshotRequest["version"] {
  if (requested === 0n || requested === 2n) return 2;
  if (requested === 3n) return 3;
  return 4;
}

/**
 * `theta.BackupSnapshot {"config","height","version"}` (docs/interfaces.md §1.4 method 28; plain JSON
 * numbers, not strings) → `{"snapshot_file"}` under `<config>/backup/snapshot/`.
 */
export function backupSnapshotMethod(chain: ChainQuery): RpcMethod<typeof Args> {
  return {
    name: "theta.BackupSnapshot",
    params: Args,
    summary: "write a snapshot of the state at a height under <config>/backup/snapshot/ (operator)",
    handler: async (args): Promise<{ snapshot_file: string }> => {
      const r = await chain.backupSnapshot({
        configDir: args.config,
        height: args.height,
        version: snapshotVersion(args.version),
      });
      if (!r.ok) throw handlerError(r.message);
      return { snapshot_file: r.value.snapshotFile };
    },
  };
}
