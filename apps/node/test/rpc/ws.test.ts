/**
 * JSON-RPC over WebSocket (`/ws`): the same registry and envelope rules as HTTP, one frame in and
 * one frame out, and the limits: frame size, connection cap, keepalive, a bounded send buffer,
 * bad input answered or closed without harm to other clients.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { z } from "zod";
import { readBuildInfo } from "../../src/buildInfo.ts";
import { getVersionMethod } from "../../src/rpc/methods/getVersion.ts";
import { createRpcRegistry, type RpcRegistry } from "../../src/rpc/registry.ts";
import { createRpcServer, type RpcServer, type RpcServerOpts } from "../../src/rpc/server.ts";
import { rpc, send } from "./httpClient.ts";
import { connectWs, eventually } from "./ws/wsClient.ts";

const LIMIT = 4096;
const BIG = 256 * 1024;

function testRegistry(): RpcRegistry {
  const registry = createRpcRegistry();
  registry.register(getVersionMethod(readBuildInfo()));
  registry.register({
    name: "test.Echo",
    summary: "echoes its args",
    params: z.object({ height: z.string() }),
    handler: (args) => args,
  });
  registry.register({
    name: "test.Big",
    summary: "a large result",
    params: z.object({}),
    handler: () => "x".repeat(BIG),
  });
  registry.register({
    name: "test.Sleep",
    summary: "answers after a while",
    params: z.object({ ms: z.number() }),
    handler: ({ ms }) => new Promise((r) => setTimeout(() => r(ms), ms)),
  });
  registry.register({
    name: "test.Hang",
    summary: "waits until aborted",
    params: z.object({}),
    handler: (_a, ctx) =>
      new Promise((resolve) =>
        ctx.signal.addEventListener("abort", () => resolve("aborted"), { once: true }),
      ),
  });
  registry.register({
    name: "test.Subscribe",
    summary: "registers a cleanup, pushes a notification at once, answers later",
    params: z.object({}),
    handler: async (_a, ctx) => {
      const conn = ctx.connection;
      if (conn === undefined) return "no connection";
      conn.onClose(() => undefined);
      conn.notify("test_note", { n: 1 });
      await new Promise((r) => setTimeout(r, 50));
      return "subscribed";
    },
  });
  registry.register({
    name: "test.HasConnection",
    summary: "whether ctx.connection is set",
    params: z.object({}),
    handler: (_a, ctx) => ctx.connection !== undefined,
  });
  return registry;
}

async function startServer(extra: Partial<RpcServerOpts> = {}): Promise<{ server: RpcServer; port: number }> {
  const server = createRpcServer(
    { registry: testRegistry() },
    {
      address: "127.0.0.1",
      port: 0,
      maxBodyBytes: LIMIT,
      timeoutMs: 300,
      maxConnections: 50,
      idleTimeoutMs: 1000,
      ...extra,
    },
  );
  return { server, port: (await server.listen()).port };
}

let server: RpcServer;
let port: number;

beforeAll(async () => {
  ({ server, port } = await startServer());
});

afterAll(async () => {
  await server.close();
});

async function httpAlive(p: number): Promise<void> {
  const r = await rpc(p, '{"jsonrpc":"2.0","id":1,"method":"theta.GetVersion"}');
  expect(JSON.parse(r.body).result.version).toBe(readBuildInfo().version);
}

describe("JSON-RPC over WebSocket", () => {
  it("answers a call in one frame, members in order, without the HTTP newline", async () => {
    const c = await connectWs(port);
    c.send(JSON.stringify({ jsonrpc: "2.0", id: 7, method: "test.Echo", params: { height: "5" } }));
    await c.next(() => true);
    expect(c.texts[0]).toBe('{"jsonrpc":"2.0","id":7,"result":{"height":"5"}}');
    await c.close();
  });

  it("serves theta.* methods and sets ctx.connection (HTTP does not)", async () => {
    const c = await connectWs(port);
    const v = await c.call("theta.GetVersion", [{}]);
    expect((v.result as { version: string }).version).toBe(readBuildInfo().version);
    expect((await c.call("test.HasConnection")).result).toBe(true);
    const http = await rpc(port, '{"jsonrpc":"2.0","id":1,"method":"test.HasConnection"}');
    expect(JSON.parse(http.body).result).toBe(false);
    expect((await c.call("theta.Nope")).error).toEqual({
      code: -32601,
      message: "rpc: can't find method theta.Nope",
    });
    await c.close();
  });

  it("answers a batch in one frame, omitting notifications; notifications alone get nothing", async () => {
    const c = await connectWs(port);
    c.send(JSON.stringify([{ jsonrpc: "2.0", method: "test.Echo", params: { height: "0" } }]));
    c.send(JSON.stringify({ jsonrpc: "2.0", method: "test.Echo", params: { height: "0" } }));
    c.send(
      JSON.stringify([
        { jsonrpc: "2.0", id: 1, method: "test.Echo", params: { height: "1" } },
        { jsonrpc: "2.0", method: "test.Echo", params: { height: "2" } },
        { jsonrpc: "2.0", id: "b", method: "theta.Nope" },
        5,
      ]),
    );
    await c.next(() => true);
    await c.call("theta.GetVersion");
    expect(c.texts).toHaveLength(2);
    expect(c.texts[0]).toBe(
      "[" +
        '{"jsonrpc":"2.0","id":1,"result":{"height":"1"}},' +
        `{"jsonrpc":"2.0","id":"b","error":{"code":-32601,"message":"rpc: can't find method theta.Nope"}},` +
        '{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"invalid request"}}' +
        "]",
    );
    await c.close();
  });

  it("answers garbage and binary frames with a parse error and keeps the connection", async () => {
    const c = await connectWs(port);
    const parseError = '{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"parse error"}}';
    c.send('{"jsonrpc":"2.0",');
    await c.next(() => true);
    c.send(Buffer.from(JSON.stringify({ jsonrpc: "2.0", id: 1, method: "theta.GetVersion" })), true);
    await c.next(() => true, 5000, 1);
    c.send("[]");
    await c.next(() => true, 5000, 2);
    expect(c.texts.slice(0, 3)).toEqual([
      parseError,
      parseError,
      '{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"invalid request"}}',
    ]);
    expect((await c.call("theta.GetVersion")).result).toBeDefined();
    await c.close();
  });

  it("closes with 1009 on a frame over rpc.maxBodyBytes and keeps serving others", async () => {
    const other = await connectWs(port);
    const c = await connectWs(port);
    c.send(
      JSON.stringify({ jsonrpc: "2.0", id: 1, method: "test.Echo", params: { height: "x".repeat(LIMIT) } }),
    );
    expect(await c.closed).toBe(1009);
    expect((await other.call("test.Echo", { height: "1" })).result).toEqual({ height: "1" });
    await httpAlive(port);
    await other.close();
  });

  it("closes with 1007 on a text frame that is not UTF-8 and keeps serving others", async () => {
    const c = await connectWs(port);
    c.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), false);
    expect(await c.closed).toBe(1007);
    await httpAlive(port);
  });

  it("a frame's calls are aborted after rpc.timeoutSecs; the answer still comes", async () => {
    const c = await connectWs(port);
    expect((await c.call("test.Hang")).result).toBe("aborted");
    await c.close();
  });

  it("a notification pushed while its subscribe call runs comes after that call's reply", async () => {
    const c = await connectWs(port);
    const reply = await c.call("test.Subscribe");
    expect(reply.result).toBe("subscribed");
    await c.next((f) => !Array.isArray(f) && f.method === "test_note");
    expect(c.texts).toEqual([
      '{"jsonrpc":"2.0","id":1,"result":"subscribed"}',
      '{"jsonrpc":"2.0","method":"test_note","params":{"n":1}}',
    ]);
    await c.close();
  });

  it("the upgrade is only at /ws; GET /ws without an upgrade is 426", async () => {
    await expect(connectWs(port, { path: "/rpc" })).rejects.toThrow("HTTP 404");
    const r = await send(port, { method: "GET", path: "/ws", contentType: null });
    expect(r.status).toBe(426);
  });
});

describe("WebSocket limits", () => {
  it("runs at most maxInFlight frames of a connection at once and answers them all", async () => {
    const s = await startServer({ ws: { maxInFlight: 3 } });
    const c = await connectWs(s.port);
    for (let i = 0; i < 20; i++)
      c.send(JSON.stringify({ jsonrpc: "2.0", id: i, method: "test.Sleep", params: { ms: 10 } }));
    await eventually(() => c.frames.length === 20, 5000, "20 replies");
    expect(new Set(c.frames.map((f) => (f as { id: number }).id)).size).toBe(20);
    await c.close();
    await s.server.close();
  });

  it("the connection cap counts WebSocket connections", async () => {
    const s = await startServer({ maxConnections: 3 });
    const clients = [await connectWs(s.port), await connectWs(s.port), await connectWs(s.port)];
    await expect(connectWs(s.port)).rejects.toThrow();
    await clients[0]!.close();
    await eventually(() => s.server.wsConnections === 2, 5000, "a freed slot");
    const again = await connectWs(s.port);
    expect((await again.call("theta.GetVersion")).result).toBeDefined();
    for (const c of [again, ...clients.slice(1)]) await c.close();
    await s.server.close();
  });

  it("keepalive terminates a peer that answers no ping; a live idle peer stays", async () => {
    const s = await startServer({ ws: { pingIntervalMs: 100 } });
    const dead = await connectWs(s.port, { autoPong: false });
    const live = await connectWs(s.port);
    expect(await dead.closed).toBe(1006);
    await new Promise((r) => setTimeout(r, 350));
    expect(live.ws.readyState).toBe(WebSocket.OPEN);
    expect((await live.call("theta.GetVersion")).result).toBeDefined();
    await live.close();
    await s.server.close();
  });

  it("terminates a client that does not read instead of buffering without bound", async () => {
    const s = await startServer({ ws: { maxBufferedBytes: 512 * 1024 } });
    const stalled = await connectWs(s.port);
    // Stop reading: the kernel buffers fill, then the server's send buffer grows.
    (stalled.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    for (let i = 0; i < 150; i++) stalled.send(JSON.stringify({ jsonrpc: "2.0", id: i, method: "test.Big" }));
    await eventually(() => s.server.wsConnections === 0, 20_000, "the stalled client to be dropped");
    const ok = await connectWs(s.port);
    expect((await ok.call("theta.GetVersion")).result).toBeDefined();
    await ok.close();
    stalled.ws.terminate();
    await s.server.close();
  }, 30_000);

  it("closing the server closes its WebSocket connections", async () => {
    const s = await startServer();
    const c = await connectWs(s.port);
    await s.server.close();
    expect(await c.closed).toBe(1006);
  });
});
