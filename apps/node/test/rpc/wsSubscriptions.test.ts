/**
 * eth_subscribe / eth_unsubscribe over WebSocket against a fake EthChain whose events the test
 * fires: newHeads, logs with address/topic filters and newPendingTransactions notifications in
 * geth's shape, unsubscribe, the per-connection cap, cleanup when a client vanishes (no
 * subscription and no chain listener left), HTTP refusing subscriptions, and the Ethereum port.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { readBuildInfo } from "../../src/buildInfo.ts";
import { data } from "../../src/rpc/eth/ethHex.ts";
import { type EthRpc, registerEthRpc } from "../../src/rpc/eth/registerEthRpc.ts";
import { getVersionMethod } from "../../src/rpc/methods/getVersion.ts";
import { registerChainRpc } from "../../src/rpc/registerChainRpc.ts";
import { createRpcRegistry, type RpcRegistry } from "../../src/rpc/registry.ts";
import { createRpcServer, ROOT_TEXT, type RpcServer } from "../../src/rpc/server.ts";
import { blockTx, deployTx } from "./chain/chainData.ts";
import { rpc, send } from "./httpClient.ts";
import { addr, blockWithLogs, createFakeEthChain, type FakeEthChain, hex, topic } from "./ws/fakeEthChain.ts";
import { connectWs, eventually, type WsClient } from "./ws/wsClient.ts";

const MAX_SUBS = 5;
let fake: FakeEthChain;
let registry: RpcRegistry;
let eth: EthRpc;
let server: RpcServer;
let port: number;
let nextId = 0;
/** Listeners attached by registerEthRpc itself (the pending-tx filters' hook). */
let base: { finalized: number; pending: number };

beforeAll(async () => {
  fake = createFakeEthChain();
  registry = createRpcRegistry();
  registry.register(getVersionMethod(readBuildInfo()));
  registerChainRpc(registry, fake.chain, { random: () => 0.5 });
  eth = registerEthRpc(registry, fake, {
    now: () => Date.now(),
    newFilterId: () => `0x${(++nextId).toString(16).padStart(32, "0")}`,
    subscriptionLimits: { maxPerConnection: MAX_SUBS },
  });
  base = fake.listeners();
  server = createRpcServer(
    { registry },
    {
      address: "127.0.0.1",
      port: 0,
      maxBodyBytes: 64 * 1024,
      timeoutMs: 5000,
      maxConnections: 50,
      idleTimeoutMs: 1000,
    },
  );
  port = (await server.listen()).port;
});

afterAll(async () => {
  await server.close();
  eth.close();
});

let clients: WsClient[] = [];
beforeEach(async () => {
  for (const c of clients) await c.close();
  clients = [];
  await eventually(() => eth.subscriptions.size === 0, 5000, "no subscriptions between tests");
});

async function client(): Promise<WsClient> {
  const c = await connectWs(port);
  clients.push(c);
  return c;
}

async function subscribe(c: WsClient, ...params: unknown[]): Promise<string> {
  const r = await c.call("eth_subscribe", params);
  if (r.error !== undefined) throw new Error(JSON.stringify(r.error));
  expect(r.result).toMatch(/^0x[0-9a-f]+$/);
  return r.result as string;
}

