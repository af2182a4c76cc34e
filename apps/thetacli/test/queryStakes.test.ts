/**
 * The elite-edge-node, reward and trace queries, `query peers --skip_edge_node`, `tx reserve`
 * without `--resource_ids`, and `--wallet`/`--path` on the signing commands, against a stand-in
 * node that records what it is sent (docs/interfaces.md §2.2).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeTx, hexToBytes, type ReserveFundTx } from "@theta/core-types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STAKE_RETURNS_EEN_ONLY } from "../src/cmds/queryStakes.ts";
import { cli, type FakeNodeCall, startFakeNode, writeTestKey } from "./helpers.ts";

const A_KEY = "93a90ea508331dfdf27fb79757d4250b4e84954927ba0073cd67454ac432c737";
const A = "2E833968E5bB786Ae419c4d13189fB081Cc43bab";
const EEN = "70f587259738cB626A1720Af7038B8DcDb6a42a0";
const config = mkdtempSync(join(tmpdir(), "thetacli-stakes-"));
let node: Awaited<ReturnType<typeof startFakeNode>>;
let env: NodeJS.ProcessEnv = {};
const seen: FakeNodeCall[] = [];

beforeAll(async () => {
  await writeTestKey(config, A, A_KEY);
  node = await startFakeNode((call) => {
    seen.push(call);
    if (call.params[0]?.hash === `0x${"0".repeat(64)}`) {
      return `{"jsonrpc":"2.0","id":${call.id},"error":{"code":-32000,"message":"Block hash must be specified"}}\n`;
    }
    return `{"jsonrpc":"2.0","id":${call.id},"result":{"b":[1],"a":"2"}}\n`;
  });
  env = { REMOTERPCENDPOINT: node.endpoint };
});
afterAll(async () => {
  await node.close();
  rmSync(config, { recursive: true, force: true });
});

/** Runs a command against the stand-in node; returns it with the call the node received. */
async function run(argv: string[]) {
  const before = seen.length;
  const r = await cli([...argv, `--config=${config}`], [], env);
  return { ...r, call: seen.length > before ? seen.at(-1) : undefined };
}

describe("query eenp | eenp_stake | srdrs | stake_returns | chain_of_blocks", () => {
  it("eenp sends the height as a decimal string and prints the result sorted", async () => {
    const r = await run(["query", "eenp", "--height=10"]);
    expect(r.call).toMatchObject({ method: "theta.GetEenpByHeight", params: [{ height: "10" }] });
    expect(r.out.join("\n")).toBe('{\n    "a": "2",\n    "b": [\n        1\n    ]\n}');
  });

  it("eenp_stake sends source and holder as Go's HexToAddress does: 0x + 40 lower-case digits", async () => {
    const r = await run([
      "query",
      "eenp_stake",
      `--source=${A}`,
      `--holder=0x${EEN}`,
      "--height=7",
      "--withdrawn_only",
    ]);
    expect(r.call).toMatchObject({
      method: "theta.GetEenpStakeByHeight",
      params: [
        {
          height: "7",
          source: `0x${A.toLowerCase()}`,
          holder: `0x${EEN.toLowerCase()}`,
          withdrawn_only: true,
        },
      ],
    });
    const plain = await run(["query", "eenp_stake", `--source=${A}`, `--holder=${EEN}`, "--height=7"]);
    expect(plain.call?.params[0].withdrawn_only).toBe(false);
  });

  it("srdrs sends the address as given (the node reads it leniently), empty when absent", async () => {
    expect((await run(["query", "srdrs", "--height=3", `--address=${EEN}`])).call).toMatchObject({
      method: "theta.GetStakeRewardDistributionByHeight",
      params: [{ height: "3", address: EEN }],
    });
    expect((await run(["query", "srdrs", "--height=3"])).call?.params).toEqual([
      { height: "3", address: "" },
    ]);
  });

  it("eenp, eenp_stake and srdrs require --height, as the reference's MarkFlagRequired", async () => {
    for (const argv of [
      ["query", "eenp"],
      ["query", "srdrs"],
      ["query", "eenp_stake", `--source=${A}`, `--holder=${EEN}`],
    ]) {
      const r = await run(argv);
      expect(r.code).toBe(1);
      expect(r.err.join("\n")).toMatch(/required option '--height <height>' not specified/);
    }
  });

  it("stake_returns: all pending at height 0, one height otherwise; other purposes are refused with exit 0", async () => {
    expect((await run(["query", "stake_returns"])).call).toMatchObject({
      method: "theta.GetAllPendingEliteEdgeNodeStakeReturns",
      params: [{}],
    });
    expect((await run(["query", "stake_returns", "--purpose=2", "--height=800"])).call).toMatchObject({
      method: "theta.GetEliteEdgeNodeStakeReturnsByHeight",
      params: [{ height: "800" }],
    });
    const other = await run(["query", "stake_returns", "--purpose=0"]);
    expect(other).toMatchObject({ code: 0, out: [STAKE_RETURNS_EEN_ONLY], call: undefined });
  });

  it("chain_of_blocks sends a 0x hash and upstream (default true, --upstream=false to go down)", async () => {
    const hash = "C88485A473527C55C5DDB067B018324B7E390B188E76702BC1DB74DFC2DC6D13";
    expect((await run(["query", "chain_of_blocks", `--hash=${hash}`])).call?.params).toEqual([
      { hash: `0x${hash.toLowerCase()}`, upstream: true },
    ]);
    expect(
      (await run(["query", "chain_of_blocks", `--hash=0x${hash}`, "--upstream=false"])).call?.params,
    ).toEqual([{ hash: `0x${hash.toLowerCase()}`, upstream: false }]);
    const none = await run(["query", "chain_of_blocks"]);
    expect(none.code).toBe(1);
    expect(none.err).toEqual(["Failed to retrieve block(s) details: -32000: Block hash must be specified"]);
  });

  it("peers skips edge nodes by default, as the reference's --skip_edge_node=true", async () => {
    expect((await run(["query", "peers"])).call?.params).toEqual([{ skip_edge_node: true }]);
    expect((await run(["query", "peers", "--skip_edge_node=false"])).call?.params).toEqual([
      { skip_edge_node: false },
    ]);
    expect((await run(["query", "peers", "--skip_edge_node"])).call?.params).toEqual([
      { skip_edge_node: true },
    ]);
    const bad = await run(["query", "peers", "--skip_edge_node=maybe"]);
    expect(bad.code).toBe(1);
    expect(bad.err.join("\n")).toContain("--skip_edge_node: expected true or false, got 'maybe'");
  });

  it("every new command has help with an example", async () => {
    for (const name of ["eenp", "eenp_stake", "srdrs", "stake_returns", "chain_of_blocks", "peers"]) {
      const r = await cli(["query", name, "--help"]);
      expect(r.code).toBe(0);
      expect(r.out.join("\n")).toMatch(/Example/);
    }
  });
});

