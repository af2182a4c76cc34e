import { bytesToPrefixedHex } from "@theta/core-types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerChainRpc } from "../../src/rpc/registerChainRpc.ts";
import { createRpcRegistry } from "../../src/rpc/registry.ts";
import { CONTRACT_ADDRESS, DEPLOY_CODE, VALIDATOR } from "./chain/chainData.ts";
import { createFakeChain } from "./chain/fakeChain.ts";
import { type Harness, startHarness } from "./chain/harness.ts";
import { rpc } from "./httpClient.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ maxBodyBytes: 4096 });
});
afterAll(async () => {
  await h.server.close();
});

describe("registerChainRpc", () => {
  it("registers every implemented chain method (GetVersion stays with the shell)", () => {
    const registry = createRpcRegistry();
    registerChainRpc(registry, createFakeChain());
    expect(registry.names()).toEqual(
      [
        "theta.BackupSnapshot",
        "theta.BroadcastRawEthTransaction",
        "theta.BroadcastRawEthTransactionAsync",
        "theta.BroadcastRawTransaction",
        "theta.BroadcastRawTransactionAsync",
        "theta.CallSmartContract",
        "theta.GetAccount",
        "theta.GetBlock",
        "theta.GetBlockByHeight",
        "theta.GetBlocksByRange",
        "theta.GetAllPendingEliteEdgeNodeStakeReturns",
        "theta.GetCode",
        "theta.GetEenpByHeight",
        "theta.GetEenpStakeByHeight",
        "theta.GetEliteEdgeNodeStakeReturnsByHeight",
        "theta.GetGcpByHeight",
        "theta.GetGuardianInfo",
        "theta.GetPeerURLs",
        "theta.GetPeers",
        "theta.GetPendingTransactions",
        "theta.GetSplitRule",
        "theta.GetStakeRewardDistributionByHeight",
        "theta.GetStatus",
        "theta.GetStorageAt",
        "theta.GetTransaction",
        "theta.GetVcpByHeight",
        "theta.TraceBlocks",
      ].sort(),
    );
    const noBackup = createRpcRegistry();
    registerChainRpc(noBackup, createFakeChain(), { backup: false });
    expect(noBackup.names()).not.toContain("theta.BackupSnapshot");
  });
});

describe("theta.GetGuardianInfo", () => {
  it("prints hex without 0x and the EIP-55 address", async () => {
    const g = await h.chain.guardianInfo();
    expect(await h.result("theta.GetGuardianInfo")).toEqual({
      BLSPubkey: Buffer.from(g.blsPubkey).toString("hex"),
      BLSPop: Buffer.from(g.blsPop).toString("hex"),
      Address: "0x2E833968E5bB786Ae419c4d13189fB081Cc43bab",
      Signature: Buffer.from(g.signature).toString("hex"),
    });
  });
});

describe("theta.GetCode / theta.GetStorageAt", () => {
  const contract = bytesToPrefixedHex(CONTRACT_ADDRESS);

  it("prints code as hex without 0x, echoing the address as given", async () => {
    const given = contract.slice(2).toUpperCase();
    expect(await h.result("theta.GetCode", { address: given })).toEqual({
      address: given,
      code: Buffer.from(DEPLOY_CODE.subarray(4)).toString("hex"),
    });
    expect(await h.result("theta.GetCode", { address: bytesToPrefixedHex(VALIDATOR) })).toEqual({
      address: bytesToPrefixedHex(VALIDATOR),
      code: "",
    });
    expect(await h.result("theta.GetCode", { address: contract, height: "2" })).toEqual({
      address: contract,
      code: "",
    });
    expect(await h.result("theta.GetCode", { address: contract, height: "77" })).toEqual({
      address: contract,
      code: "",
    });
    expect(await h.error("theta.GetCode", {})).toEqual({
      code: -32000,
      message: "address must be specified",
    });
    expect((await h.error("theta.GetCode", { address: contract, height: "1000" })).message).toBe(
      "the account details for height 1000 is not available, it might have been pruned",
    );
  });

  it("prints a storage word as 64 hex digits and reads the misspelled member", async () => {
    const slot = new Uint8Array(32);
    slot[31] = 1;
    const word = new Uint8Array(32);
    word[31] = 0x2a;
    h.chain.storage.set(
      Buffer.from(CONTRACT_ADDRESS).toString("hex") + Buffer.from(slot).toString("hex"),
      word,
    );
    expect(await h.result("theta.GetStorageAt", { address: contract, storage_positon: "0x1" })).toEqual({
      value: Buffer.from(word).toString("hex"),
    });
    expect(await h.result("theta.GetStorageAt", { address: contract, storage_positon: "2" })).toEqual({
      value: "0".repeat(64),
    });
    expect(await h.error("theta.GetStorageAt", { address: contract, storage_position: "0x1" })).toEqual({
      code: -32000,
      message: `address and storage_position must be specified, address: ${contract}, storage_position: `,
    });
  });
});

