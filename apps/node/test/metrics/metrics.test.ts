import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMetricsServer, type MetricsServer } from "../../src/metrics/metricsServer.ts";
import { createNodeMetrics, type NodeMetrics } from "../../src/metrics/nodeMetrics.ts";

let metrics: NodeMetrics;
let server: MetricsServer;
let port: number;

beforeAll(async () => {
  metrics = createNodeMetrics({ knownMethods: () => ["theta.GetVersion"] });
  server = createMetricsServer({ registry: metrics.registry }, { address: "127.0.0.1", port: 0 });
  port = (await server.listen()).port;
});

afterAll(async () => {
  await server.close();
});

function get(path: string): Promise<{ status: number; body: string; type: string | undefined }> {
  return new Promise((resolve, reject) => {
    request({ host: "127.0.0.1", port, path, agent: false }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => {
        body += c.toString("utf8");
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, type: res.headers["content-type"] }));
    })
      .on("error", reject)
      .end();
  });
}

describe("metrics", () => {
  it("serves the node's metrics in Prometheus text format", async () => {
    metrics.height.set(42);
    metrics.observeRpc("theta.GetVersion", 0.002, "ok");
    metrics.observeRpc("theta.Invented", 0.002, "error");
    const r = await get("/metrics");
    expect(r.status).toBe(200);
    expect(r.type).toContain("text/plain");
    for (const name of [
      "theta_block_height 42",
      "theta_finalized_height 0",
      "theta_mempool_size 0",
      "theta_tx_per_second 0",
      "theta_txs_finalized_total 0",
      'theta_rpc_request_duration_seconds_count{method="theta.GetVersion",outcome="ok"} 1',
      'theta_rpc_request_duration_seconds_count{method="unknown",outcome="error"} 1',
    ]) {
      expect(r.body).toContain(name);
    }
    expect(r.body).not.toContain("theta.Invented");
  });

  it("answers 404 elsewhere", async () => {
    expect((await get("/")).status).toBe(404);
  });
});
