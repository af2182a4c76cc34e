/** Start and stop of an http.Server, shared by the RPC and the metrics servers. */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface ListeningServer {
  /** Starts listening; resolves with the bound address and port (port 0 picks a free one). */
  listen(): Promise<{ readonly address: string; readonly port: number }>;
  /** Stops accepting connections and closes open ones. */
  close(): Promise<void>;
}

export function serverLifecycle(
  server: Server,
  opts: { readonly address: string; readonly port: number },
): ListeningServer {
  return {
    listen() {
      return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(opts.port, opts.address, () => {
          server.off("error", reject);
          const info = server.address() as AddressInfo;
          resolve({ address: info.address, port: info.port });
        });
      });
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
