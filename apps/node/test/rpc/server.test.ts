import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { readBuildInfo } from "../../src/buildInfo.ts";
import { getVersionMethod } from "../../src/rpc/methods/getVersion.ts";
import { createRpcRegistry } from "../../src/rpc/registry.ts";
import { RpcError, RpcErrorCode } from "../../src/rpc/rpcError.ts";
import { createRpcServer, ROOT_TEXT, type RpcServer, TIMEOUT_BODY } from "../../src/rpc/server.ts";
import { rpc, send } from "./httpClient.ts";

const LIMIT = 4096;
let server: RpcServer;
let port: number;
const observed: string[] = [];

beforeAll(async () => {
  const registry = createRpcRegistry();
  registry.register(getVersionMethod(readBuildInfo()));
  registry.register({
    name: "test.Echo",
    summary: "echoes its args",
    params: z.object({ height: z.string(), flag: z.boolean().optional() }),
    handler: (args) => args,
  });
  registry.register({
    name: "test.Fail",
    summary: "always fails",
    params: z.object({}),
    handler: () => {
      throw new Error("account 0x12 not found");
    },
  });
  registry.register({
    name: "test.Coded",
    summary: "fails with a chosen code",
    params: z.object({}),
    handler: () => {
      throw new RpcError(RpcErrorCode.InvalidParams, "height must be below 5");
    },
  });
  registry.register({
    name: "test.Hang",
    summary: "waits until aborted",
    params: z.object({}),
    handler: (_args, ctx) =>
      new Promise((resolve) => ctx.signal.addEventListener("abort", () => resolve("late"), { once: true })),
  });
  server = createRpcServer(
    { registry, observe: (method, _s, outcome) => observed.push(`${method}:${outcome}`) },
    {
      address: "127.0.0.1",
      port: 0,
      maxBodyBytes: LIMIT,
      timeoutMs: 300,
      maxConnections: 50,
      idleTimeoutMs: 1000,
    },
  );
  port = (await server.listen()).port;
});

afterAll(async () => {
  await server.close();
});

const call = (body: unknown) => rpc(port, JSON.stringify(body));

describe("transport (docs/interfaces.md §1.1)", () => {
  it("GET / and POST / answer the liveness text", async () => {
    for (const method of ["GET", "POST"]) {
      const r = await send(port, { method, path: "/", contentType: null });
      expect(r.status).toBe(200);
      expect(r.body).toBe(ROOT_TEXT);
    }
  });

  it("OPTIONS /rpc is 200 with an empty body; an allowed Origin gets CORS headers", async () => {
    const plain = await send(port, { method: "OPTIONS", contentType: null });
    expect(plain.status).toBe(200);
    expect(plain.body).toBe("");
    expect(plain.headers["access-control-allow-origin"]).toBeUndefined();
    const origin = "http://localhost:3000";
    const r = await send(port, { method: "OPTIONS", contentType: null, headers: { Origin: origin } });
    expect(r.status).toBe(200);
    expect(r.headers["access-control-allow-origin"]).toBe(origin);
    expect(r.headers["access-control-allow-headers"]).toContain("Content-Type");
    expect(r.headers.vary).toBe("Origin");
  });

  it("a method other than POST is 405 with an empty body", async () => {
    const r = await send(port, { method: "GET", contentType: null });
    expect(r.status).toBe(405);
    expect(r.body).toBe("");
  });

  it("a media type other than application/json is 415; parameters are allowed", async () => {
    const body = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "theta.GetVersion" });
    expect((await send(port, { body, contentType: "text/plain" })).status).toBe(415);
    expect((await send(port, { body, contentType: null })).status).toBe(415);
    expect((await send(port, { body, contentType: "Application/JSON; charset=utf-8" })).status).toBe(200);
  });

  it("answers with Content-Type application/json, CORS, member order jsonrpc,id,result and a final newline", async () => {
    const r = await send(port, {
      body: JSON.stringify({ jsonrpc: "2.0", method: "theta.GetVersion", params: [{}], id: 7 }),
      headers: { Origin: "http://127.0.0.1:8080" },
    });
    expect(r.status).toBe(200);
    expect(r.headers["content-type"]).toBe("application/json");
    expect(r.headers["access-control-allow-origin"]).toBe("http://127.0.0.1:8080");
    expect(r.body.endsWith("}\n")).toBe(true);
    const info = readBuildInfo();
    const expected = { version: info.version, git_hash: info.gitHash, timestamp: info.timestamp };
    expect(r.body).toBe(`{"jsonrpc":"2.0","id":7,"result":${JSON.stringify(expected)}}\n`);
  });

  it("a body over the limit is 413 with a JSON-RPC error naming the limit", async () => {
    const big = JSON.stringify({
      jsonrpc: "2.0",
      id: 1,
      method: "test.Echo",
      params: { height: "x".repeat(LIMIT) },
    });
    const r = await rpc(port, big);
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body)).toEqual({
      jsonrpc: "2.0",
      id: null,
      error: { code: -32600, message: `request body exceeds the limit of ${LIMIT} bytes (rpc.maxBodyBytes)` },
    });
  });

  it("a request outliving the timeout gets 503 with the Timeout body", async () => {
    const r = await call({ jsonrpc: "2.0", id: 1, method: "test.Hang" });
    expect(r.status).toBe(503);
    expect(r.body).toBe(TIMEOUT_BODY);
  });

  it("an unknown path is 404", async () => {
    expect((await send(port, { method: "GET", path: "/nope", contentType: null })).status).toBe(404);
  });
});

