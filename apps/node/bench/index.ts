/**
 * RPC server throughput: sequential keep-alive POSTs of `theta.GetVersion` (single and batched)
 * against a bare node:http server answering a constant body (the baseline), measured in the
 * same run. Prints ops/s and the ratio against the baseline.
 */
import { Agent, createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { readBuildInfo } from "../src/buildInfo.ts";
import { getVersionMethod } from "../src/rpc/methods/getVersion.ts";
import { createRpcRegistry } from "../src/rpc/registry.ts";
import { createRpcServer } from "../src/rpc/server.ts";

const DURATION_MS = 3000;
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function post(port: number, body: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        method: "POST",
        path: "/rpc",
        agent,
        headers: { "Content-Type": "application/json" },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve());
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

async function measure(name: string, port: number, body: string, calls = 1): Promise<number> {
  for (let i = 0; i < 200; i++) await post(port, body);
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < DURATION_MS) {
    await post(port, body);
    n++;
  }
  const opsPerSec = (n * calls * 1000) / (performance.now() - start);
  console.log(`${name.padEnd(44)} ${opsPerSec.toFixed(0).padStart(8)} calls/s`);
  return opsPerSec;
}

const baseline = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end('{"jsonrpc":"2.0","id":1,"result":{}}\n');
  });
});
await new Promise<void>((r) => baseline.listen(0, "127.0.0.1", r));
const baselinePort = (baseline.address() as AddressInfo).port;

const registry = createRpcRegistry();
registry.register(getVersionMethod(readBuildInfo()));
const rpc = createRpcServer(
  { registry },
  {
    address: "127.0.0.1",
    port: 0,
    maxBodyBytes: 4_194_304,
    timeoutMs: 60_000,
    maxConnections: 200,
    idleTimeoutMs: 5000,
  },
);
const { port } = await rpc.listen();

const one = '{"jsonrpc":"2.0","id":1,"method":"theta.GetVersion","params":[{}]}';
const batch = `[${Array.from({ length: 10 }, (_, i) => one.replace('"id":1', `"id":${i}`)).join(",")}]`;

const base = await measure("baseline: bare node:http constant reply", baselinePort, one);
const single = await measure("theta.GetVersion, one call per request", port, one);
const batched = await measure("theta.GetVersion, batches of 10", port, batch, 10);
console.log(`ratio single/baseline: ${(single / base).toFixed(2)}`);
console.log(`ratio batched/baseline: ${(batched / base).toFixed(2)}`);

agent.destroy();
baseline.close();
await rpc.close();
