/**
 * The daemon signs with unlocked keys, so it refuses what a web page could send it: a
 * `text/plain` body (a CORS simple request, no preflight), any Origin unless allowed, a Host that
 * is not this machine (DNS rebinding), and, with --token, a request without the bearer token. It
 * shares the node's JSON-RPC core: envelope rules, batches, notifications, a body limit.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ThetaError } from "@theta/core-types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningDaemon, startDaemonServer } from "../src/daemon/server.ts";
import type { DaemonService } from "../src/daemon/service.ts";
import { cli } from "./helpers.ts";

/** Echoes the method and args' keys; `thetacli.Nope` is unknown, `thetacli.Fail` fails. */
const service: DaemonService = {
  async call(method, args) {
    if (method === "thetacli.Nope") {
      throw new ThetaError("CLI_DAEMON_UNKNOWN_METHOD", `method ${method} does not exist`);
    }
    if (method === "thetacli.Fail") throw new ThetaError("CLI_DAEMON_BAD_ARGS", "bad args");
    return {
      t: "obj",
      v: [
        ["method", { t: "str", v: method }],
        ["keys", { t: "arr", v: Object.keys(args).map((k) => ({ t: "str" as const, v: k })) }],
        ["big", { t: "num", raw: "123456789012345678901234567890" }],
      ],
    };
  },
};

interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** A raw HTTP request, so tests can set Host and Origin as a browser would. */
function send(
  url: string,
  opts: { method?: string; body?: string; headers?: Record<string, string>; path?: string } = {},
): Promise<Reply> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: u.hostname,
        port: u.port,
        path: opts.path ?? u.pathname,
        method: opts.method ?? "POST",
        headers: opts.headers ?? {},
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    req.on("error", reject);
    req.end(opts.body);
  });
}

const JSON_CT = { "Content-Type": "application/json" };
const call = (method: string, id: unknown = 1) =>
  JSON.stringify({ jsonrpc: "2.0", method, params: [{ a: 1 }], id });

let open: RunningDaemon;
let locked: RunningDaemon;
const TOKEN = "s3cret-token-value";

beforeAll(async () => {
  open = await startDaemonServer(service, { port: 0, host: "127.0.0.1", maxBodyBytes: 2048 });
  locked = await startDaemonServer(service, {
    port: 0,
    host: "127.0.0.1",
    token: TOKEN,
    allowedOrigins: ["http://localhost:3000"],
  });
});
afterAll(async () => {
  await open.close();
  await locked.close();
});

