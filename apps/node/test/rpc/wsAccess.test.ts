/**
 * The RPC endpoints refuse what a browser page could abuse: a foreign Origin,
 * a Host that is not this machine (DNS rebinding), a `text/plain` body (a CORS "simple request"
 * that skips the preflight). Tests play the browser's part; the ordinary clients (no Origin, an
 * IP or localhost Host) keep working over HTTP and WebSocket.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readBuildInfo } from "../../src/buildInfo.ts";
import { getVersionMethod } from "../../src/rpc/methods/getVersion.ts";
import { createRpcRegistry } from "../../src/rpc/registry.ts";
import { createRpcServer, type RpcServer, type RpcServerOpts } from "../../src/rpc/server.ts";
import { send } from "./httpClient.ts";
import { connectWs } from "./ws/wsClient.ts";

const body = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "theta.GetVersion" });

async function start(extra: Partial<RpcServerOpts> = {}): Promise<{ server: RpcServer; port: number }> {
  const registry = createRpcRegistry();
  registry.register(getVersionMethod(readBuildInfo()));
  const server = createRpcServer(
    { registry },
    {
      address: "127.0.0.1",
      port: 0,
      maxBodyBytes: 4096,
      timeoutMs: 5000,
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
  ({ server, port } = await start());
});
afterAll(async () => {
  await server.close();
});

const post = (headers: Record<string, string>, contentType: string | null = "application/json") =>
  send(port, { body, headers, contentType });

describe("default policy", () => {
  it("a text/plain POST (a browser's preflight-free request) is 415", async () => {
    const r = await post({ Origin: "http://localhost:3000" }, "text/plain");
    expect(r.status).toBe(415);
    const res = await fetch(`http://127.0.0.1:${port}/rpc`, { method: "POST", body });
    expect(res.status).toBe(415);
  });

  it("a foreign Origin is 403 with a text naming rpc.allowedOrigins, preflight included", async () => {
    const r = await post({ Origin: "https://evil.example" });
    expect(r.status).toBe(403);
    expect(r.headers["content-type"]).toBe("text/plain; charset=utf-8");
    expect(r.body).toBe(
      'Forbidden: Origin "https://evil.example" is not allowed; add it to rpc.allowedOrigins\n',
    );
    expect(r.headers["access-control-allow-origin"]).toBeUndefined();
    const pre = await send(port, {
      method: "OPTIONS",
      contentType: null,
      headers: { Origin: "https://evil.example", "Access-Control-Request-Method": "POST" },
    });
    expect(pre.status).toBe(403);
    expect((await post({ Origin: "null" })).status).toBe(403);
    expect((await post({ Origin: "chrome-extension://nkbihfbeogaeaoehlefnkodbefgpgknn" })).status).toBe(403);
  });

  it("a rebinding Host (a domain resolving to 127.0.0.1) is 403, on every path", async () => {
    for (const path of ["/rpc", "/", "/nope"]) {
      const r = await send(port, { path, body, headers: { Host: `evil.example:${port}` } });
      expect(r.status).toBe(403);
      expect(r.body).toContain(`Host "evil.example:${port}" is not allowed`);
      expect(r.body).toContain("rpc.allowedHosts");
    }
  });

  it("pages on this machine, IP and localhost Hosts and Origin-less clients pass", async () => {
    for (const Host of [
      `127.0.0.1:${port}`,
      `localhost:${port}`,
      "[::1]",
      `192.168.1.20:${port}`,
      "LOCALHOST",
    ]) {
      expect((await post({ Host })).status).toBe(200);
    }
    for (const origin of ["http://localhost:5173", "http://127.0.0.1:8080", "https://[::1]:3000"]) {
      const r = await post({ Origin: origin });
      expect(r.status).toBe(200);
      expect(r.headers["access-control-allow-origin"]).toBe(origin);
      expect(r.headers.vary).toBe("Origin");
    }
    const res = await fetch(`http://127.0.0.1:${port}/rpc`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { result: { version: string } }).result.version).toBe(
      readBuildInfo().version,
    );
  });

  it("WebSocket upgrades follow the same policy", async () => {
    await expect(connectWs(port, { headers: { Origin: "https://evil.example" } })).rejects.toThrow(
      "HTTP 403",
    );
    await expect(connectWs(port, { headers: { Host: `evil.example:${port}` } })).rejects.toThrow("HTTP 403");
    const local = await connectWs(port, { headers: { Origin: "http://localhost:5173" } });
    expect((await local.call("theta.GetVersion")).result).toBeDefined();
    await local.close();
    const plain = await connectWs(port);
    expect((await plain.call("theta.GetVersion")).result).toBeDefined();
    await plain.close();
  });
});

describe("configured policy", () => {
  it("rpc.allowedOrigins patterns and rpc.allowedHosts names are let in", async () => {
    const s = await start({
      allowedOrigins: [
        "chrome-extension://nkbihfbeogaeaoehlefnkodbefgpgknn",
        "moz-extension://*",
        "https://app.example",
      ],
      allowedHosts: ["node.example.com", "*.lan"],
    });
    const at = (headers: Record<string, string>) => send(s.port, { body, headers });
    for (const origin of [
      "chrome-extension://nkbihfbeogaeaoehlefnkodbefgpgknn",
      "moz-extension://0b1c2d3e-1111-2222-3333-444455556666",
      "https://app.example",
    ]) {
      const r = await at({ Origin: origin });
      expect(r.status).toBe(200);
      expect(r.headers["access-control-allow-origin"]).toBe(origin);
    }
    expect((await at({ Origin: "https://app.example.evil" })).status).toBe(403);
    expect((await at({ Origin: "chrome-extension://otherextension" })).status).toBe(403);
    expect((await at({ Host: "node.example.com:16888" })).status).toBe(200);
    expect((await at({ Host: "box.lan" })).status).toBe(200);
    expect((await at({ Host: "lan" })).status).toBe(403);
    expect((await at({ Host: "node.example.com.evil" })).status).toBe(403);
    await s.server.close();
  });

  it("* allows any origin (answered with *) and any host", async () => {
    const s = await start({ allowedOrigins: ["*"], allowedHosts: ["*"] });
    const r = await send(s.port, {
      body,
      headers: { Origin: "https://anything.example", Host: "any.example" },
    });
    expect(r.status).toBe(200);
    expect(r.headers["access-control-allow-origin"]).toBe("*");
    await s.server.close();
  });

  it("a malformed entry fails at creation with a clear message", () => {
    const registry = createRpcRegistry();
    const opts = {
      address: "127.0.0.1",
      port: 0,
      maxBodyBytes: 1,
      timeoutMs: 1,
      maxConnections: 1,
      idleTimeoutMs: 1,
    };
    expect(() => createRpcServer({ registry }, { ...opts, allowedOrigins: ["https://a.example/"] })).toThrow(
      /allowed origin "https:\/\/a.example\/": expected scheme:\/\/host\[:port\] without a path/,
    );
    expect(() => createRpcServer({ registry }, { ...opts, allowedHosts: ["a.example:80"] })).toThrow(
      /allowed host "a.example:80"/,
    );
  });
});
