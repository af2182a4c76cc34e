import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningDaemon, startDaemonServer } from "../src/daemon/server.ts";
import { createDaemonService } from "../src/daemon/service.ts";
import { createRpcClient } from "../src/rpc/client.ts";
import { startFakeNode, writeTestKey } from "./helpers.ts";

const A_KEY = "93a90ea508331dfdf27fb79757d4250b4e84954927ba0073cd67454ac432c737";
const A = "0x2E833968E5bB786Ae419c4d13189fB081Cc43bab";
// docs/ledger.md §12.2 (the same send the tx vector test builds from flags).
const SEND_VECTOR =
  "02f8a4c78085e8d4a51000f86ff86d942e833968e5bb786ae419c4d13189fb081cc43babd3888ac7230489e800008901158e46f1e875100002b8415a6e9a2e93487c786f07175998493161e61a5d9613745aa0e2fe51e5db1eaf626f72bfae41d971e88ff3b2c217cf611c2addb266e7d7ebda29cb0e9e5a2f482800eae9949f1233798e905e173560071255140b4a8abd3ec6d3888ac7230489e800008901158e460913d00000";

const config = mkdtempSync(join(tmpdir(), "thetacli-daemon-"));
let node: Awaited<ReturnType<typeof startFakeNode>>;
let daemon: RunningDaemon;
const received: Array<{ method: string; tx_bytes: string }> = [];

const JSON_HEADERS = { "content-type": "application/json" };

async function rpc(method: string, args: Record<string, unknown>) {
  const res = await fetch(daemon.url, {
    method: "POST",
    headers: JSON_HEADERS,
    body: JSON.stringify({ jsonrpc: "2.0", method, params: [args], id: 7 }),
  });
  return (await res.json()) as { id: number; result?: Record<string, unknown>; error?: { message: string } };
}

beforeAll(async () => {
  await writeTestKey(config, A, A_KEY);
  node = await startFakeNode((call) => {
    received.push({ method: call.method, tx_bytes: call.params[0].tx_bytes });
    return `{"jsonrpc":"2.0","id":${call.id},"result":{"hash":"0xab","block":{"height":"123456789012345678901"}}}`;
  });
  const service = createDaemonService({ configDir: config, rpc: () => createRpcClient(node.endpoint) });
  daemon = await startDaemonServer(service, { port: 0, host: "127.0.0.1" });
});
afterAll(async () => {
  await daemon.close();
  await node.close();
  rmSync(config, { recursive: true, force: true });
});

describe("thetacli daemon (docs/interfaces.md §2.3)", () => {
  it("binds to loopback by default-style host and answers with the request id", async () => {
    expect(daemon.url.startsWith("http://127.0.0.1:")).toBe(true);
    const r = await rpc("thetacli.ListKeys", {});
    expect(r.id).toBe(7);
    expect(r.result).toEqual({ addresses: [A] });
  });

  it("locks and unlocks keys with the reference's errors", async () => {
    expect((await rpc("thetacli.IsKeyUnlocked", { address: A })).result).toEqual({ unlocked: false });
    expect((await rpc("thetacli.LockKey", { address: A })).error?.message).toBe(
      `Cannot close address ${A}, not unlocked yet`,
    );
    expect((await rpc("thetacli.UnlockKey", { address: A, password: "nope" })).error?.message).toBe(
      "could not decrypt key with given password",
    );
    expect((await rpc("thetacli.UnlockKey", { address: A, password: "pw" })).result).toEqual({
      unlocked: true,
    });
    expect((await rpc("thetacli.IsKeyUnlocked", { address: A })).result).toEqual({ unlocked: true });
  });

  it("Send signs the docs/ledger.md §12.2 vector bytes and passes the node's block through losslessly", async () => {
    const args = {
      chain_id: "privatenet",
      from: A,
      to: "0x9F1233798E905E173560071255140b4A8aBd3Ec6",
      thetawei: "10000000000000000000",
      tfuelwei: "20000000000000000000",
      fee: "1000000000000",
      sequence: "2",
      async: false,
    };
    const res = await fetch(daemon.url, {
      method: "POST",
      headers: JSON_HEADERS,
      body: JSON.stringify({ jsonrpc: "2.0", method: "thetacli.Send", params: [args], id: 1 }),
    });
    const text = await res.text();
    expect(text).toContain('"height":"123456789012345678901"');
    expect(JSON.parse(text).result.hash).toBe("0xab");
    expect(received.at(-1)).toEqual({ method: "theta.BroadcastRawTransaction", tx_bytes: SEND_VECTOR });
  });

  it("Send rejects empty, identical, unparsable and locked inputs", async () => {
    const base = { chain_id: "privatenet", thetawei: "1", tfuelwei: "0", fee: "1", sequence: "1" };
    expect((await rpc("thetacli.Send", { ...base, from: A, to: "" })).error?.message).toBe(
      "The from and to address cannot be empty",
    );
    expect((await rpc("thetacli.Send", { ...base, from: A, to: A.toLowerCase() })).error?.message).toBe(
      "The from and to address cannot be identical",
    );
    const other = "0x9F1233798E905E173560071255140b4A8aBd3Ec6";
    expect(
      (await rpc("thetacli.Send", { ...base, from: A, to: other, thetawei: "-1" })).error?.message,
    ).toMatch(/^Failed to parse thetawei/);
    expect((await rpc("thetacli.Send", { ...base, from: other, to: A })).error?.message).toBe(
      `The from address ${other} has not been unlocked yet`,
    );
  });

  it("LockKey forgets the key; unknown methods and bad bodies are JSON-RPC errors", async () => {
    expect((await rpc("thetacli.LockKey", { address: A })).result).toEqual({ unlocked: false });
    expect((await rpc("thetacli.IsKeyUnlocked", { address: A })).result).toEqual({ unlocked: false });
    expect((await rpc("thetacli.Nope", {})).error?.message).toMatch(/does not exist/);
    const res = await fetch(daemon.url, { method: "POST", headers: JSON_HEADERS, body: "{not json" });
    expect(((await res.json()) as { error: { code: number } }).error.code).toBe(-32700);
  });

  it("NewKey creates a key that is listed and stays unlocked", async () => {
    const r = await rpc("thetacli.NewKey", { password: "secret" });
    const address = r.result?.address as string;
    expect(address).toMatch(/^0x[0-9a-fA-F]{40}$/);
    expect((await rpc("thetacli.IsKeyUnlocked", { address })).result).toEqual({ unlocked: true });
    expect(
      [...(((await rpc("thetacli.ListKeys", {})).result?.addresses as string[] | undefined) ?? [])].sort(),
    ).toEqual([A, address].sort());
  }, 30_000);
});
