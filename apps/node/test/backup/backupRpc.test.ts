import { err, ok } from "@theta/core-types";
import { describe, expect, it } from "vitest";
import type {
  BackupChainCorrectionRequest,
  BackupChainRequest,
  ChainBackups,
} from "../../src/rpc/chainBackups.ts";
import { registerBackupRpc } from "../../src/rpc/registerBackupRpc.ts";
import { createRpcRegistry } from "../../src/rpc/registry.ts";

const HASH = `0x${"ab".repeat(32)}`;
const seen: Array<BackupChainRequest | BackupChainCorrectionRequest> = [];
const backups: ChainBackups = {
  async backupChain(req) {
    seen.push(req);
    if (req.start > req.end) return err("BACKUP_CHAIN_BAD_RANGE", "start height must be <= end height");
    return ok({
      actualStartHeight: req.start,
      actualEndHeight: req.end - 1n,
      chainFile: `${req.configDir}/backup/chain/f`,
    });
  },
  async backupChainCorrection(req) {
    seen.push(req);
    return ok({
      chainCorrectionFile: `${req.configDir}/backup/chain_correction/theta_chain_correction-3-5`,
      blockHashMap: new Map([
        [4n, `0x${"04".repeat(32)}`],
        [5n, `0x${"05".repeat(32)}`],
      ]),
    });
  },
};
const registry = createRpcRegistry();
registerBackupRpc(registry, backups);
const call = (method: string, params: unknown) =>
  registry.dispatch(method, [params], { signal: new AbortController().signal });

describe("theta.BackupChain and theta.BackupChainCorrection (docs/interfaces.md §1.4 methods 29–30)", () => {
  it("BackupChain takes plain numbers and answers the reference's members as numbers and a path", async () => {
    const r = await call("theta.BackupChain", { start: 1, end: 10, config: "/n" });
    expect(seen.at(-1)).toEqual({ start: 1n, end: 10n, configDir: "/n" });
    expect(r).toEqual({
      result: { actual_start_height: 1, actual_end_height: 9, chain_file: "/n/backup/chain/f" },
    });
    expect(JSON.stringify((r as { result: unknown }).result)).toBe(
      '{"actual_start_height":1,"actual_end_height":9,"chain_file":"/n/backup/chain/f"}',
    );
  });
  it("BackupChain refuses string heights (-32602) and reports the backup's error as -32000", async () => {
    expect(await call("theta.BackupChain", { start: "1", end: 2, config: "/n" })).toMatchObject({
      error: { code: -32602 },
    });
    expect(await call("theta.BackupChain", { start: 3, end: 2, config: "/n" })).toEqual({
      error: { code: -32000, message: "start height must be <= end height" },
    });
    expect(await call("theta.BackupChain", { start: 0, end: 2 })).toMatchObject({ error: { code: -32000 } });
  });
  it("BackupChainCorrection decodes a typed hash and the exclusion list, answers the file and the height → hash map", async () => {
    const r = await call("theta.BackupChainCorrection", {
      snapshot_height: 3,
      end_block_hash: HASH,
      config: "/n",
      exclusion_txs: ["0x01"],
    });
    const req = seen.at(-1) as BackupChainCorrectionRequest;
    expect(req.snapshotHeight).toBe(3n);
    expect(`0x${Buffer.from(req.endBlockHash).toString("hex")}`).toBe(HASH);
    expect(req.exclusionTxs).toEqual(["0x01"]);
    expect(r).toEqual({
      result: {
        chain_correction_file: "/n/backup/chain_correction/theta_chain_correction-3-5",
        block_hash_map: { "4": `0x${"04".repeat(32)}`, "5": `0x${"05".repeat(32)}` },
      },
    });
  });
  it("BackupChainCorrection: an absent exclusion list is empty; a hash without 0x is refused", async () => {
    await call("theta.BackupChainCorrection", { snapshot_height: 3, end_block_hash: HASH, config: "/n" });
    expect((seen.at(-1) as BackupChainCorrectionRequest).exclusionTxs).toEqual([]);
    expect(
      await call("theta.BackupChainCorrection", {
        snapshot_height: 3,
        end_block_hash: "ab".repeat(32),
        config: "/n",
      }),
    ).toMatchObject({
      error: { code: -32602 },
    });
  });
});
