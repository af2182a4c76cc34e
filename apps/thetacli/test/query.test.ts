import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, startFakeNode } from "./helpers.ts";

let node: Awaited<ReturnType<typeof startFakeNode>>;
let endpoint = "";
const seen: Array<{ method: string; params: unknown; id: unknown }> = [];

beforeAll(async () => {
  node = await startFakeNode((call) => {
    seen.push(call);
    if (call.method === "theta.GetAccount" && call.params[0].address === "missing") {
      return `{"jsonrpc":"2.0","id":${call.id},"error":{"code":-32000,"message":"Account with address 0x0 is not found"}}\n`;
    }
    // Unsorted keys and a number beyond 2^53: thetacli must sort and keep every digit.
    return `{"jsonrpc":"2.0","id":${call.id},"result":{"sequence":"1","coins":{"tfuelwei":"312500000000000000000000000","thetawei":"12500000000000000000000000"},"reserved_funds":[],"big":123456789012345678901234567890,"code":"0xc5d2"}}\n`;
  });
  endpoint = node.endpoint;
});
afterAll(() => node.close());

describe("query commands", () => {
  it("send params as a one-element array and print the result sorted with 4-space indentation, digits intact", async () => {
    const r = await cli(
      ["query", "account", "--address=2E833968E5bB786Ae419c4d13189fB081Cc43bab", "--config=/nonexistent"],
      [],
      {
        REMOTERPCENDPOINT: endpoint,
      },
    );
    expect(r.code).toBe(0);
    expect(seen.at(-1)).toMatchObject({
      method: "theta.GetAccount",
      params: [{ address: "2E833968E5bB786Ae419c4d13189fB081Cc43bab", height: "0", preview: false }],
    });
    expect(r.out.join("\n")).toBe(
      [
        "{",
        '    "big": 123456789012345678901234567890,',
        '    "code": "0xc5d2",',
        '    "coins": {',
        '        "tfuelwei": "312500000000000000000000000",',
        '        "thetawei": "12500000000000000000000000"',
        "    },",
        '    "reserved_funds": [],',
        '    "sequence": "1"',
        "}",
      ].join("\n"),
    );
  });
  it("render node errors as '<code>: <message>' on one line with exit 1", async () => {
    const r = await cli(["query", "account", "--address=missing"], [], { REMOTERPCENDPOINT: endpoint });
    expect(r.code).toBe(1);
    expect(r.err).toEqual(["Failed to get account details: -32000: Account with address 0x0 is not found"]);
  });
  it("report an unreachable node clearly", async () => {
    const r = await cli(["query", "status"], [], { REMOTERPCENDPOINT: "http://127.0.0.1:1/rpc" });
    expect(r.code).toBe(1);
    expect(r.err[0]).toMatch(
      /^Failed to get the node's status: cannot reach the node at http:\/\/127\.0\.0\.1:1\/rpc/,
    );
  });
  it("a missing required flag is a usage error with exit 1", async () => {
    const r = await cli(["query", "account"], [], { REMOTERPCENDPOINT: endpoint });
    expect(r.code).toBe(1);
    expect(r.err.join("\n")).toMatch(/required option '--address <address>' not specified/);
  });
  it("every command has help with an example", async () => {
    for (const cmd of [
      ["key", "new"],
      ["key", "list"],
      ["query", "account"],
      ["query", "block"],
      ["query", "vcp"],
    ]) {
      const r = await cli([...cmd, "--help"]);
      expect(r.code).toBe(0);
      expect(r.out.join("\n")).toMatch(/Example/);
    }
  });
});

describe("call smart_contract", () => {
  it("sends the unsigned SmartContractTx as sctx_bytes without 0x and prints the sorted result", async () => {
    const r = await cli(
      [
        "call",
        "smart_contract",
        "--from=2E833968E5bB786Ae419c4d13189fB081Cc43bab",
        "--gas_limit=50000",
        "--data=b5a0241a",
        "--verbose",
      ],
      [],
      { REMOTERPCENDPOINT: endpoint },
    );
    expect(r.code).toBe(0);
    const call = seen.at(-1)!;
    expect(call.method).toBe("theta.CallSmartContract");
    const hex = (call.params as Array<{ sctx_bytes: string }>)[0]!.sctx_bytes;
    expect(hex).toMatch(/^07[0-9a-f]+$/);
    expect(r.out[0]).toBe(`Encoded Tx: ${hex}`);
    expect(r.out[1]).toBe("");
  });
});
