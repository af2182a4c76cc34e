import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Registry } from "prom-client";

/** The Prometheus scrape endpoint. */
export interface MetricsServer {
  listen(): Promise<{ readonly address: string; readonly port: number }>;
  close(): Promise<void>;
}

/** Serves `GET /metrics` from `registry` on its own address and port; every other path is 404. */
export function createMetricsServer(
  deps: { readonly registry: Registry },
  opts: { readonly address: string; readonly port: number },
): MetricsServer {
  const server = createServer((req, res) => {
    req.resume();
    const path = (req.url ?? "/").split("?")[0];
    if (path !== "/metrics" || (req.method !== "GET" && req.method !== "HEAD")) {
      res.writeHead(404);
      res.end();
      return;
    }
    deps.registry.metrics().then(
      (text) => {
        res.writeHead(200, { "Content-Type": deps.registry.contentType });
        res.end(req.method === "HEAD" ? undefined : text);
      },
      () => {
        res.writeHead(500);
        res.end();
      },
    );
  });
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
