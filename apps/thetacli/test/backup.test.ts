import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, startFakeNode } from "./helpers.ts";

let node: Awaited<ReturnType<typeof startFakeNode>>;
let endpoint = "";
const seen: Array<{ method: string; params: unknown; id: unknown }> = [];

beforeAll(async () => {
  node = await startFakeNode((call) => {
    seen.push(call);
    if (call.method === "theta.BackupChainCorrection") {
      return `{"jsonrpc":"2.0","id":${call.id},"error":{"code":-32000,"message":"Start height must be < end height"}}\n`;
    }
    return `{"jsonrpc":"2.0","id":${call.id},"result":{"chain_file":"/n/backup/chain/theta_chain-0-9-2024-01-01","actual_start_height":0,"actual_end_height":9}}\n`;
  });
  endpoint = node.endpoint;
});
afterAll(() => node.close());
const env = () => ({ REMOTERPCENDPOINT: endpoint });

describe("backup commands", () => {
  it("chain: sends plain numbers and the node's --config, prints the result sorted", async () => {
    const r = await cli(["backup", "chain", "--start=0", "--end=9", "--config=/n"], [], env());
    expect(r.code).toBe(0);
    expect(seen.at(-1)).toMatchObject({
      method: "theta.BackupChain",
      params: [{ start: 0, end: 9, config: "/n" }],
    });
    expect(r.out.join("\n")).toBe(
      [
        "{",
        '    "actual_end_height": 9,',
        '    "actual_start_height": 0,',
        '    "chain_file": "/n/backup/chain/theta_chain-0-9-2024-01-01"',
        "}",
      ].join("\n"),
    );
  });
  it("the global --config before the group does not replace the node's directory", async () => {
    const r = await cli(
      ["--config=/wallet", "backup", "chain", "--start=1", "--end=2", "--config=/node"],
      [],
      env(),
    );
    expect(r.code).toBe(0);
    expect(seen.at(-1)).toMatchObject({ params: [{ start: 1, end: 2, config: "/node" }] });
  });
  it("snapshot: height and version default to 0", async () => {
    const r = await cli(["backup", "snapshot", "--config=/n"], [], env());
    expect(r.code).toBe(0);
    expect(seen.at(-1)).toMatchObject({
      method: "theta.BackupSnapshot",
      params: [{ config: "/n", height: 0, version: 0 }],
    });
  });
  it("chain_correction: exclusion txs as a list; a node error on one line with exit 1", async () => {
    const hash = `0x${"ab".repeat(32)}`;
    const r = await cli(
      [
        "backup",
        "chain_correction",
        "--snapshot_height=5",
        `--end_block_hash=${hash}`,
        "--config=/n",
        "--exclusion_txs=0x01,0x02",
      ],
      [],
      env(),
    );
    expect(seen.at(-1)).toMatchObject({
      method: "theta.BackupChainCorrection",
      params: [{ snapshot_height: 5, end_block_hash: hash, config: "/n", exclusion_txs: ["0x01", "0x02"] }],
    });
    expect(r.code).toBe(1);
    expect(r.err).toEqual([
      "Failed to get backup chain res details: -32000: Start height must be < end height",
    ]);
  });
  it("refuses a missing required flag and a non-numeric height without calling the node", async () => {
    const before = seen.length;
    expect((await cli(["backup", "chain", "--start=0", "--config=/n"], [], env())).code).toBe(1);
    const bad = await cli(["backup", "chain", "--start=x", "--end=2", "--config=/n"], [], env());
    expect(bad.code).toBe(1);
    expect(bad.err).toEqual(['--start: expected a non-negative integer, got "x"']);
    // Only the global (wallet) --config, before the group: the node's directory is missing.
    const noNode = await cli(["--config=/wallet", "backup", "chain", "--start=0", "--end=2"], [], env());
    expect(noNode.code).toBe(1);
    expect(noNode.err).toEqual(["error: required option '--config <dir>' not specified"]);
    expect(seen.length).toBe(before);
  });
  it("lists the three commands in its help", async () => {
    const r = await cli(["backup", "--help"], [], env());
    const text = [...r.out, ...r.err].join("\n");
    for (const c of ["snapshot", "chain", "chain_correction"]) expect(text).toContain(c);
  });
});
