/** A minimal JSON-RPC client for a node's `POST /rpc` (theta.* methods take one params object). */

/** A JSON-RPC reply: the result or the error. */
export interface RpcReply {
  readonly result?: unknown;
  readonly error?: { readonly code?: number; readonly message: string };
}

export interface RpcClient {
  readonly url: string;
  /** The raw reply (result or error). */
  raw(method: string, params?: Record<string, unknown>): Promise<RpcReply>;
  /** The result; a JSON-RPC error is thrown as an Error naming the method. */
  call<T = Record<string, unknown>>(method: string, params?: Record<string, unknown>): Promise<T>;
}

/** A client for the node serving JSON-RPC on `host:port`. */
export function createRpcClient(port: number, host = "127.0.0.1"): RpcClient {
  const url = `http://${host}:${port}/rpc`;
  let id = 0;
  const raw: RpcClient["raw"] = async (method, params = {}) => {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: ++id, method, params: [params] }),
    });
    return (await res.json()) as RpcReply;
  };
  return {
    url,
    raw,
    async call<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
      const r = await raw(method, params);
      if (r.error !== undefined) throw new Error(`${method}: ${r.error.message}`);
      return r.result as T;
    },
  };
}