describe("eth_subscribe newHeads", () => {
  it("pushes each finalized block's header in geth's notification shape", async () => {
    const c = await client();
    const id = await subscribe(c, "newHeads");
    expect(fake.listeners().finalized).toBe(base.finalized + 1);
    const b10 = blockWithLogs(10n, []);
    const b11 = blockWithLogs(11n, [[{ address: addr(1), topics: [topic(1)] }]]);
    fake.finalize(b10);
    fake.finalize(b11);
    await eventually(() => c.notifications(id).length === 2, 5000, "two heads");
    const text = c.texts.find((t) => t.includes('"method":"eth_subscription"'))!;
    expect(
      text.startsWith(
        `{"jsonrpc":"2.0","method":"eth_subscription","params":{"subscription":"${id}","result":{`,
      ),
    ).toBe(true);
    const [h10, h11] = c.notifications(id) as Record<string, unknown>[];
    expect(h10).toMatchObject({
      number: "0xa",
      hash: data(b10.hash),
      parentHash: data(b10.block.block.header.parent),
    });
    expect(h11).toMatchObject({
      number: "0xb",
      hash: data(b11.hash),
      timestamp: `0x${(1_700_000_011).toString(16)}`,
    });
    expect(h11).not.toHaveProperty("transactions");
    expect(h11).not.toHaveProperty("uncles");
    expect(h11!.logsBloom).not.toBe(`0x${"0".repeat(512)}`);
    // The same header eth_getBlockByHash-style builders make, minus the lists.
    expect(Object.keys(h11!)).toEqual(expect.arrayContaining(["miner", "stateRoot", "gasLimit", "gasUsed"]));
  });

  it("eth_unsubscribe stops the notifications, answers true then false, and detaches the listener", async () => {
    const c = await client();
    const id = await subscribe(c, "newHeads");
    fake.finalize(blockWithLogs(12n, []));
    await eventually(() => c.notifications(id).length === 1, 5000, "one head");
    expect((await c.call("eth_unsubscribe", [id])).result).toBe(true);
    expect(fake.listeners()).toEqual(base);
    fake.finalize(blockWithLogs(13n, []));
    expect((await c.call("eth_unsubscribe", [id])).result).toBe(false);
    await c.call("theta.GetVersion");
    expect(c.notifications(id)).toHaveLength(1);
    expect(eth.subscriptions.size).toBe(0);
  });

  it("another connection cannot cancel a subscription", async () => {
    const a = await client();
    const b = await client();
    const id = await subscribe(a, "newHeads");
    expect((await b.call("eth_unsubscribe", [id])).result).toBe(false);
    fake.finalize(blockWithLogs(14n, []));
    await eventually(() => a.notifications(id).length === 1, 5000, "a head on a");
    expect(b.frames.filter((f) => !Array.isArray(f) && f.method !== undefined)).toHaveLength(0);
  });
});

describe("eth_subscribe logs", () => {
  const block = () =>
    blockWithLogs(20n, [
      [
        { address: addr(1), topics: [topic(0xaa), topic(1)] },
        { address: addr(2), topics: [topic(0xaa), topic(2)] },
      ],
      [
        { address: addr(1), topics: [topic(0xbb)], data: new Uint8Array([1, 2, 3]) },
        { address: addr(3), topics: [] },
      ],
    ]);

  it("sends each matching log of each finalized block, with its position", async () => {
    const c = await client();
    const all = await subscribe(c, "logs", {});
    const byAddress = await subscribe(c, "logs", { address: hex(addr(1)) });
    const byAddresses = await subscribe(c, "logs", { address: [hex(addr(2)), hex(addr(3))] });
    const byTopic = await subscribe(c, "logs", { topics: [hex(topic(0xaa))] });
    const bySecondTopic = await subscribe(c, "logs", { topics: [null, [hex(topic(2)), hex(topic(9))]] });
    const b = block();
    fake.finalize(b);
    await eventually(() => c.notifications(all).length === 4, 5000, "all four logs");
    await c.call("theta.GetVersion");
    const addresses = (id: string) => (c.notifications(id) as { address: string }[]).map((l) => l.address);
    expect(addresses(all)).toEqual([hex(addr(1)), hex(addr(2)), hex(addr(1)), hex(addr(3))]);
    expect(addresses(byAddress)).toEqual([hex(addr(1)), hex(addr(1))]);
    expect(addresses(byAddresses)).toEqual([hex(addr(2)), hex(addr(3))]);
    expect(addresses(byTopic)).toEqual([hex(addr(1)), hex(addr(2))]);
    expect(addresses(bySecondTopic)).toEqual([hex(addr(2))]);
    const third = c.notifications(all)[2] as Record<string, unknown>;
    expect(third).toEqual({
      address: hex(addr(1)),
      topics: [hex(topic(0xbb))],
      data: "0x010203",
      blockNumber: "0x14",
      blockHash: data(b.hash),
      blockTimestamp: `0x${(1_700_000_020).toString(16)}`,
      transactionHash: data(b.txs[1]!.ethTxHash),
      transactionIndex: "0x1",
      logIndex: "0x2",
      removed: false,
    });
  });

  it("refuses a bad filter (-32602) and a blockHash, and an unknown kind (-32601)", async () => {
    const c = await client();
    const bad = (await c.call("eth_subscribe", ["logs", { address: "0x12" }])).error as {
      code: number;
      message: string;
    };
    expect(bad.code).toBe(-32602);
    expect(bad.message).toContain("address");
    const hash = (await c.call("eth_subscribe", ["logs", { blockHash: hex(topic(1)) }])).error as {
      code: number;
    };
    expect(hash.code).toBe(-32602);
    expect((await c.call("eth_subscribe", ["syncingg"])).error).toEqual({
      code: -32601,
      message: 'no "syncingg" subscription in eth namespace',
    });
    expect(((await c.call("eth_subscribe", [])).error as { code: number }).code).toBe(-32602);
    expect(((await c.call("eth_subscribe", ["newHeads", {}])).error as { code: number }).code).toBe(-32602);
    expect(eth.subscriptions.size).toBe(0);
  });
});

