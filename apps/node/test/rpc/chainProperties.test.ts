import { isThetaError } from "@theta/core-types";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { registerEthRpc } from "../../src/rpc/eth/registerEthRpc.ts";
import { decodeGoHex, decodeGoHexPrefixed } from "../../src/rpc/json/goHex.ts";
import { JsonNumber, jsonNumber, stringifyExact, stringifyJson } from "../../src/rpc/json/jsonText.ts";
import { lenientBytes } from "../../src/rpc/methods/common.ts";
import { registerChainRpc } from "../../src/rpc/registerChainRpc.ts";
import { createRpcRegistry, type RpcRegistry } from "../../src/rpc/registry.ts";
import { RpcError, RpcThetaCode } from "../../src/rpc/rpcError.ts";
import { createFakeChain } from "./chain/fakeChain.ts";
import { createFakeEthChain } from "./ws/fakeEthChain.ts";

const hexOf = (b: Uint8Array) => Buffer.from(b).toString("hex");

describe("stringifyJson", () => {
  it("writes every JSON value exactly as JSON.stringify does", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(stringifyJson(v)).toBe(JSON.stringify(v));
      }),
    );
  });

  it("writes JsonNumber digits verbatim, however large", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 256n), max: 2n ** 256n }), fc.string(), (n, k) => {
        const text = stringifyJson({ [k]: jsonNumber(n), list: [jsonNumber(n)] });
        expect(text).toBe(`{${JSON.stringify(k)}:${n},"list":[${n}]}`);
        expect(new JsonNumber(n).digits).toBe(n.toString());
      }),
    );
  });

  it("stays exact when a genuine string looks like its internal marker", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 2n ** 60n, max: 2n ** 80n }), fc.nat(3), (n, i) => {
        const mimic = `\u0000N${i}`;
        const value = { a: mimic, b: [jsonNumber(n), mimic], [mimic]: jsonNumber(n) };
        const text = stringifyJson(value);
        expect(text).toBe(
          `{"a":${JSON.stringify(mimic)},"b":[${n},${JSON.stringify(mimic)}],${JSON.stringify(mimic)}:${n}}`,
        );
        expect(text).toBe(stringifyExact(value));
      }),
    );
  });

  it("writes the same text on the fast and the exact path", () => {
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: "small" },
        fc.jsonValue({ maxDepth: 1 }),
        fc.bigInt().map(jsonNumber),
        fc.array(tie("node"), { maxLength: 4 }),
        fc.dictionary(fc.string(), tie("node"), { maxKeys: 4 }),
      ),
    })).node;
    fc.assert(
      fc.property(value, (v) => {
        expect(stringifyJson(v)).toBe(stringifyExact(v));
      }),
    );
  });

  it("refuses a bigint; the exact writer also refuses anything else JSON cannot carry", () => {
    expect(() => stringifyJson({ a: [1n] })).toThrow(TypeError);
    expect(() => stringifyJson(undefined)).toThrow(TypeError);
    for (const bad of [
      1n,
      new Uint8Array(2),
      Number.NaN,
      Number.POSITIVE_INFINITY,
      () => 1,
      new Map(),
      Symbol("s"),
    ]) {
      expect(() => stringifyExact({ a: [bad] })).toThrow(TypeError);
    }
    expect(stringifyExact({ a: undefined, b: [undefined] })).toBe('{"b":[null]}');
    expect(JSON.stringify({ n: jsonNumber(2n ** 70n) })).toBe(`{"n":"${2n ** 70n}"}`);
  });
});

describe("decodeGoHex", () => {
  it("round-trips any bytes, in either case, with or without a 0x for the prefixed form", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.boolean(), (bytes, upper) => {
        const text = upper ? hexOf(bytes).toUpperCase() : hexOf(bytes);
        expect(decodeGoHex(text)).toEqual(bytes);
        expect(decodeGoHexPrefixed(`0x${text}`)).toEqual(bytes);
        expect(decodeGoHexPrefixed(text)).toEqual(bytes);
      }),
    );
  });

  it("either decodes any string or throws a ThetaError with an encoding/hex text", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: fc.constantFrom(..."0123456789abcdefxX g") })),
        (s) => {
          try {
            const out = decodeGoHex(s);
            expect(out.length * 2).toBe(new TextEncoder().encode(s).length);
          } catch (e) {
            expect(isThetaError(e, RpcThetaCode.HandlerError)).toBe(true);
            expect((e as Error).message).toMatch(
              /^encoding\/hex: (invalid byte: U\+[0-9A-F]{4}( '.')?|odd length hex string)$/u,
            );
          }
        },
      ),
    );
  });
});

describe("lenientBytes (Go HexToAddress / HexToHash)", () => {
  it("never throws and always yields the requested length", () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom(20, 32), (s, n) => {
        expect(lenientBytes(s, n)).toHaveLength(n);
      }),
    );
  });

  it("round-trips values of the right length in any case and prefix form", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 20, maxLength: 20 }),
        fc.constantFrom("", "0x", "0X"),
        fc.boolean(),
        (b, p, up) => {
          const text = p + (up ? hexOf(b).toUpperCase() : hexOf(b));
          expect(lenientBytes(text, 20)).toEqual(b);
        },
      ),
    );
  });

  it("keeps the rightmost bytes of long input and left-pads short input", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (b) => {
        const out = lenientBytes(hexOf(b), 20);
        const kept = b.length > 20 ? b.subarray(b.length - 20) : b;
        expect(out.subarray(20 - kept.length)).toEqual(kept);
        expect(out.subarray(0, 20 - kept.length).every((x) => x === 0)).toBe(true);
      }),
    );
  });
});

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
