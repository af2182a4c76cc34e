import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/**
 * The node's Prometheus metrics. The RPC server feeds `rpcLatency`; the chain wiring (not built
 * yet) will set the chain gauges, which read 0 until then.
 */
export interface NodeMetrics {
  readonly registry: Registry;
  /** Height of the latest block applied. */
  readonly height: Gauge;
  /** Height of the latest finalized block. */
  readonly finalizedHeight: Gauge;
  /** Transactions waiting in the mempool. */
  readonly mempoolSize: Gauge;
  /** Finalized transactions per second over the last block interval. */
  readonly txPerSecond: Gauge;
  /** Finalized transactions since start (use `rate()` for a smoothed tx/s). */
  readonly txFinalized: Counter;
  /** JSON-RPC call latency in seconds, by method and outcome (ok / error). */
  readonly rpcLatency: Histogram<"method" | "outcome">;
  /** Records one RPC call; unknown method names are folded into one label value. */
  observeRpc(method: string, seconds: number, outcome: "ok" | "error"): void;
}

/** Creates a fresh registry with the node's metrics and the default process metrics. */
export function createNodeMetrics(opts: { readonly knownMethods: () => readonly string[] }): NodeMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "theta_process_" });
  const registers = [registry];
  const height = new Gauge({
    name: "theta_block_height",
    help: "Height of the latest applied block",
    registers,
  });
  const finalizedHeight = new Gauge({
    name: "theta_finalized_height",
    help: "Height of the latest finalized block",
    registers,
  });
  const mempoolSize = new Gauge({
    name: "theta_mempool_size",
    help: "Transactions in the mempool",
    registers,
  });
  const txPerSecond = new Gauge({
    name: "theta_tx_per_second",
    help: "Finalized transactions per second over the last block interval",
    registers,
  });
  const txFinalized = new Counter({
    name: "theta_txs_finalized_total",
    help: "Transactions finalized since start",
    registers,
  });
  const rpcLatency = new Histogram({
    name: "theta_rpc_request_duration_seconds",
    help: "JSON-RPC call latency by method and outcome",
    labelNames: ["method", "outcome"] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  return {
    registry,
    height,
    finalizedHeight,
    mempoolSize,
    txPerSecond,
    txFinalized,
    rpcLatency,
    observeRpc(method, seconds, outcome) {
      // Bounded label cardinality: a client cannot create series by inventing method names.
      const label = opts.knownMethods().includes(method) ? method : "unknown";
      rpcLatency.observe({ method: label, outcome }, seconds);
    },
  };
}