describe("envelope rules (docs/interfaces.md §1.2)", () => {
  const invalid = `{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"invalid request"}}\n`;
  const cases: ReadonlyArray<readonly [string, unknown]> = [
    ["jsonrpc missing", { method: "theta.GetVersion", id: 1 }],
    ["method missing", { jsonrpc: "2.0", id: 1 }],
    ["wrong version", { jsonrpc: "1.0", method: "theta.GetVersion", id: 1 }],
    ["numeric version", { jsonrpc: 2, method: "theta.GetVersion", id: 1 }],
    ["method not a string", { jsonrpc: "2.0", method: 5, id: 1 }],
    ["extra member", { jsonrpc: "2.0", method: "theta.GetVersion", id: 1, extra: true }],
    ["params a string", { jsonrpc: "2.0", method: "theta.GetVersion", id: 1, params: "x" }],
    ["params a number", { jsonrpc: "2.0", method: "theta.GetVersion", id: 1, params: 3 }],
    ["params null", { jsonrpc: "2.0", method: "theta.GetVersion", id: 1, params: null }],
    ["id boolean", { jsonrpc: "2.0", method: "theta.GetVersion", id: true }],
    ["id object", { jsonrpc: "2.0", method: "theta.GetVersion", id: {} }],
    ["id array", { jsonrpc: "2.0", method: "theta.GetVersion", id: [1] }],
    ["not an object", 42],
    ["empty batch", []],
  ];
  for (const [name, body] of cases) {
    it(`${name} → -32600 invalid request with id null`, async () => {
      const r = await call(body);
      expect(r.status).toBe(200);
      expect(r.body).toBe(invalid);
    });
  }

  it("unparseable JSON → -32700 parse error, id null, connection closed", async () => {
    const r = await rpc(port, '{"jsonrpc":"2.0",');
    expect(r.body).toBe(`{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"parse error"}}\n`);
    expect(r.headers.connection).toBe("close");
  });

  it("echoes number, string and null ids verbatim; id null is a call, not a notification", async () => {
    for (const id of [0, -3.5, "abc", null]) {
      const r = await call({ jsonrpc: "2.0", method: "test.Echo", params: { height: "1" }, id });
      expect(r.body).toBe(`{"jsonrpc":"2.0","id":${JSON.stringify(id)},"result":{"height":"1"}}\n`);
    }
  });

  it("a notification (no id) is run and answered 204 with no body", async () => {
    const before = observed.length;
    const r = await call({ jsonrpc: "2.0", method: "test.Echo", params: { height: "1" } });
    expect(r.status).toBe(204);
    expect(r.body).toBe("");
    expect(observed.slice(before)).toEqual(["test.Echo:ok"]);
  });

  it("a batch answers an array in order, omitting notifications", async () => {
    const r = await call([
      { jsonrpc: "2.0", method: "test.Echo", params: { height: "1" }, id: 1 },
      { jsonrpc: "2.0", method: "test.Echo", params: { height: "2" } },
      { jsonrpc: "2.0", method: "theta.Nope", id: "b" },
      5,
    ]);
    expect(r.body).toBe(
      "[" +
        '{"jsonrpc":"2.0","id":1,"result":{"height":"1"}},' +
        `{"jsonrpc":"2.0","id":"b","error":{"code":-32601,"message":"rpc: can't find method theta.Nope"}},` +
        '{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"invalid request"}}' +
        "]\n",
    );
  });

  it("an all-notification batch gets 204 and no body", async () => {
    const r = await call([{ jsonrpc: "2.0", method: "test.Echo", params: { height: "1" } }]);
    expect(r.status).toBe(204);
    expect(r.body).toBe("");
  });

  it("unknown methods get the reference's three messages", async () => {
    const msg = async (method: string) =>
      JSON.parse((await call({ jsonrpc: "2.0", method, id: 1 })).body).error;
    expect(await msg("theta.Foo")).toEqual({ code: -32601, message: "rpc: can't find method theta.Foo" });
    expect(await msg("theta.getVersion")).toEqual({
      code: -32601,
      message: "rpc: can't find method theta.getVersion",
    });
    expect(await msg("foo.Bar")).toEqual({ code: -32601, message: "rpc: can't find service foo.Bar" });
    expect(await msg("Foo")).toEqual({
      code: -32601,
      message: "rpc: service/method request ill-formed: Foo",
    });
  });

  it("accepts list-style params (first element only) and named-style params", async () => {
    const list = await call({
      jsonrpc: "2.0",
      method: "test.Echo",
      params: [{ height: "5" }, { height: 9 }],
      id: 1,
    });
    expect(JSON.parse(list.body).result).toEqual({ height: "5" });
    const named = await call({
      jsonrpc: "2.0",
      method: "test.Echo",
      params: { height: "6", flag: true },
      id: 1,
    });
    expect(JSON.parse(named.body).result).toEqual({ height: "6", flag: true });
  });

  it("ignores unknown argument members, as the reference does", async () => {
    const r = await call({ jsonrpc: "2.0", method: "test.Echo", params: { height: "6", name: "x" }, id: 1 });
    expect(JSON.parse(r.body).result).toEqual({ height: "6" });
  });

  it("args of the wrong type → -32602 naming the field", async () => {
    const r = JSON.parse(
      (await call({ jsonrpc: "2.0", method: "test.Echo", params: { height: 5 }, id: 1 })).body,
    );
    expect(r.error.code).toBe(-32602);
    expect(r.error.message).toContain('argument "height"');
    const missing = JSON.parse((await call({ jsonrpc: "2.0", method: "test.Echo", id: 2 })).body);
    expect(missing.error.code).toBe(-32602);
    expect(missing.error.message).toContain('argument "height"');
  });

  it("when both styles fail, the named-style error is reported", async () => {
    const r = JSON.parse(
      (await call({ jsonrpc: "2.0", method: "test.Echo", params: [{ height: 1 }], id: 1 })).body,
    );
    expect(r.error.code).toBe(-32602);
    expect(r.error.message).toContain("arguments of test.Echo");
  });

  it("a handler error → -32000 with the handler's message; an RpcError keeps its code", async () => {
    const fail = JSON.parse((await call({ jsonrpc: "2.0", method: "test.Fail", id: 1 })).body);
    expect(fail).toEqual({
      jsonrpc: "2.0",
      id: 1,
      error: { code: -32000, message: "account 0x12 not found" },
    });
    const coded = JSON.parse((await call({ jsonrpc: "2.0", method: "test.Coded", id: 1 })).body);
    expect(coded.error).toEqual({ code: -32602, message: "height must be below 5" });
  });
});
