/**
 * eth_subscribe over WebSocket against a fake EthChain: the per-connection cap, cleanup when a
 * client vanishes or stops reading (no subscription and no chain listener left), HTTP refusing
 * subscriptions, and the Ethereum port (rpc.ethPort).
 */
import { describe, expect, it } from "vitest";
import { createRpcServer, ROOT_TEXT } from "../../src/rpc/server.ts";
import { rpc, send } from "./httpClient.ts";
import { addr, blockWithLogs, hex, topic } from "./ws/fakeEthChain.ts";
import {
  base,
  client,
  eth,
  fake,
  MAX_SUBS,
  port,
  registry,
  subscribe,
  useSubscriptionServer,
} from "./ws/subscriptionServer.ts";
import { connectWs, eventually } from "./ws/wsClient.ts";

useSubscriptionServer();

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
