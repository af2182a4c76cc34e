import { describe, expect, it } from "vitest";
import { z } from "zod";
import { handleRpcBody } from "../../src/rpc/handleBody.ts";
import { createRpcRegistry } from "../../src/rpc/registry.ts";

describe("handleRpcBody", () => {
  it("a result JSON cannot carry (a bigint) becomes -32603 naming the method, and is observed", async () => {
    const registry = createRpcRegistry();
    registry.register({ name: "theta.Big", summary: "bad result", params: z.object({}), handler: () => 1n });
    const seen: string[] = [];
    const reply = await handleRpcBody(
      { registry, now: () => 0, observe: (m, _s, o) => seen.push(`${m}:${o}`) },
      '{"jsonrpc":"2.0","id":1,"method":"theta.Big"}',
      { signal: new AbortController().signal },
    );
    expect(reply.kind).toBe("reply");
    const body = reply.kind === "reply" ? JSON.parse(reply.body) : undefined;
    expect(body.error.code).toBe(-32603);
    expect(body.error.message).toContain("result of theta.Big is not serialisable");
    expect(seen).toEqual(["theta.Big:ok"]);
  });
});
