/**
 * Shared set-up of the eth_subscribe suites (wsSubscribeKinds, wsSubscriptionLimits): a fake
 * EthChain behind a registry with the chain and Ethereum methods, served on 127.0.0.1 for the
 * file's tests; before each test the previous test's WebSocket clients are closed and every
 * subscription gone. The bindings below are live.
 */
import { afterAll, beforeAll, beforeEach, expect } from "vitest";
import { readBuildInfo } from "../../../src/buildInfo.ts";
import { type EthRpc, registerEthRpc } from "../../../src/rpc/eth/registerEthRpc.ts";
import { getVersionMethod } from "../../../src/rpc/methods/getVersion.ts";
import { registerChainRpc } from "../../../src/rpc/registerChainRpc.ts";
import { createRpcRegistry, type RpcRegistry } from "../../../src/rpc/registry.ts";
import { createRpcServer, type RpcServer } from "../../../src/rpc/server.ts";
import { createFakeEthChain, type FakeEthChain } from "./fakeEthChain.ts";
import { connectWs, eventually, type WsClient } from "./wsClient.ts";

export const MAX_SUBS = 5;
export let fake: FakeEthChain;
export let registry: RpcRegistry;
export let eth: EthRpc;
export let server: RpcServer;
export let port: number;
let nextId = 0;
/** Listeners attached by registerEthRpc itself (the pending-tx filters' hook). */
export let base: { finalized: number; pending: number };
let clients: WsClient[] = [];

/** Registers the file's hooks: the server started before its tests and closed after. */
export function useSubscriptionServer(): void {
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

  beforeEach(async () => {
    for (const c of clients) await c.close();
    clients = [];
    await eventually(() => eth.subscriptions.size === 0, 5000, "no subscriptions between tests");
  });
}

/** A WebSocket client on the server, closed before the next test. */
export async function client(): Promise<WsClient> {
  const c = await connectWs(port);
  clients.push(c);
  return c;
}

/** Subscribes `c` with `params`; the subscription id. */
export async function subscribe(c: WsClient, ...params: unknown[]): Promise<string> {
  const r = await c.call("eth_subscribe", params);
  if (r.error !== undefined) throw new Error(JSON.stringify(r.error));
  expect(r.result).toMatch(/^0x[0-9a-f]+$/);
  return r.result as string;
}
