import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { bytesToHex, privatenet } from "@theta/core-types";
import { afterAll, describe, expect, it } from "vitest";
import { encodeBackupBlock } from "../../src/backup/chainBackupFile.ts";
import { readBackupFile } from "../../src/backup/chainFileReader.ts";
import { PRIVATENET_SECOND, PRIVATENET_VALIDATOR } from "../../src/genesis/privatenet.ts";
import { FIXTURE_NODE } from "../cli/runTheta.ts";
import { copyNodeDir, freePort, until } from "../e2e/node.ts";
import { sendTx } from "../e2e/txs.ts";
import { type BackupTestNode, failingStart, startNodeWith, stopNode, useFollowerKey } from "./nodeProcess.ts";

const CHAIN = "privatenet";
const forks = privatenet.headerForks;
const nodes: BackupTestNode[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const n of nodes) await stopNode(n);
  for (const d of dirs) await rm(dirname(d), { recursive: true, force: true });
});

interface Status {
  latest_finalized_block_height: string;
}
const finalizedHeight = async (n: BackupTestNode): Promise<bigint> =>
  BigInt((await n.call<Status>("theta.GetStatus")).latest_finalized_block_height);
const hashAt = async (n: BackupTestNode, h: bigint): Promise<string> =>
  (await n.call<{ hash: string }>("theta.GetBlockByHeight", { height: h.toString() })).hash;

describe("theta.BackupChain, then theta start --chain_import on an empty node", () => {
  it("reproduces the same finalized block hashes at every height, then keeps following the chain", async () => {
    const sourceDir = await copyNodeDir(FIXTURE_NODE, "theta-bk-src-");
    const targetDir = await copyNodeDir(FIXTURE_NODE, "theta-bk-dst-");
    dirs.push(sourceDir, targetDir);
    await useFollowerKey(targetDir);
    const p2pPort = await freePort();
    const source = await startNodeWith(sourceDir, [], { THETA_P2P_PORT: String(p2pPort) });
    nodes.push(source);
    const sent: string[] = [];
    for (let seq = 1n; seq <= 3n; seq++) {
      const r = await source.call<{ hash: string }>("theta.BroadcastRawTransaction", {
        tx_bytes: `0x${bytesToHex(sendTx(CHAIN, PRIVATENET_VALIDATOR, PRIVATENET_SECOND, 10n + seq, 0n, seq))}`,
      });
      sent.push(r.hash);
    }
    await until(async () => ((await finalizedHeight(source)) >= 8n ? true : undefined));
    const end = await finalizedHeight(source);

    const result = await source.call<Record<string, unknown>>("theta.BackupChain", {
      start: 0,
      end: Number(end),
      config: sourceDir,
    });
    expect(Object.keys(result)).toEqual(["actual_start_height", "actual_end_height", "chain_file"]);
    expect(result.actual_start_height).toBe(0);
    expect(result.actual_end_height).toBe(Number(end));
    const file = result.chain_file as string;
    expect(dirname(file)).toBe(join(sourceDir, "backup", "chain"));
    expect(basename(file)).toMatch(new RegExp(`^theta_chain-0-${end}-\\d{4}-\\d{2}-\\d{2}$`));

    // The file holds the source's finalized blocks, highest first, with the votes certifying each.
    const records = await readBackupFile(file, forks);
    expect(records.map((r) => r.block.block.header.height)).toEqual(
      Array.from({ length: Number(end) + 1 }, (_, i) => end - BigInt(i)),
    );
    const txCount = records.reduce((n, r) => n + r.block.block.txs.length, 0);
    expect(txCount).toBeGreaterThanOrEqual(3);
    expect(records.filter((r) => r.votes.length > 0).length).toBeGreaterThanOrEqual(Number(end));

    const target = await startNodeWith(targetDir, [`--chain_import=${dirname(file)}`], {
      THETA_P2P_PORT: String(await freePort()),
      THETA_P2P_SEEDS: `127.0.0.1:${p2pPort}`,
    });
    nodes.push(target);
    const done = await target.waitLog("chain import done");
    expect(done.imported).toBe(Number(end));
    expect(done.height).toBe(end.toString());
    for (let h = 0n; h <= end; h++) expect(await hashAt(target, h)).toBe(await hashAt(source, h));
    // The imported txs are indexed as synced ones are.
    for (const hash of sent) {
      const t = await target.call<{ status: string; block_hash: string }>("theta.GetTransaction", { hash });
      const s = await source.call<{ status: string; block_hash: string }>("theta.GetTransaction", { hash });
      expect(t.status).toBe("finalized");
      expect(t.block_hash).toBe(s.block_hash);
    }

    // It then follows the source over p2p beyond the imported range.
    const beyond = await until(async () => {
      const h = await finalizedHeight(target);
      return h > end + 2n ? h : undefined;
    });
    expect(await hashAt(target, beyond)).toBe(await hashAt(source, beyond));
    await stopNode(target);

    // A block whose state root was altered (its votes, which no longer name it, dropped) is refused by
    // the executor: one line naming the file and the height.
    const tampered = [...records].reverse();
    const top = tampered[tampered.length - 1]!;
    const badRoot = new Uint8Array(32).fill(7);
    tampered[tampered.length - 1] = {
      votes: [],
      block: {
        ...top.block,
        block: { ...top.block.block, header: { ...top.block.block.header, stateHash: badRoot } },
      },
    };
    const badDir = join(dirname(targetDir), "bad-chain");
    const badFile = join(badDir, basename(file));
    await rm(badDir, { recursive: true, force: true });
    await mkdir(badDir, { recursive: true });
    await writeFile(badFile, Buffer.concat([...tampered].reverse().map((r) => encodeBackupBlock(r, forks))));
    const emptyDir = await copyNodeDir(FIXTURE_NODE, "theta-bk-bad-");
    dirs.push(emptyDir);
    await useFollowerKey(emptyDir);
    const refused = await failingStart(emptyDir, [`--chain_import=${badDir}`]);
    expect(refused.code).toBe(1);
    const lines = refused.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`${badFile}: height ${end}:`);
    expect(lines[0]).toContain("STATE_ROOT");

    // A truncated file is refused before any block is applied, naming the file.
    const bytes = await readFile(file);
    await writeFile(badFile, bytes.subarray(0, bytes.length - 5));
    const cut = await failingStart(emptyDir, [`--chain_import=${badDir}`]);
    expect(cut.code).toBe(1);
    expect(cut.stderr.trim().split("\n")).toHaveLength(1);
    expect(cut.stderr).toContain(`${badFile}: after ${records.length - 1} complete records`);
    expect(cut.stderr).toContain("BACKUP_CHAIN_IMPORT_CORRUPT");
  }, 180_000);
});
