import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { registerEthRpc } from "../../src/rpc/eth/registerEthRpc.ts";
import { stringifyJson } from "../../src/rpc/json/jsonText.ts";
import { registerChainRpc } from "../../src/rpc/registerChainRpc.ts";
import { createRpcRegistry, type RpcRegistry } from "../../src/rpc/registry.ts";
import { RpcError } from "../../src/rpc/rpcError.ts";
import { createFakeChain } from "./chain/fakeChain.ts";
import { createFakeEthChain } from "./ws/fakeEthChain.ts";

const hexOf = (b: Uint8Array) => Buffer.from(b).toString("hex");

describe("every chain method under random params", () => {
  // Every handler failure must be a deliberate RpcError, not a stray TypeError mapped to -32000.
  const unexpected: unknown[] = [];
  const registry = createRpcRegistry();
  const checking: RpcRegistry = {
    ...registry,
    register(method) {
      registry.register({
        ...method,
        handler: async (args, c) => {
          try {
            return await method.handler(args, c);
          } catch (e) {
            if (!(e instanceof RpcError)) unexpected.push(e);
            throw e;
          }
        },
      });
    },
  };
  registerChainRpc(checking, createFakeChain(), { random: () => 0.5 });
  const ctx = { signal: new AbortController().signal };
  const names = registry
    .names()
    .filter((n) => n !== "theta.BroadcastRawTransaction" && n !== "theta.BroadcastRawEthTransaction");
  const member = fc.oneof(
    fc.jsonValue(),
    fc.string({ unit: fc.constantFrom(..."0123456789abcdefx") }),
    fc.bigInt({ min: 0n, max: 2n ** 70n }).map(String),
  );
  const keys = fc.constantFrom(
    "address",
    "height",
    "hash",
    "tx_bytes",
    "sctx_bytes",
    "start",
    "end",
    "resource_id",
    "storage_positon",
    "config",
    "version",
    "preview",
    "include_eth_tx_hashes",
  );
  const params = fc.oneof(
    fc.jsonValue(),
    fc.dictionary(keys, member),
    fc.array(fc.dictionary(keys, member), { maxLength: 2 }),
  );

  it("answers a result or a -32602/-32000 error, never an internal error", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), params, async (name, p) => {
        const outcome = await registry.dispatch(name, p, ctx);
        if ("error" in outcome) {
          expect([-32602, -32000]).toContain(outcome.error.code);
          expect(typeof outcome.error.message).toBe("string");
        } else {
          expect(() => stringifyJson(outcome.result ?? null)).not.toThrow();
        }
      }),
      { numRuns: 600 },
    );
    expect(unexpected).toEqual([]);
  });
});

describe("every Ethereum method under random positional params", () => {
  // As above: a failure must be a deliberate RpcError (codes -32602, -32000, 3 for a revert;
  // -32601 for eth_subscribe/eth_unsubscribe, which need a WebSocket connection).
  const unexpected: unknown[] = [];
  const registry = createRpcRegistry();
  const checking: RpcRegistry = {
    ...registry,
    register(method) {
      registry.register({
        ...method,
        handler: async (args, c) => {
          try {
            return await method.handler(args, c);
          } catch (e) {
            if (!(e instanceof RpcError)) unexpected.push(e);
            throw e;
          }
        },
      });
    },
  };
  const fake = createFakeEthChain();
  let filterId = 0;
  const eth = registerEthRpc(checking, fake, {
    now: () => 0,
    newFilterId: () => `0x${(++filterId).toString(16)}`,
  });
  const ctx = { signal: new AbortController().signal };
  const names = registry.names().filter((n) => n !== "eth_sendRawTransaction");
  const hexOfLength = (n: number) =>
    fc.uint8Array({ minLength: n, maxLength: n }).map((b) => `0x${hexOf(b)}`);
  const quantity = fc.oneof(
    fc.bigInt({ min: 0n, max: 2n ** 80n }).map((n) => `0x${n.toString(16)}`),
    fc.constantFrom("0x", "0x00", "0x1", "0x2", "0x3", "0xg", "1", `0x${"f".repeat(70)}`),
  );
  const block = fc.oneof(
    fc.constantFrom("latest", "pending", "earliest", "safe", "finalized", "newest"),
    quantity,
    fc.record({ blockNumber: quantity }),
    fc.record(
      { blockHash: hexOfLength(32), requireCanonical: fc.boolean() },
      { requiredKeys: ["blockHash"] },
    ),
  );
  const address = fc.oneof(
    hexOfLength(20),
    hexOfLength(19),
    fc.constant("0x5c3159ddd2fe0f9862bc7b7d60c1875fa8f81337"),
  );
  const topic = fc.oneof(
    hexOfLength(32),
    fc.constant(null),
    fc.array(fc.oneof(hexOfLength(32), fc.constant(null)), { maxLength: 3 }),
  );
  const filter = fc.record(
    {
      fromBlock: block,
      toBlock: block,
      blockHash: hexOfLength(32),
      address: fc.oneof(address, fc.array(address, { maxLength: 3 })),
      topics: fc.array(topic, { maxLength: 5 }),
    },
    { requiredKeys: [] },
  );
  const callObject = fc.record(
    {
      from: address,
      to: fc.oneof(address, fc.constant(null)),
      gas: fc.oneof(quantity, fc.nat()),
      gasPrice: quantity,
      value: quantity,
      data: fc.oneof(hexOfLength(4), hexOfLength(36), fc.constant("0x")),
      input: hexOfLength(4),
    },
    { requiredKeys: [] },
  );
  const member = fc.oneof(
    fc.jsonValue(),
    quantity,
    block,
    address,
    hexOfLength(32),
    filter,
    callObject,
    fc.boolean(),
    fc.constantFrom("newHeads", "logs", "newPendingTransactions", "0x1", "0x2"),
  );
  const params = fc.oneof(fc.array(member, { maxLength: 4 }), fc.jsonValue());

  it("answers a result or a deliberate error, never an internal one", async () => {
    const answered = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), params, async (name, p) => {
        const outcome = await registry.dispatch(name, p, ctx);
        if ("error" in outcome) {
          const allowed =
            name === "eth_subscribe" || name === "eth_unsubscribe" ? [-32601, -32602] : [-32602, -32000, 3];
          expect(allowed).toContain(outcome.error.code);
          expect(typeof outcome.error.message).toBe("string");
        } else {
          answered.add(name);
          expect(() => stringifyJson(outcome.result ?? null)).not.toThrow();
        }
      }),
      { numRuns: 1500 },
    );
    expect(unexpected).toEqual([]);
    // The generators reach past argument decoding: most methods answered at least once.
    expect(answered.size).toBeGreaterThan(names.length / 2);
    eth.close();
  });
});
