/**
 * Shared set-up of the Ethereum-method suites (ethChainReads, ethFiltersParams): before each test a
 * fresh fake chain, its Ethereum view and a registry with the Ethereum methods on the file's clock;
 * the bindings below are live.
 */
import { bytesToHex } from "@theta/core-types";
import { beforeEach } from "vitest";
import { type EthRpc, registerEthRpc } from "../../../src/rpc/eth/registerEthRpc.ts";
import { createRpcRegistry, type RpcOutcome, type RpcRegistry } from "../../../src/rpc/registry.ts";
import { createFakeChain, type FakeChain } from "../chain/fakeChain.ts";
import { createFakeEthChain, type FakeEthChain } from "./fakeEthChain.ts";

export const ctx = { signal: new AbortController().signal };
export const hex = (b: Uint8Array) => `0x${bytesToHex(b)}`;

export let chain: FakeChain;
export let eth: FakeEthChain;
export let registry: RpcRegistry;
export let ethRpc: EthRpc;

/** Registers the file's beforeEach; the filters read the time from `now`. */
export function useEthRegistry(now: () => number): void {
  beforeEach(() => {
    chain = createFakeChain();
    eth = createFakeEthChain(chain);
    registry = createRpcRegistry();
    let n = 0;
    ethRpc = registerEthRpc(registry, eth, { now, newFilterId: () => `0x${(++n).toString(16)}` });
  });
}

/** The result of `method`; throws on an error answer. */
export async function result(method: string, params: unknown[] = []): Promise<unknown> {
  const r: RpcOutcome = await registry.dispatch(method, params, ctx);
  if ("error" in r) throw new Error(`${method}: ${r.error.message}`);
  return r.result;
}

/** The error answer of `method`; throws if it succeeds. */
export async function error(method: string, params: unknown[] = []) {
  const r = await registry.dispatch(method, params, ctx);
  if (!("error" in r)) throw new Error(`${method} unexpectedly succeeded`);
  return r.error;
}