describe("eth_subscribe newPendingTransactions", () => {
  it("pushes the Ethereum hash of admitted txs (the Theta hash for native txs), or the tx object", async () => {
    const c = await client();
    const hashes = await subscribe(c, "newPendingTransactions");
    const full = await subscribe(c, "newPendingTransactions", true);
    expect(fake.listeners().pending).toBe(base.pending + 1);
    const pendingTx = blockTx(deployTx(7n));
    fake.admit({ hash: pendingTx.hash, ethHash: pendingTx.ethTxHash }, pendingTx);
    fake.admit({ hash: topic(5), ethHash: undefined });
    await eventually(() => c.notifications(hashes).length === 2, 5000, "two hashes");
    expect(c.notifications(hashes)).toEqual([data(pendingTx.ethTxHash), hex(topic(5))]);
    await eventually(() => c.notifications(full).length === 1, 5000, "one tx object");
    expect(c.notifications(full)[0]).toMatchObject({ blockHash: null, blockNumber: null, thetaTxType: 7 });
  });
});

describe("subscription limits and cleanup", () => {
  it("a flood of subscriptions stops at the per-connection cap", async () => {
    const c = await client();
    const batch = Array.from({ length: 3 * MAX_SUBS }, (_, i) => ({
      jsonrpc: "2.0",
      id: i,
      method: "eth_subscribe",
      params: [i % 2 === 0 ? "newHeads" : "newPendingTransactions"],
    }));
    c.send(JSON.stringify(batch));
    const reply = (await c.next(Array.isArray)) as {
      result?: string;
      error?: { code: number; message: string };
    }[];
    expect(reply.filter((r) => r.result !== undefined)).toHaveLength(MAX_SUBS);
    const refused = reply.filter((r) => r.error !== undefined);
    expect(refused).toHaveLength(2 * MAX_SUBS);
    expect(refused[0]!.error).toEqual({
      code: -32000,
      message: `too many subscriptions on this connection (at most ${MAX_SUBS}); eth_unsubscribe some first`,
    });
    // Another connection has its own allowance.
    const other = await client();
    await subscribe(other, "newHeads");
    expect(eth.subscriptions.size).toBe(MAX_SUBS + 1);
  });

  it("a client that vanishes mid-stream leaves no subscription and no chain listener behind", async () => {
    const c = await client();
    await subscribe(c, "newHeads");
    await subscribe(c, "logs", { address: hex(addr(1)) });
    await subscribe(c, "newPendingTransactions");
    await subscribe(c, "newPendingTransactions", true);
    expect(fake.listeners()).toEqual({ finalized: base.finalized + 1, pending: base.pending + 1 });
    let height = 100n;
    const stream = setInterval(() => {
      fake.finalize(blockWithLogs(height++, [[{ address: addr(1), topics: [] }]]));
      fake.admit({ hash: topic(Number(height % 200n)), ethHash: undefined });
    }, 2);
    await eventually(() => c.frames.length > 20, 5000, "the stream to flow");
    c.ws.terminate();
    await eventually(() => eth.subscriptions.size === 0, 5000, "the subscriptions to go");
    clearInterval(stream);
    expect(fake.listeners()).toEqual(base);
    const http = await rpc(port, '{"jsonrpc":"2.0","id":1,"method":"theta.GetVersion"}');
    expect(http.status).toBe(200);
  });
});