describe("tx: reserve without --resource_ids, --wallet and --path", () => {
  const reserve = [
    "tx",
    "reserve",
    "--chain=privatenet",
    `--from=${A}`,
    "--fund=1",
    "--collateral=2",
    "--seq=3",
    "--password=pw",
  ];

  it("tx reserve builds the tx with no resource ids when the flag is absent", async () => {
    const r = await run(reserve);
    expect(r.code).toBe(0);
    const tx = decodeTx(hexToBytes(r.call!.params[0].tx_bytes)) as ReserveFundTx;
    expect(tx.resourceIds).toEqual([]);
  });

  it("--path is accepted on every tx command and does not change the soft wallet's signature", async () => {
    const plain = await run(reserve);
    const withPath = await run([...reserve, "--path=m/44'/500'/0'/0/0"]);
    expect(withPath.code).toBe(0);
    expect(withPath.call!.params[0].tx_bytes).toBe(plain.call!.params[0].tx_bytes);
    for (const sub of [
      "send",
      "reserve",
      "release",
      "split_rule",
      "smart_contract",
      "deposit",
      "withdraw",
      "distribute_staking_reward",
    ]) {
      expect((await cli(["tx", sub, "--help"])).out.join("\n")).toContain("--path <path>");
    }
    for (const sub of ["pay", "settle"]) {
      expect((await cli(["micropayment", sub, "--help"])).out.join("\n")).toContain("--path <path>");
    }
  });

  it("--wallet other than soft is refused before anything is signed or sent, naming --wallet", async () => {
    for (const wallet of ["nano", "trezor"]) {
      const r = await run([...reserve, `--wallet=${wallet}`, "--path=m/44'/500'/0'/0/0"]);
      expect(r).toMatchObject({ code: 1, call: undefined });
      expect(r.err).toEqual([
        `--wallet=${wallet}: hardware wallets (nano, trezor) are not supported by this thetacli; use --wallet=soft (the encrypted key files under --config)`,
      ]);
    }
    const odd = await run([...reserve, "--wallet=paper"]);
    expect(odd.err[0]).toMatch(/^--wallet=paper: unknown wallet type; only soft is supported/);
    const pay = await run([
      "micropayment",
      "pay",
      "--chain=privatenet",
      `--from=${A}`,
      `--to=${EEN}`,
      "--reserve_seq=1",
      "--resource_id=r",
      "--amount=1",
      "--wallet=nano",
    ]);
    expect(pay.code).toBe(1);
    expect(pay.err[0]).toMatch(/^--wallet=nano: hardware wallets/);
  });
});