describe("the daemon refuses what a browser page could send", () => {
  it("a text/plain POST (or none) is 415", async () => {
    const r = await send(open.url, {
      body: call("thetacli.ListKeys"),
      headers: { "Content-Type": "text/plain" },
    });
    expect(r.status).toBe(415);
    expect(r.body).toContain("application/json");
    const res = await fetch(open.url, { method: "POST", body: call("thetacli.ListKeys") });
    expect(res.status).toBe(415);
  });

  it("any Origin is 403 unless allowed, localhost pages included", async () => {
    for (const origin of ["https://evil.example", "http://localhost:3000", "null"]) {
      const r = await send(open.url, {
        body: call("thetacli.ListKeys"),
        headers: { ...JSON_CT, Origin: origin },
      });
      expect(r.status).toBe(403);
      expect(r.body).toBe(`Forbidden: Origin "${origin}" is not allowed; add it to --allowed-origins\n`);
    }
  });

  it("a rebinding Host is 403", async () => {
    const r = await send(open.url, {
      body: call("thetacli.ListKeys"),
      headers: { ...JSON_CT, Host: "attacker.example:16889" },
    });
    expect(r.status).toBe(403);
    expect(r.body).toContain('Host "attacker.example:16889" is not allowed');
    expect(r.body).toContain("--allowed-hosts");
  });

  it("with --token, a request without the right bearer token is 401", async () => {
    const body = call("thetacli.ListKeys");
    const none = await send(locked.url, { body, headers: JSON_CT });
    expect(none.status).toBe(401);
    expect(none.headers["www-authenticate"]).toBe("Bearer");
    const wrong = await send(locked.url, { body, headers: { ...JSON_CT, Authorization: "Bearer nope" } });
    expect(wrong.status).toBe(401);
    const right = await send(locked.url, { body, headers: { ...JSON_CT, Authorization: `Bearer ${TOKEN}` } });
    expect(right.status).toBe(200);
    expect(JSON.parse(right.body).result.method).toBe("thetacli.ListKeys");
  });

  it("an allowed origin gets CORS headers; its preflight passes without the token", async () => {
    const origin = "http://localhost:3000";
    const pre = await send(locked.url, {
      method: "OPTIONS",
      headers: { Origin: origin, "Access-Control-Request-Method": "POST" },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers["access-control-allow-origin"]).toBe(origin);
    expect(pre.headers["access-control-allow-headers"]).toContain("Authorization");
    const r = await send(locked.url, {
      body: call("thetacli.ListKeys"),
      headers: { ...JSON_CT, Origin: origin, Authorization: `Bearer ${TOKEN}` },
    });
    expect(r.status).toBe(200);
    expect(r.headers["access-control-allow-origin"]).toBe(origin);
  });
});

describe("the shared JSON-RPC core", () => {
  it("an ordinary client (fetch, no Origin) gets the lossless result", async () => {
    const res = await fetch(open.url, {
      method: "POST",
      headers: JSON_CT,
      body: call("thetacli.ListKeys", 9),
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(
      '{"jsonrpc":"2.0","id":9,"result":{"method":"thetacli.ListKeys","keys":["a"],"big":123456789012345678901234567890}}\n',
    );
  });

  it("applies the envelope rules, batches, notifications and error codes", async () => {
    const post = async (body: string) => send(open.url, { body, headers: JSON_CT });
    const invalid = await post(JSON.stringify({ method: "thetacli.ListKeys", id: 1 }));
    expect(JSON.parse(invalid.body).error).toEqual({ code: -32600, message: "invalid request" });
    const batch = await post(
      JSON.stringify([
        { jsonrpc: "2.0", method: "thetacli.Nope", id: 1 },
        { jsonrpc: "2.0", method: "thetacli.ListKeys" },
        { jsonrpc: "2.0", method: "thetacli.Fail", id: 2 },
      ]),
    );
    expect(JSON.parse(batch.body)).toEqual([
      { jsonrpc: "2.0", id: 1, error: { code: -32601, message: "method thetacli.Nope does not exist" } },
      { jsonrpc: "2.0", id: 2, error: { code: -32000, message: "bad args" } },
    ]);
    const note = await post(JSON.stringify({ jsonrpc: "2.0", method: "thetacli.ListKeys" }));
    expect(note.status).toBe(204);
    const parse = await post("{nope");
    expect(JSON.parse(parse.body).error.code).toBe(-32700);
  });

  it("a body over the limit is 413; other paths 404, other methods 405", async () => {
    const big = JSON.stringify({
      jsonrpc: "2.0",
      method: "thetacli.ListKeys",
      params: [{ x: "y".repeat(4096) }],
      id: 1,
    });
    const r = await send(open.url, { body: big, headers: JSON_CT });
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).error).toEqual({
      code: -32600,
      message: "request body exceeds the limit of 2048 bytes",
    });
    expect((await send(open.url, { path: "/", headers: JSON_CT })).status).toBe(404);
    expect((await send(open.url, { method: "GET" })).status).toBe(405);
  });
});

describe("daemon start flags", () => {
  it("refuses both token flags, an empty token file and a malformed allowed origin before listening", async () => {
    const dir = mkdtempSync(join(tmpdir(), "thetacli-token-"));
    try {
      const empty = join(dir, "empty.token");
      writeFileSync(empty, "\n");
      const both = await cli(["daemon", "start", "--port", "0", "--token", "a", "--token-file", empty]);
      expect(both.code).toBe(1);
      expect(both.err.join("\n")).toContain("give either --token or --token-file, not both");
      const blank = await cli(["daemon", "start", "--port", "0", "--token-file", empty]);
      expect(blank.code).toBe(1);
      expect(blank.err.join("\n")).toContain("the bearer token is empty");
      const bad = await cli(["daemon", "start", "--port", "0", "--allowed-origins", "https://a.example/"]);
      expect(bad.code).toBe(1);
      expect(bad.err.join("\n")).toContain('allowed origin "https://a.example/"');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
