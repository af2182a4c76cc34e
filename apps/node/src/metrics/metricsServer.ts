import { createServer } from "node:http";
import type { Registry } from "prom-client";
import { type ListeningServer, serverLifecycle } from "../httpLifecycle.ts";

/** The Prometheus scrape endpoint. */
export type MetricsServer = ListeningServer;

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
  return serverLifecycle(server, opts);
}
