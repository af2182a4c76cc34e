/**
 * A chain correction through real nodes, as the reference uses it: a privatenet validator finalizes
 * blocks with three txs after a height H; `theta.BackupSnapshot` writes the state at H and
 * `theta.BackupChainCorrection` rewrites H+1…E without the last of the txs. A node with an empty
 * database started with `--snapshot=<that file> --chain_correction=<file>` (and no peers) ends at E
 * with exactly the hashes the correction answered, the kept txs indexed and the excluded one absent,
 * and the balances of the chain without that tx.
 */
import { rm } from "node:fs/promises";
import { basename, dirname } from "node:path";
import { bytesToHex } from "@theta/core-types";
import { afterAll, describe, expect, it } from "vitest";
import { PRIVATENET_SECOND, PRIVATENET_VALIDATOR } from "../../src/genesis/privatenet.ts";
import { FIXTURE_NODE } from "../cli/runTheta.ts";
import { copyNodeDir, until } from "../e2e/node.ts";
import { sendTx } from "../e2e/txs.ts";
import { type BackupTestNode, failingStart, startNodeWith, stopNode, useFollowerKey } from "./nodeProcess.ts";

const CHAIN = "privatenet";
const nodes: BackupTestNode[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const n of nodes) await stopNode(n);
  for (const d of dirs) await rm(dirname(d), { recursive: true, force: true });
});

interface Status {
  latest_finalized_block_height: string;
}
interface TxReply {
  status: string;
  block_hash: string;
  block_height: string;
}
const finalizedHeight = async (n: BackupTestNode): Promise<bigint> =>
  BigInt((await n.call<Status>("theta.GetStatus")).latest_finalized_block_height);
const hashAt = async (n: BackupTestNode, h: bigint): Promise<string> =>
  (await n.call<{ hash: string }>("theta.GetBlockByHeight", { height: h.toString() })).hash;
const thetaOf = async (n: BackupTestNode, address: string, h: bigint): Promise<bigint> =>
  BigInt(
    (await n.call<{ coins: { thetawei: string } }>("theta.GetAccount", { address, height: h.toString() }))
      .coins.thetawei,
  );

describe("theta.BackupChainCorrection, then theta start --snapshot --chain_correction on an empty node", () => {
  it("reproduces the corrected chain: its hashes, the kept txs, the balances without the excluded tx", async () => {
    const sourceDir = await copyNodeDir(FIXTURE_NODE, "theta-cc-src-");
    const targetDir = await copyNodeDir(FIXTURE_NODE, "theta-cc-dst-");
    dirs.push(sourceDir, targetDir);
    await useFollowerKey(targetDir);
    const source = await startNodeWith(sourceDir, []);
    nodes.push(source);
    await until(async () => ((await finalizedHeight(source)) >= 3n ? true : undefined));
    const H = await finalizedHeight(source); // the txs below land above H
    const amounts = [11n, 12n, 13n];
    const sent: string[] = [];
    for (const [i, amount] of amounts.entries()) {
      const r = await source.call<{ hash: string }>("theta.BroadcastRawTransaction", {
        tx_bytes: `0x${bytesToHex(sendTx(CHAIN, PRIVATENET_VALIDATOR, PRIVATENET_SECOND, amount, 0n, BigInt(i + 1)))}`,
      });
      sent.push(r.hash);
    }
    const txHeights = await until(async () => {
      const got = await Promise.all(
        sent.map((hash) => source.call<TxReply>("theta.GetTransaction", { hash }).catch(() => undefined)),
      );
      if (got.some((t) => t?.status !== "finalized")) return undefined;
      return got.map((t) => BigInt(t!.block_height));
    });
    for (const h of txHeights) expect(h).toBeGreaterThan(H);
    const maxTx = txHeights[2]!; // sequences 1, 2, 3: in that order
    await until(async () => ((await finalizedHeight(source)) >= maxTx + 2n ? true : undefined));
    const E = await finalizedHeight(source);

    const { snapshot_file } = await source.call<{ snapshot_file: string }>("theta.BackupSnapshot", {
      config: sourceDir,
      height: Number(H),
      version: 2,
    });
    // The last tx (sequence 3): the others stay valid without it.
    const excluded = sent[2]!;
    const correction = await source.call<{
      chain_correction_file: string;
      block_hash_map: Record<string, string>;
    }>("theta.BackupChainCorrection", {
      snapshot_height: Number(H),
      end_block_hash: await hashAt(source, E),
      config: sourceDir,
      exclusion_txs: [excluded],
    });
    expect(basename(correction.chain_correction_file)).toBe(`theta_chain_correction-${H}-${E}`);
    expect(Object.keys(correction.block_hash_map).map(BigInt)).toEqual(
      Array.from({ length: Number(E - H) }, (_, i) => H + 1n + BigInt(i)),
    );
    // The block that held the excluded tx is rewritten (so is every corrected block: no coinbase, relinked).
    const excludedHeight = txHeights[2]!;
    expect(correction.block_hash_map[String(excludedHeight)]).not.toBe(await hashAt(source, excludedHeight));

    const target = await startNodeWith(targetDir, [
      `--snapshot=${snapshot_file}`,
      `--chain_correction=${correction.chain_correction_file}`,
    ]);
    nodes.push(target);
    const done = await target.waitLog("chain import done");
    expect(done.imported).toBe(Number(E - H));
    expect(done.height).toBe(E.toString());
    expect(await finalizedHeight(target)).toBe(E);
    expect(await hashAt(target, H)).toBe(await hashAt(source, H));
    for (let h = H + 1n; h <= E; h++)
      expect(await hashAt(target, h)).toBe(correction.block_hash_map[String(h)]);
    // The kept txs are indexed in the corrected blocks; the excluded one is unknown there.
    for (const i of [0, 1]) {
      const t = await target.call<TxReply>("theta.GetTransaction", { hash: sent[i]! });
      expect(t.status).toBe("finalized");
      expect(t.block_hash).toBe(correction.block_hash_map[t.block_height]);
    }
    const missing = await target
      .call<TxReply>("theta.GetTransaction", { hash: excluded })
      .then((t) => t.status)
      .catch(() => "error");
    expect(["error", "not_found"]).toContain(missing);
    // The corrected state: the receiver lacks the excluded amount, the sender kept it.
    const second = `0x${PRIVATENET_SECOND}`;
    const validator = `0x${PRIVATENET_VALIDATOR}`;
    expect(await thetaOf(target, second, E)).toBe((await thetaOf(source, second, E)) - amounts[2]!);
    expect(await thetaOf(target, validator, E)).toBe((await thetaOf(source, validator, E)) + amounts[2]!);
    await stopNode(target);

    // A correction that does not start on the node's tip (here: the genesis, without the snapshot) is refused.
    const emptyDir = await copyNodeDir(FIXTURE_NODE, "theta-cc-bad-");
    dirs.push(emptyDir);
    await useFollowerKey(emptyDir);
    const refused = await failingStart(emptyDir, [`--chain_correction=${correction.chain_correction_file}`]);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim().split("\n")).toHaveLength(1);
    expect(refused.stderr).toContain(`${correction.chain_correction_file}: height ${H + 1n}:`);
    expect(refused.stderr).toContain("BACKUP_CHAIN_IMPORT_GAP");
  }, 180_000);
});
