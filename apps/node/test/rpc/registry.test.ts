import { isThetaError } from "@theta/core-types";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createRpcRegistry } from "../../src/rpc/registry.ts";
import { RpcThetaCode } from "../../src/rpc/rpcError.ts";

const ctx = { signal: new AbortController().signal };

describe("RpcRegistry", () => {
  it("refuses a second method with the same name", () => {
    const r = createRpcRegistry();
    const m = { name: "theta.X", summary: "x", params: z.object({}), handler: () => 1 };
    r.register(m);
    let thrown: unknown;
    try {
      r.register(m);
    } catch (e) {
      thrown = e;
    }
    expect(isThetaError(thrown, RpcThetaCode.InternalError)).toBe(true);
    expect(r.names()).toEqual(["theta.X"]);
  });

  it("lists names sorted and runs async handlers", async () => {
    const r = createRpcRegistry();
    r.register({ name: "theta.B", summary: "b", params: z.object({}), handler: async () => "b" });
    r.register({ name: "theta.A", summary: "a", params: z.object({}), handler: () => "a" });
    expect(r.names()).toEqual(["theta.A", "theta.B"]);
    expect(await r.dispatch("theta.B", undefined, ctx)).toEqual({ result: "b" });
  });

  it("an empty list or a null first element means default args", async () => {
    const r = createRpcRegistry();
    r.register({
      name: "theta.D",
      summary: "d",
      params: z.object({ n: z.string().default("0") }),
      handler: (a) => a.n,
    });
    expect(await r.dispatch("theta.D", [], ctx)).toEqual({ result: "0" });
    expect(await r.dispatch("theta.D", [null], ctx)).toEqual({ result: "0" });
  });

  it("a handler throwing a non-Error still yields -32000 with its text", async () => {
    const r = createRpcRegistry();
    r.register({
      name: "theta.T",
      summary: "t",
      params: z.object({}),
      handler: () => {
        throw "plain text";
      },
    });
    expect(await r.dispatch("theta.T", {}, ctx)).toEqual({ error: { code: -32000, message: "plain text" } });
  });
});
