import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { readBuildInfo } from "../../src/buildInfo.ts";
import { getVersionMethod } from "../../src/rpc/methods/getVersion.ts";
import { createRpcRegistry } from "../../src/rpc/registry.ts";
import { createRpcServer, type RpcServer } from "../../src/rpc/server.ts";
import { rpc, send } from "./httpClient.ts";
import { connectWs } from "./ws/wsClient.ts";

let server: RpcServer;
let port: number;

beforeAll(async () => {
  const registry = createRpcRegistry();
  registry.register(getVersionMethod(readBuildInfo()));
  registry.register({
    name: "theta.Echo",
    summary: "echo",
    params: z.object({ height: z.string().optional(), n: z.number().optional() }),
    handler: (a) => a,
  });
  server = createRpcServer(
    { registry },
    {
      address: "127.0.0.1",
      port: 0,
      maxBodyBytes: 2048,
      timeoutMs: 5000,
      maxConnections: 50,
      idleTimeoutMs: 1000,
    },
  );
  port = (await server.listen()).port;
});

afterAll(async () => {
  await server.close();
});

/** Every reply is a known status; JSON replies parse and end with a newline. */
function checkReply(r: { status: number; body: string }): void {
  expect([200, 204, 413]).toContain(r.status);
  if (r.status === 204) {
    expect(r.body).toBe("");
    return;
  }
  expect(r.body.endsWith("\n")).toBe(true);
  const parsed: unknown = JSON.parse(r.body);
  const replies = Array.isArray(parsed) ? parsed : [parsed];
  for (const reply of replies) {
    expect(Object.keys(reply as object).slice(0, 2)).toEqual(["jsonrpc", "id"]);
  }
}

async function stillAlive(): Promise<void> {
  const r = await rpc(port, '{"jsonrpc":"2.0","id":1,"method":"theta.GetVersion"}');
  expect(JSON.parse(r.body).result.version).toBe(readBuildInfo().version);
}

const anyId = fc.oneof(
  fc.integer(),
  fc.string(),
  fc.constant(null),
  fc.boolean(),
  fc.object(),
  fc.array(fc.integer()),
);
const anyMethod = fc.oneof(
  fc.constantFrom("theta.GetVersion", "theta.Echo", "theta.Nope", "nodot", "x.Y", ""),
  fc.string(),
  fc.integer(),
);
const anyParams = fc.oneof(
  fc.jsonValue(),
  fc.record({ height: fc.oneof(fc.string(), fc.integer()), n: fc.oneof(fc.integer(), fc.string()) }),
  fc.array(fc.record({ height: fc.oneof(fc.string(), fc.integer()) })),
);
const envelope = fc.record(
  {
    jsonrpc: fc.oneof(fc.constant("2.0"), fc.jsonValue()),
    method: anyMethod,
    params: anyParams,
    id: anyId,
    extra: fc.jsonValue(),
  },
  { requiredKeys: [] },
);

describe("a bad request never harms the server", () => {
  it("random strings as bodies", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 3000 }), async (body) => {
        checkReply(await rpc(port, body));
      }),
      { numRuns: 150 },
    );
    await stillAlive();
  });

  it("random JSON values as bodies", async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        checkReply(await rpc(port, JSON.stringify(value)));
      }),
      { numRuns: 150 },
    );
    await stillAlive();
  });

  it("random envelopes, single and batched", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(envelope, fc.array(envelope, { maxLength: 5 })), async (value) => {
        checkReply(await rpc(port, JSON.stringify(value)));
      }),
      { numRuns: 200 },
    );
    await stillAlive();
  });

  it("random bytes with random content types and methods", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 3000 }),
        fc.constantFrom("application/json", "text/plain", null, "application/json; charset=latin1"),
        fc.constantFrom("POST", "GET", "PUT", "OPTIONS", "DELETE"),
        async (bytes, contentType, method) => {
          const r = await send(port, { body: Buffer.from(bytes), contentType, method });
          expect([200, 204, 405, 413, 415]).toContain(r.status);
        },
      ),
      { numRuns: 150 },
    );
    await stillAlive();
  });
});

describe("random WebSocket frames never harm the server", () => {
  const LIMIT = 2048;
  const frame = fc.oneof(
    fc.string({ maxLength: 1500 }).map((text) => ({ text, binary: false })),
    fc.jsonValue().map((v) => ({ text: JSON.stringify(v), binary: false })),
    fc
      .oneof(envelope, fc.array(envelope, { maxLength: 5 }))
      .map((v) => ({ text: JSON.stringify(v), binary: false })),
    fc
      .uint8Array({ maxLength: 1500 })
      .map((b) => ({ text: Buffer.from(b).toString("latin1"), binary: true })),
  );

  it("every frame is answered with JSON-RPC (or nothing) and the connection stays usable", async () => {
    const c = await connectWs(port);
    let n = 0;
    await fc.assert(
      fc.asyncProperty(frame, async ({ text, binary }) => {
        const data = binary ? Buffer.from(text, "latin1") : text;
        if (Buffer.byteLength(data) > LIMIT) return;
        c.send(data, binary);
        // A call sent after the frame; its reply shows the connection still serves.
        const sentinel = `sentinel-${++n}`;
        c.send(JSON.stringify({ jsonrpc: "2.0", id: sentinel, method: "theta.GetVersion" }));
        await c.next((f) => !Array.isArray(f) && f.id === sentinel);
      }),
      { numRuns: 300 },
    );
    for (const f of c.frames) {
      expect(f).not.toHaveProperty("unparsable");
      for (const reply of Array.isArray(f) ? f : [f]) {
        expect(Object.keys(reply).slice(0, 2)).toEqual(["jsonrpc", "id"]);
      }
    }
    await c.close();
    await stillAlive();
  });

  it("a frame over the limit closes only its own connection", async () => {
    const other = await connectWs(port);
    const c = await connectWs(port);
    c.send("x".repeat(LIMIT + 1));
    expect(await c.closed).toBe(1009);
    expect((await other.call("theta.GetVersion")).result).toBeDefined();
    await other.close();
  });
});
