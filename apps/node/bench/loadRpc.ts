/** A minimal keep-alive JSON-RPC client for the load generator (node:http, one agent). */
import { Agent, request } from "node:http";

/** A JSON-RPC 2.0 reply. */
export interface RpcReply<T> {
  readonly result?: T;
  readonly error?: { readonly code: number; readonly message: string };
}

/** A client bound to `http://127.0.0.1:<port>/rpc`. */
export interface LoadRpcClient {
  call<T>(method: string, params: Record<string, unknown>): Promise<RpcReply<T>>;
  /** One JSON-RPC batch of `method` calls, one per element of `params`; replies in that order. */
  batch<T>(method: string, params: ReadonlyArray<Record<string, unknown>>): Promise<Array<RpcReply<T>>>;
  close(): void;
}

/** Creates a client holding at most `maxSockets` keep-alive connections. */
export function createLoadRpcClient(port: number, maxSockets: number): LoadRpcClient {
  const agent = new Agent({ keepAlive: true, maxSockets });
  let id = 0;
  const post = <R>(body: string): Promise<R> =>
    new Promise((resolve, reject) => {
      const req = request(
        {
          host: "127.0.0.1",
          port,
          method: "POST",
          path: "/rpc",
          agent,
          headers: { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => {
            try {
              resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")) as R);
            } catch (e) {
              reject(e);
            }
          });
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  return {
    call<T>(method: string, params: Record<string, unknown>): Promise<RpcReply<T>> {
      return post<RpcReply<T>>(JSON.stringify({ jsonrpc: "2.0", id: ++id, method, params: [params] }));
    },
    async batch<T>(
      method: string,
      params: ReadonlyArray<Record<string, unknown>>,
    ): Promise<Array<RpcReply<T>>> {
      const first = id + 1;
      const calls = params.map((p) => ({ jsonrpc: "2.0", id: ++id, method, params: [p] }));
      const replies = await post<Array<RpcReply<T> & { id: number }>>(JSON.stringify(calls));
      const out: Array<RpcReply<T>> = new Array(params.length);
      for (const r of replies) out[r.id - first] = r;
      return out;
    },
    close: () => agent.destroy(),
  };
}
