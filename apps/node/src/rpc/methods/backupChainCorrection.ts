import { z } from "zod";
import type { ChainBackups } from "../chainBackups.ts";
import type { RpcMethod } from "../registry.ts";
import { hashArg, plainUint64Arg, stringArg } from "./args.ts";
import { handlerError } from "./common.ts";

const Args = z.object({
  snapshot_height: plainUint64Arg,
  end_block_hash: hashArg,
  config: stringArg,
  exclusion_txs: z
    .array(z.string({ error: "expected a JSON string" }), { error: "expected an array of strings" })
    .nullish()
    .transform((v) => v ?? []),
});

/** The JSON result of `theta.BackupChainCorrection`. */
export interface BackupChainCorrectionJson {
  readonly chain_correction_file: string;
  /** Decimal height → `0x` block hash. */
  readonly block_hash_map: Record<string, string>;
}

/**
 * `theta.BackupChainCorrection {"snapshot_height","end_block_hash","config","exclusion_txs"}`
 * (docs/interfaces.md §1.4 method 30) → `{"chain_correction_file","block_hash_map"}`, the file under
 * `<config>/backup/chain_correction/`.
 */
export function backupChainCorrectionMethod(backups: ChainBackups): RpcMethod<typeof Args> {
  return {
    name: "theta.BackupChainCorrection",
    params: Args,
    summary:
      "rewrite the chain above a snapshot height without some txs, under <config>/backup/chain_correction/ (operator)",
    handler: async (args): Promise<BackupChainCorrectionJson> => {
      if (args.config === "") throw handlerError("config: expected the node's config directory");
      const r = await backups.backupChainCorrection({
        snapshotHeight: args.snapshot_height,
        endBlockHash: args.end_block_hash,
        configDir: args.config,
        exclusionTxs: args.exclusion_txs,
      });
      if (!r.ok) throw handlerError(r.message);
      const map: Record<string, string> = {};
      for (const [h, hash] of r.value.blockHashMap) map[h.toString()] = hash;
      return { chain_correction_file: r.value.chainCorrectionFile, block_hash_map: map };
    },
  };
}
