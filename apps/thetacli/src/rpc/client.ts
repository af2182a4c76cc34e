/**
 * The node client: HTTP JSON-RPC 2.0 with params as a one-element array and ids 0, 1, 2, …
 * (docs/interfaces.md §2.1). Results come back as lossless JSON trees.
 */
import { ThetaError } from "@theta/core-types";
import { type JsonNode, parseJsonLossless } from "../jsonOutput.ts";

export const RpcClientErrorCode = {
  Transport: "CLI_RPC_TRANSPORT",
  Server: "CLI_RPC_SERVER_ERROR",
} as const;

export interface RpcClient {
  readonly endpoint: string;
  call(method: string, args: Record<string, unknown>): Promise<JsonNode>;
}

function field(node: JsonNode, key: string): JsonNode | undefined {
  return node.t === "obj" ? node.v.find(([k]) => k === key)?.[1] : undefined;
}

export function createRpcClient(endpoint: string, fetchFn: typeof fetch = fetch): RpcClient {
  let id = 0;
  return {
    endpoint,
    async call(method, args) {
      let text: string;
      try {
        const res = await fetchFn(endpoint, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ jsonrpc: "2.0", method, params: [args], id: id++ }),
        });
        text = await res.text();
      } catch (cause) {
        throw new ThetaError(
          RpcClientErrorCode.Transport,
          `cannot reach the node at ${endpoint}: ${(cause as Error).message}`,
          { cause },
        );
      }
      const reply = parseJsonLossless(text);
      const error = field(reply, "error");
      if (error && error.t === "obj") {
        const code = field(error, "code");
        const message = field(error, "message");
        throw new ThetaError(
          RpcClientErrorCode.Server,
          `${code?.t === "num" ? code.raw : "?"}: ${message?.t === "str" ? message.v : "unknown error"}`,
        );
      }
      return field(reply, "result") ?? { t: "lit", v: null };
    },
  };
}
