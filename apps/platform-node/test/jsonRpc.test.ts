/** The shared JSON-RPC core: envelope rules, body handling and the Host/Origin/token policy. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  createAccessPolicy,
  handleJsonRpcBody,
  type JsonRpcCore,
  notificationJSON,
  parseCall,
  parseList,
  responseJSON,
} from "../src/index.ts";

const echo: JsonRpcCore<undefined> = {
  async dispatch(method, params) {
    if (method === "boom") throw new Error("dispatch broke its promise");
    if (method === "big") return { result: 1n };
    if (method === "fail") return { error: { code: -32000, message: "failed", data: { why: 1 } } };
    return { result: { method, params: params ?? null } };
  },
};

describe("envelope", () => {
  it("classifies calls, notifications and invalid requests", () => {
    expect(parseCall({ jsonrpc: "2.0", method: "m", id: null })).toEqual({
      kind: "call",
      id: null,
      method: "m",
      params: undefined,
    });
    expect(parseCall({ jsonrpc: "2.0", method: "m", params: [] }).kind).toBe("notification");
    for (const bad of [
      { method: "m", id: 1 },
      { jsonrpc: "2.0", method: "m", id: true },
      { jsonrpc: "2.0", method: "m", params: null, id: 1 },
      { jsonrpc: "2.0", method: "m", id: 1, extra: 1 },
      [],
      "x",
    ]) {
      expect(parseCall(bad).kind).toBe("invalid");
    }
  });

  it("writes responses and notifications with a fixed member order", () => {
    expect(responseJSON(1, { result: undefined })).toBe('{"jsonrpc":"2.0","id":1,"result":null}');
    expect(responseJSON("a", { result: 5 }, (r) => `"${r}"`)).toBe('{"jsonrpc":"2.0","id":"a","result":"5"}');
    expect(responseJSON(null, { error: { code: 3, message: "m", data: "0x" } })).toBe(
      '{"jsonrpc":"2.0","id":null,"error":{"code":3,"message":"m","data":"0x"}}',
    );
    expect(notificationJSON("eth_subscription", '{"subscription":"0x1","result":2}')).toBe(
      '{"jsonrpc":"2.0","method":"eth_subscription","params":{"subscription":"0x1","result":2}}',
    );
  });
});

describe("handleJsonRpcBody", () => {
  const run = (body: string) => handleJsonRpcBody(echo, body, undefined);

  it("answers single calls, batches in order, and nothing for notifications", async () => {
    expect(await run('{"jsonrpc":"2.0","id":1,"method":"m","params":[2]}')).toEqual({
      kind: "reply",
      body: '{"jsonrpc":"2.0","id":1,"result":{"method":"m","params":[2]}}\n',
      closeConnection: false,
    });
    const batch = await run('[{"jsonrpc":"2.0","id":1,"method":"fail"},{"jsonrpc":"2.0","method":"m"},7]');
    expect(batch.kind === "reply" && JSON.parse(batch.body)).toEqual([
      { jsonrpc: "2.0", id: 1, error: { code: -32000, message: "failed", data: { why: 1 } } },
      { jsonrpc: "2.0", id: null, error: { code: -32600, message: "invalid request" } },
    ]);
    expect(await run('[{"jsonrpc":"2.0","method":"m"}]')).toEqual({ kind: "empty" });
    expect(await run("[]")).toMatchObject({ kind: "reply", closeConnection: false });
    expect(await run("{")).toMatchObject({ kind: "reply", closeConnection: true });
  });

  it("turns an unserialisable result or a throwing dispatch into -32603", async () => {
    const big = await run('{"jsonrpc":"2.0","id":1,"method":"big"}');
    expect(big.kind === "reply" && JSON.parse(big.body).error.message).toContain(
      "result of big is not serialisable",
    );
    const boom = await run('{"jsonrpc":"2.0","id":2,"method":"boom"}');
    expect(boom.kind === "reply" && JSON.parse(boom.body).error).toEqual({
      code: -32603,
      message: "internal error: dispatch broke its promise",
    });
  });

  it("never throws, and every reply is JSON ending in a newline", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.jsonValue().map((v) => JSON.stringify(v)),
        ),
        async (body) => {
          const r = await run(body);
          if (r.kind === "reply") {
            expect(r.body.endsWith("\n")).toBe(true);
            expect(() => JSON.parse(r.body)).not.toThrow();
          }
        },
      ),
    );
  });
});

describe("access policy", () => {
  const policy = createAccessPolicy({
    boundAddress: "127.0.0.1",
    allowedHosts: ["node.example.com", "*.lan"],
    allowedOrigins: ["chrome-extension://*", "https://app.example"],
    allowLoopbackOrigins: true,
  });
  const ok = (headers: Record<string, string>) => policy.check(headers).ok;

  it("accepts localhost, IP addresses, the bound name and allowed hosts; refuses other names", () => {
    for (const host of [
      "localhost",
      "localhost:1",
      "127.0.0.1:16888",
      "10.1.2.3",
      "[::1]:8545",
      "[fe80::1]",
      "box.lan",
    ]) {
      expect(ok({ host })).toBe(true);
    }
    expect(ok({})).toBe(true);
    for (const host of [
      "evil.example",
      "localhost.evil.example:80",
      "lan",
      "[::1",
      "a:b",
      ":80",
      "node.example.com.x",
    ]) {
      expect(ok({ host })).toBe(false);
    }
    expect(
      createAccessPolicy({ boundAddress: "mynode.local" }).check({ host: "MyNode.Local:16888" }).ok,
    ).toBe(true);
  });

  it("accepts no Origin, loopback pages and listed origins; refuses the rest", () => {
    expect(policy.check({ origin: "chrome-extension://abc" })).toEqual({
      ok: true,
      allowOrigin: "chrome-extension://abc",
    });
    expect(policy.check({ origin: "http://localhost:3000" })).toEqual({
      ok: true,
      allowOrigin: "http://localhost:3000",
    });
    expect(policy.check({})).toEqual({ ok: true, allowOrigin: undefined });
    for (const origin of [
      "https://app.example.org",
      "http://localhost.evil:3000",
      "null",
      "file://",
      "https://app.example/x",
    ]) {
      expect(ok({ origin })).toBe(false);
    }
    const strict = createAccessPolicy({ boundAddress: "127.0.0.1" });
    expect(strict.check({ origin: "http://localhost:3000" }).ok).toBe(false);
    const any = createAccessPolicy({ boundAddress: "127.0.0.1", allowedOrigins: ["*"] });
    expect(any.check({ origin: "https://x.example" })).toEqual({ ok: true, allowOrigin: "*" });
  });

  it("checks a bearer token, except on preflight", () => {
    const p = createAccessPolicy({ boundAddress: "127.0.0.1", bearerToken: "tok" });
    expect(p.check({}).ok).toBe(false);
    expect(p.check({ authorization: "Bearer tok" }).ok).toBe(true);
    expect(p.check({ authorization: "bearer tok " }).ok).toBe(true);
    expect(p.check({ authorization: "Bearer tok2" })).toMatchObject({ ok: false, status: 401 });
    expect(p.check({ authorization: "Basic tok" }).ok).toBe(false);
    expect(p.check({}, true).ok).toBe(true);
  });

  it("refuses malformed entries and parses comma lists", () => {
    expect(() => createAccessPolicy({ boundAddress: "x", allowedOrigins: ["app.example"] })).toThrow(
      /allowed origin/,
    );
    expect(() => createAccessPolicy({ boundAddress: "x", allowedHosts: ["http://a"] })).toThrow(
      /allowed host/,
    );
    expect(() => createAccessPolicy({ boundAddress: "x", bearerToken: " " })).toThrow(/empty/);
    expect(parseList(" a, ,b ,")).toEqual(["a", "b"]);
  });

  it("never throws on any header values", () => {
    fc.assert(
      fc.property(
        fc.option(fc.string()),
        fc.option(fc.string()),
        fc.option(fc.string()),
        (host, origin, auth) => {
          const headers: Record<string, string> = {};
          if (host !== null) headers.host = host;
          if (origin !== null) headers.origin = origin;
          if (auth !== null) headers.authorization = auth;
          policy.check(headers);
        },
      ),
    );
  });
});
