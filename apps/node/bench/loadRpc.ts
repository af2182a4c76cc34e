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
  close(): void;
}

/** Creates a client holding at most `maxSockets` keep-alive connections. */
export function createLoadRpcClient(port: number, maxSockets: number): LoadRpcClient {
  const agent = new Agent({ keepAlive: true, maxSockets });
  let id = 0;
  return {
    call<T>(method: string, params: Record<string, unknown>): Promise<RpcReply<T>> {
      const body = JSON.stringify({ jsonrpc: "2.0", id: ++id, method, params: [params] });
      return new Promise((resolve, reject) => {
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
                resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")) as RpcReply<T>);
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
    },
    close: () => agent.destroy(),
  };
}
