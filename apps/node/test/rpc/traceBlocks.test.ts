/**
 * theta.TraceBlocks over a hand-built block graph (docs/interfaces.md §1.4 method 6): upstream to
 * the first directly/indirectly finalized parent, downstream along single children with the
 * 0x00/0x01/0x02 end markers, the 0x99 marker at 10,000 blocks; and CallSmartContract's fork
 * refusal, which comes before the hex is even looked at.
 */
import { BlockStatus, bytesToHex, encodeTx, type Hash } from "@theta/core-types";
import { describe, expect, it } from "vitest";
import type { BlockLinks } from "../../src/rpc/chainQueryExtras.ts";
import { TRACE_MAX_BLOCKS } from "../../src/rpc/methods/traceBlocks.ts";
import { registerChainRpc } from "../../src/rpc/registerChainRpc.ts";
import { createRpcRegistry } from "../../src/rpc/registry.ts";
import { deployTx } from "./chain/chainData.ts";
import { createFakeChain } from "./chain/fakeChain.ts";

/** A distinct hash per number (first byte 0xaa, so never a marker). */
const H = (i: number): Hash => {
  const h = new Uint8Array(32);
  h[0] = 0xaa;
  new DataView(h.buffer).setUint32(28, i);
  return h;
};
const hex = (h: Hash) => `0x${bytesToHex(h)}`;
const mark = (first: number) => `0x${first.toString(16).padStart(2, "0")}${"0".repeat(62)}`;

/** A registry whose chain's block links are `graph` (by hash hex). */
function traceWith(graph: Map<string, BlockLinks>) {
  const registry = createRpcRegistry();
  registerChainRpc(registry, { ...createFakeChain(), blockLinks: async (h) => graph.get(hex(h)) });
  return async (params: Record<string, unknown>) =>
    registry.dispatch("theta.TraceBlocks", params, { signal: new AbortController().signal });
}

/** Blocks 1..n, each the parent of the next; statuses by index (default committed). */
function line(n: number, status: (i: number) => BlockStatus = () => BlockStatus.Committed) {
  const g = new Map<string, BlockLinks>();
  for (let i = 1; i <= n; i++) {
    g.set(hex(H(i)), { parent: H(i - 1), children: i < n ? [H(i + 1)] : [], status: status(i) });
  }
  return g;
}

describe("theta.TraceBlocks", () => {
  it("upstream: parents up to and including the first directly or indirectly finalized one", async () => {
    const g = line(5, (i) => (i === 2 ? BlockStatus.IndirectlyFinalized : BlockStatus.Committed));
    expect(await traceWith(g)({ hash: hex(H(5)), upstream: true })).toEqual({
      result: { Blocks: [H(5), H(4), H(3), H(2)].map(hex) },
    });
    const direct = line(3, (i) => (i === 1 ? BlockStatus.DirectlyFinalized : BlockStatus.Committed));
    expect(await traceWith(direct)({ hash: hex(H(3)), upstream: true })).toEqual({
      result: { Blocks: [H(3), H(2), H(1)].map(hex) },
    });
  });

  it("upstream does not stop at a trusted block, so a missing parent beyond it is an error", async () => {
    const g = line(3, (i) => (i === 1 ? BlockStatus.Trusted : BlockStatus.Committed));
    expect(await traceWith(g)({ hash: hex(H(3)), upstream: true })).toEqual({
      error: { code: -32000, message: "KeyNotFound" },
    });
  });

  it("downstream: single children, then 0x00 (no child), 0x01 (child missing) or 0x02 (fork)", async () => {
    const g = line(4);
    expect(await traceWith(g)({ hash: hex(H(2)) })).toEqual({
      result: { Blocks: [hex(H(2)), hex(H(3)), hex(H(4)), mark(0x00)] },
    });
    g.set(hex(H(4)), { ...g.get(hex(H(4)))!, children: [H(99)] });
    expect(await traceWith(g)({ hash: hex(H(3)), upstream: false })).toEqual({
      result: { Blocks: [hex(H(3)), hex(H(4)), mark(0x01)] },
    });
    g.set(hex(H(3)), { ...g.get(hex(H(3)))!, children: [H(4), H(98)] });
    expect(await traceWith(g)({ hash: hex(H(1)) })).toEqual({
      result: { Blocks: [hex(H(1)), hex(H(2)), hex(H(3)), mark(0x02)] },
    });
    g.set(hex(H(3)), { ...g.get(hex(H(3)))!, children: [H(4), H(98), H(97)] });
    expect(await traceWith(g)({ hash: hex(H(2)) })).toEqual({
      result: { Blocks: [hex(H(2)), hex(H(3)), mark(0x99)] },
    });
  });

  it("caps both walks at 10,000 blocks with the 0x99 marker", async () => {
    const g = line(TRACE_MAX_BLOCKS + 5);
    const down = (await traceWith(g)({ hash: hex(H(1)) })) as { result: { Blocks: string[] } };
    expect(down.result.Blocks).toHaveLength(TRACE_MAX_BLOCKS + 1);
    expect(down.result.Blocks[TRACE_MAX_BLOCKS - 1]).toBe(hex(H(TRACE_MAX_BLOCKS)));
    expect(down.result.Blocks.at(-1)).toBe(mark(0x99));
    const up = (await traceWith(g)({ hash: hex(H(TRACE_MAX_BLOCKS + 5)), upstream: true })) as {
      result: { Blocks: string[] };
    };
    expect(up.result.Blocks).toHaveLength(TRACE_MAX_BLOCKS + 2);
    expect(up.result.Blocks[TRACE_MAX_BLOCKS]).toBe(hex(H(5)));
    expect(up.result.Blocks.at(-1)).toBe(mark(0x99));
  });

  it("needs a hash: absent → the reference's error; malformed → -32602 naming hash; unknown → KeyNotFound", async () => {
    const trace = traceWith(line(2));
    expect(await trace({})).toEqual({ error: { code: -32000, message: "Block hash must be specified" } });
    expect(await trace({ hash: "0x12" })).toEqual({
      error: {
        code: -32602,
        message: 'invalid argument "hash": hex string has length 2, want 64 for common.Hash',
      },
    });
    expect(await trace({ hash: hex(H(50)) })).toEqual({ error: { code: -32000, message: "KeyNotFound" } });
  });
});

describe("theta.CallSmartContract before the smart-contract height", () => {
  it("refuses with the reference's text before decoding, and runs from that height on", async () => {
    const chain = createFakeChain();
    const registry = createRpcRegistry();
    registerChainRpc(registry, chain);
    const call = (sctx: string) =>
      registry.dispatch(
        "theta.CallSmartContract",
        { sctx_bytes: sctx },
        { signal: new AbortController().signal },
      );
    const sctx = bytesToHex(encodeTx(deployTx(5n)));
    chain.extras.fork = { nextHeight: 3n, enabledFrom: 8_411_427n };
    const refusal = {
      error: { code: -32000, message: "Smart contract feature not enabled until block height 8411427." },
    };
    expect(await call(sctx)).toEqual(refusal);
    expect(await call("0xnot hex")).toEqual(refusal);
    chain.extras.fork = { nextHeight: 8_411_426n, enabledFrom: 8_411_427n };
    expect(await call(sctx)).toEqual(refusal);
    chain.extras.fork = { nextHeight: 8_411_427n, enabledFrom: 8_411_427n };
    expect(await call(sctx)).toHaveProperty("result.vm_error", "");
  });
});