describe("a subscriber that does not read", () => {
  it("is dropped once its send buffer passes the limit, with its subscriptions and listeners", async () => {
    const small = createRpcServer(
      { registry },
      {
        address: "127.0.0.1",
        port: 0,
        maxBodyBytes: 64 * 1024,
        timeoutMs: 5000,
        maxConnections: 50,
        idleTimeoutMs: 1000,
        ws: { maxBufferedBytes: 64 * 1024 },
      },
    );
    const smallPort = (await small.listen()).port;
    const c = await connectWs(smallPort);
    await subscribe(c, "newHeads");
    (c.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const b = blockWithLogs(400n, [[{ address: addr(1), topics: [topic(1)] }]]);
    for (let round = 0; round < 40 && eth.subscriptions.size > 0; round++) {
      for (let i = 0; i < 500; i++) fake.finalize(b);
      await new Promise((r) => setTimeout(r, 20));
    }
    await eventually(() => small.wsConnections === 0, 10_000, "the stalled subscriber to be dropped");
    expect(eth.subscriptions.size).toBe(0);
    expect(fake.listeners()).toEqual(base);
    c.ws.terminate();
    await small.close();
  }, 30_000);
});

describe("over HTTP", () => {
  it("eth_subscribe and eth_unsubscribe answer -32601 notifications not supported", async () => {
    for (const body of [
      { jsonrpc: "2.0", id: 1, method: "eth_subscribe", params: ["newHeads"] },
      { jsonrpc: "2.0", id: 1, method: "eth_unsubscribe", params: ["0x1"] },
    ]) {
      const r = await rpc(port, JSON.stringify(body));
      expect(JSON.parse(r.body).error).toEqual({ code: -32601, message: "notifications not supported" });
    }
  });
});

describe("the Ethereum port (rpc.ethPort)", () => {
  it("serves JSON-RPC at POST / and /rpc, WebSocket at / and /ws, and the liveness text at GET /", async () => {
    const ethServer = createRpcServer(
      { registry },
      {
        address: "127.0.0.1",
        port: 0,
        maxBodyBytes: 64 * 1024,
        timeoutMs: 5000,
        maxConnections: 50,
        idleTimeoutMs: 1000,
        rootIsRpc: true,
      },
    );
    const ethPort = (await ethServer.listen()).port;
    const body = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId" });
    for (const path of ["/", "/rpc"]) {
      const r = await send(ethPort, { path, body });
      expect(JSON.parse(r.body).result).toBe("0x16e");
    }
    expect((await send(ethPort, { method: "GET", path: "/", contentType: null })).body).toBe(ROOT_TEXT);
    for (const path of ["/", "/ws"]) {
      const c = await connectWs(ethPort, { path });
      const id = await subscribe(c, "newHeads");
      fake.finalize(blockWithLogs(300n, []));
      await eventually(() => c.notifications(id).length === 1, 5000, `a head on ${path}`);
      await c.close();
    }
    await ethServer.close();
    // The main port keeps POST / as the liveness text.
    expect((await send(port, { path: "/", body })).body).toBe(ROOT_TEXT);
  });
});