describe("theta.GetPeers / theta.GetPeerURLs", () => {
  it("lists peer ids", async () => {
    expect(await h.result("theta.GetPeers")).toEqual({ peers: ["16Uiu2HAmPeerA", "16Uiu2HAmPeerB"] });
  });

  it("shuffles the URLs with the injected random source and caps them at 256", async () => {
    const r = (await h.result("theta.GetPeerURLs", { skip_edge_node: false })) as { peer_urls: string[] };
    const all = await h.chain.peerUrls(false);
    expect(r.peer_urls).toHaveLength(256);
    expect(new Set(r.peer_urls).size).toBe(256);
    for (const u of r.peer_urls) expect(all).toContain(u);
    expect(r.peer_urls).not.toEqual(all.slice(0, 256));
    const few = (await h.result("theta.GetPeerURLs", { skip_edge_node: true })) as { peer_urls: string[] };
    expect([...few.peer_urls].sort()).toEqual([...(await h.chain.peerUrls(true))].sort());
  });
});

describe("skip_edge_node", () => {
  it("reaches the chain as given (absent or null: false) and must be a bool", async () => {
    const seen: boolean[] = [];
    const record = async (skip: boolean): Promise<string[]> => {
      seen.push(skip);
      return [];
    };
    const registry = createRpcRegistry();
    registerChainRpc(registry, { ...createFakeChain(), peers: record, peerUrls: record });
    const ctx = { signal: new AbortController().signal };
    for (const m of ["theta.GetPeers", "theta.GetPeerURLs"]) {
      for (const p of [{ skip_edge_node: true }, { skip_edge_node: false }, { skip_edge_node: null }, {}]) {
        expect(await registry.dispatch(m, p, ctx)).toHaveProperty("result");
      }
      expect(await registry.dispatch(m, { skip_edge_node: "yes" }, ctx)).toEqual({
        error: { code: -32602, message: 'invalid argument "skip_edge_node": expected true or false' },
      });
    }
    expect(seen).toEqual([true, false, false, false, true, false, false, false]);
  });
});

describe("theta.BackupSnapshot", () => {
  it("takes plain numbers and maps version 0 to 2, others above 3 to 4", async () => {
    expect(await h.result("theta.BackupSnapshot", { config: "/cfg", height: 5 })).toEqual({
      snapshot_file: "/cfg/backup/snapshot/theta_snapshot-5-v2",
    });
    expect(await h.result("theta.BackupSnapshot", { config: "/cfg", height: 5, version: 3 })).toEqual({
      snapshot_file: "/cfg/backup/snapshot/theta_snapshot-5-v3",
    });
    expect(await h.result("theta.BackupSnapshot", { config: "/cfg", version: 9 })).toEqual({
      snapshot_file: "/cfg/backup/snapshot/theta_snapshot-0-v4",
    });
    expect((await h.error("theta.BackupSnapshot", { config: "/cfg", height: "5" })).code).toBe(-32602);
    expect((await h.error("theta.BackupSnapshot", { config: "/cfg", height: -1 })).code).toBe(-32602);
    expect((await h.error("theta.BackupSnapshot", {})).code).toBe(-32000);
  });
});

describe("envelope errors around the chain methods", () => {
  it("unknown method, malformed JSON, bad envelope, oversized body; then the node goes on", async () => {
    const unknown = JSON.parse((await rpc(h.port, '{"jsonrpc":"2.0","id":1,"method":"theta.Foo"}')).body);
    expect(unknown.error).toEqual({ code: -32601, message: "rpc: can't find method theta.Foo" });
    const parse = JSON.parse((await rpc(h.port, '{"jsonrpc":"2.0","id":1,"method":"theta.GetStatus"')).body);
    expect(parse).toEqual({ jsonrpc: "2.0", id: null, error: { code: -32700, message: "parse error" } });
    const envelope = JSON.parse(
      (await rpc(h.port, '{"jsonrpc":"1.0","id":1,"method":"theta.GetStatus"}')).body,
    );
    expect(envelope.error.code).toBe(-32600);
    const huge = JSON.stringify({
      jsonrpc: "2.0",
      id: 1,
      method: "theta.BroadcastRawTransactionAsync",
      params: { tx_bytes: "ab".repeat(4096) },
    });
    const big = await rpc(h.port, huge);
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body).error.code).toBe(-32600);
    const s = (await h.result("theta.GetStatus")) as { chain_id: string };
    expect(s.chain_id).toBe("privatenet");
  });

  it("answers a batch of chain calls in order, omitting notifications", async () => {
    const body = JSON.stringify([
      { jsonrpc: "2.0", id: "a", method: "theta.GetPeers" },
      { jsonrpc: "2.0", method: "theta.GetStatus" },
      { jsonrpc: "2.0", id: 2, method: "theta.GetSplitRule", params: [{ resource_id: "x" }] },
      { jsonrpc: "2.0", id: 3, method: "theta.GetAccount", params: { address: 5 } },
    ]);
    const replies = JSON.parse((await rpc(h.port, body)).body) as {
      id: unknown;
      result?: unknown;
      error?: { code: number };
    }[];
    expect(replies.map((r) => r.id)).toEqual(["a", 2, 3]);
    expect(replies[1]!.result).toEqual({});
    expect(replies[2]!.error!.code).toBe(-32602);
  });
});

describe("a sync broadcast whose chain reports no block", () => {
  it("answers the reference's Internal server error", async () => {
    const chain = createFakeChain();
    const registry = createRpcRegistry();
    registerChainRpc(registry, {
      ...chain,
      broadcastTx: async () => ({ ok: true, value: { hash: new Uint8Array(32), block: undefined } }),
    });
    const out = await registry.dispatch(
      "theta.BroadcastRawTransaction",
      { tx_bytes: "02" },
      { signal: new AbortController().signal },
    );
    expect(out).toEqual({ error: { code: -32000, message: "Internal server error" } });
  });
});
