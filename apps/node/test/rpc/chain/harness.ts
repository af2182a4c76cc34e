/** Starts an RPC server with the chain methods over a fresh fake chain, for one test file. */
import { readBuildInfo } from "../../../src/buildInfo.ts";
import { getVersionMethod } from "../../../src/rpc/methods/getVersion.ts";
import { registerChainRpc } from "../../../src/rpc/registerChainRpc.ts";
import { createRpcRegistry, type RpcRegistry } from "../../../src/rpc/registry.ts";
import { createRpcServer, type RpcServer } from "../../../src/rpc/server.ts";
import { type RawReply, rpc } from "../httpClient.ts";
import { createFakeChain, type FakeChain } from "./fakeChain.ts";

/** A running server over a fake chain. */
export interface Harness {
  readonly chain: FakeChain;
  readonly registry: RpcRegistry;
  readonly port: number;
  readonly server: RpcServer;
  /** Calls `method` with named params; returns the parsed reply and the raw body. */
  call(method: string, params?: unknown): Promise<{ reply: RpcReply; raw: RawReply }>;
  /** The result of a call that must succeed. */
  result(method: string, params?: unknown): Promise<unknown>;
  /** The error object of a call that must fail. */
  error(method: string, params?: unknown): Promise<{ code: number; message: string }>;
}

/** A parsed JSON-RPC reply. */
export interface RpcReply {
  readonly jsonrpc: string;
  readonly id: unknown;
  readonly result?: unknown;
  readonly error?: { code: number; message: string };
}

/** A deterministic [0, 1) sequence for the GetPeerURLs shuffle. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Starts the server; `timeoutMs` is the RPC timeout (sync broadcasts wait up to it). */
export async function startHarness(
  opts: { timeoutMs?: number; maxBodyBytes?: number } = {},
): Promise<Harness> {
  const chain = createFakeChain();
  const registry = createRpcRegistry();
  registry.register(getVersionMethod(readBuildInfo()));
  registerChainRpc(registry, chain, { random: seededRandom(7) });
  const server = createRpcServer(
    { registry },
    {
      address: "127.0.0.1",
      port: 0,
      maxBodyBytes: opts.maxBodyBytes ?? 64 * 1024,
      timeoutMs: opts.timeoutMs ?? 5000,
      maxConnections: 50,
      idleTimeoutMs: 1000,
    },
  );
  const port = (await server.listen()).port;
  let id = 0;
  const call = async (method: string, params?: unknown) => {
    const body = JSON.stringify(
      params === undefined
        ? { jsonrpc: "2.0", id: ++id, method }
        : { jsonrpc: "2.0", id: ++id, method, params },
    );
    const raw = await rpc(port, body);
    return { reply: JSON.parse(raw.body) as RpcReply, raw };
  };
  return {
    chain,
    registry,
    port,
    server,
    call,
    async result(method, params) {
      const { reply } = await call(method, params);
      if (reply.error !== undefined) throw new Error(`${method} failed: ${reply.error.message}`);
      return reply.result;
    },
    async error(method, params) {
      const { reply } = await call(method, params);
      if (reply.error === undefined) throw new Error(`${method} unexpectedly succeeded`);
      return reply.error;
    },
  };
}
