/**
 * The Ethereum API under load against a privatenet node it starts (the build, `bin/theta.js`):
 * 1. `eth_call` of an ERC-20 `balanceOf` per second against `theta.CallSmartContract` on the same
 *    contract in the same run (the named baseline), interleaved rounds, concurrent clients;
 * 2. `newHeads` delivery delay over `/ws`: notification arrival minus the node's own
 *    "block finalized" log time of that height, p50 and p99.
 *
 * Run: `pnpm --filter @theta/node run bench:eth` after `npm run build`.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { chmod, cp, mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import {
  bytesToHex,
  encodeTx,
  ethSigningPreimage,
  ethTxEncoding,
  hexToBytes,
  type SmartContractTx,
  TxType,
  ZERO_ADDRESS,
} from "@theta/core-types";
import { defaultCrypto } from "@theta/crypto";
import WebSocket from "ws";
import { PRIVATENET_TEST_KEYS, PRIVATENET_VALIDATOR } from "../src/genesis/privatenet.ts";

const APP_DIR = fileURLToPath(new URL("../", import.meta.url));
const crypto = defaultCrypto;
const CALLS = Number(process.env.BENCH_CALLS ?? 3000);
const CONCURRENCY = 16;
/** Calls per HTTP request (ethers batches concurrent calls the same way); 1 = one call per request. */
const BATCH = Number(process.env.BENCH_BATCH ?? 1);
const ROUNDS = 3;
const HEADS = 60;

const ERC20 = `
pragma solidity 0.8.19;
contract Token {
  mapping(address => uint256) public balanceOf;
  event Transfer(address indexed from, address indexed to, uint256 value);
  constructor() { balanceOf[msg.sender] = 1e24; }
  function transfer(address to, uint256 amount) external returns (bool) {
    require(balanceOf[msg.sender] >= amount, "balance");
    balanceOf[msg.sender] -= amount;
    balanceOf[to] += amount;
    emit Transfer(msg.sender, to, amount);
    return true;
  }
}`;

function compile(): Uint8Array {
  const solc = createRequire(join(APP_DIR, "../../packages/evm-adapter/package.json"))("solc") as {
    compile(input: string): string;
  };
  const out = JSON.parse(
    solc.compile(
      JSON.stringify({
        language: "Solidity",
        sources: { "t.sol": { content: ERC20 } },
        settings: {
          evmVersion: "petersburg",
          optimizer: { enabled: true, runs: 200 },
          outputSelection: { "*": { "*": ["evm.bytecode.object"] } },
        },
      }),
    ),
  ) as { contracts: Record<string, Record<string, { evm: { bytecode: { object: string } } }>> };
  return hexToBytes(out.contracts["t.sol"]!.Token!.evm.bytecode.object);
}

async function startNode(): Promise<{
  child: ChildProcess;
  port: number;
  root: string;
  finalizedAt: Map<bigint, number>;
}> {
  const root = await mkdtemp(join(tmpdir(), "theta-bench-eth-"));
  const dir = join(root, "node");
  await cp(join(APP_DIR, "../../fixtures/privatenet/node"), dir, { recursive: true });
  const walk = async (p: string): Promise<void> => {
    const s = await stat(p);
    await chmod(p, s.isDirectory() ? 0o700 : 0o600);
    if (s.isDirectory()) for (const e of await readdir(p)) await walk(join(p, e));
  };
  await walk(dir);
  const profile =
    process.env.BENCH_CPU_PROF === undefined
      ? []
      : ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`];
  const child = spawn(
    process.execPath,
    [...profile, join(APP_DIR, "bin/theta.js"), "start", `--config=${dir}`],
    {
      env: {
        ...process.env,
        THETA_NODE_PASSWORD: "qwertyuiop",
        THETA_RPC_PORT: "0",
        THETA_P2P_PORT: "0",
        THETA_METRICS_PORT: "0",
        THETA_CONSENSUS_BLOCKINTERVALMS: "500",
      },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const finalizedAt = new Map<bigint, number>();
  const port = await new Promise<number>((resolve, reject) => {
    let buf = "";
    child.once("exit", (c) => reject(new Error(`theta exited with ${c}`)));
    child.stdout!.on("data", (d: Buffer) => {
      buf += d.toString("utf8");
      const lines = buf.split("\n");
      buf = lines.pop() ?? "";
      for (const line of lines) {
        if (!line.startsWith("{")) continue;
        const rec = JSON.parse(line) as { msg?: string; port?: number; height?: string; time?: string };
        if (rec.msg?.startsWith("rpc listening") && rec.port !== undefined) resolve(rec.port);
        if (rec.msg === "block finalized" && rec.height !== undefined && rec.time !== undefined) {
          finalizedAt.set(BigInt(rec.height), Date.parse(rec.time));
        }
      }
    });
  });
  return { child, port, root, finalizedAt };
}

async function main(): Promise<void> {
  const node = await startNode();
  const url = `http://127.0.0.1:${node.port}/rpc`;
  let id = 0;
  const call = async (method: string, params: unknown): Promise<unknown> => {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: ++id, method, params }),
    });
    const body = (await res.json()) as { result?: unknown; error?: { message: string } };
    if (body.error !== undefined) throw new Error(`${method}: ${body.error.message}`);
    return body.result;
  };
  try {
    // Deploy the token from the validator key with a legacy Ethereum tx.
    const keyHex = PRIVATENET_TEST_KEYS.find(
      (k) => k.address.toLowerCase() === PRIVATENET_VALIDATOR.toLowerCase(),
    )!.privateKey;
    const key = hexToBytes(keyHex);
    const from = crypto.privateKeyToAddress(key);
    const nonce = BigInt(
      (await call("eth_getTransactionCount", [`0x${bytesToHex(from)}`, "pending"])) as string,
    );
    const deploy: SmartContractTx = {
      type: TxType.SmartContract,
      from: {
        address: from,
        coins: { thetaWei: 0n, tfuelWei: 0n },
        sequence: nonce + 1n,
        signature: new Uint8Array(0),
      },
      to: { address: ZERO_ADDRESS, coins: { thetaWei: 0n, tfuelWei: 0n } },
      gasLimit: 2_000_000n,
      gasPrice: 4_000_000_000_000n,
      data: compile(),
    };
    const sig = crypto.sign(ethSigningPreimage(deploy, 366n), key);
    sig[64] = 27 + sig[64]!;
    const hash = (await call("eth_sendRawTransaction", [
      `0x${bytesToHex(ethTxEncoding({ ...deploy, from: { ...deploy.from, signature: sig } }, 366n))}`,
    ])) as string;
    let receipt: { contractAddress: string } | null = null;
    while (receipt === null) {
      receipt = (await call("eth_getTransactionReceipt", [hash])) as { contractAddress: string } | null;
      if (receipt === null) await new Promise((r) => setTimeout(r, 200));
    }
    const token = receipt.contractAddress;
    const data = `0x70a08231${bytesToHex(from).padStart(64, "0")}`;
    const sctx = bytesToHex(
      encodeTx({
        type: TxType.SmartContract,
        from: {
          address: from,
          coins: { thetaWei: 0n, tfuelWei: 0n },
          sequence: 1n,
          signature: new Uint8Array(0),
        },
        to: { address: hexToBytes(token), coins: { thetaWei: 0n, tfuelWei: 0n } },
        gasLimit: 100_000n,
        gasPrice: 0n,
        data: hexToBytes(data),
      }),
    );
    const ethBalance = (await call("eth_call", [
      { from: `0x${bytesToHex(from)}`, to: token, data },
      "latest",
    ])) as string;
    const thetaBalance = (await call("theta.CallSmartContract", [{ sctx_bytes: sctx }])) as {
      vm_return: string;
    };
    if (BigInt(ethBalance) !== BigInt(`0x${thetaBalance.vm_return}`) || BigInt(ethBalance) !== 10n ** 24n) {
      throw new Error(`the two paths disagree: ${ethBalance} vs 0x${thetaBalance.vm_return}`);
    }
    const cpuOf = async (): Promise<number> => {
      const stat = await readFile(`/proc/${node.child.pid}/stat`, "utf8").catch(() => "");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      return (Number(f[11] ?? 0) + Number(f[12] ?? 0)) / 100;
    };
    const run = async (method: string, params: unknown): Promise<number> => {
      let next = 0;
      const cpu0 = await cpuOf();
      const client0 = process.cpuUsage();
      const start = performance.now();
      const body = JSON.stringify(
        Array.from({ length: BATCH }, (_, i) => ({ jsonrpc: "2.0", id: i, method, params })),
      );
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < CALLS) {
            next += BATCH;
            if (BATCH === 1) {
              await call(method, params);
              continue;
            }
            const res = await fetch(url, {
              method: "POST",
              headers: { "content-type": "application/json" },
              body,
            });
            const replies = (await res.json()) as { error?: { message: string } }[];
            if (replies.length !== BATCH || replies.some((r) => r.error !== undefined))
              throw new Error(`${method}: a batch failed`);
          }
        }),
      );
      const seconds = (performance.now() - start) / 1000;
      const nodeCpu = (await cpuOf()) - cpu0;
      const c = process.cpuUsage(client0);
      console.log(
        `  ${method}: node CPU ${((nodeCpu / CALLS) * 1e6).toFixed(0)} µs/call, client CPU ${((c.user + c.system) / CALLS).toFixed(0)} µs/call`,
      );
      return CALLS / seconds;
    };
    const ethRates: number[] = [];
    const thetaRates: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      thetaRates.push(await run("theta.CallSmartContract", [{ sctx_bytes: sctx }]));
      ethRates.push(await run("eth_call", [{ from: `0x${bytesToHex(from)}`, to: token, data }, "latest"]));
      console.log(
        `round ${r + 1}: theta.CallSmartContract ${thetaRates.at(-1)!.toFixed(0)}/s, eth_call ${ethRates.at(-1)!.toFixed(0)}/s`,
      );
    }
    const best = (xs: number[]) => Math.max(...xs);
    console.log(
      `eth_call balanceOf: ${best(ethRates).toFixed(0)}/s; baseline theta.CallSmartContract ${best(thetaRates).toFixed(0)}/s; ` +
        `eth path takes ${(best(thetaRates) / best(ethRates)).toFixed(2)}x the theta path's time (best round each, ${CALLS} calls, ${CONCURRENCY} clients, ${BATCH} per request)`,
    );

    // newHeads delay.
    const ws = new WebSocket(`ws://127.0.0.1:${node.port}/ws`);
    await new Promise((resolve, reject) => {
      ws.once("open", resolve);
      ws.once("error", reject);
    });
    const delays: number[] = [];
    await new Promise<void>((resolve) => {
      ws.on("message", (m: Buffer) => {
        const now = Date.now();
        const msg = JSON.parse(m.toString("utf8")) as {
          method?: string;
          params?: { result: { number: string } };
        };
        if (msg.method !== "eth_subscription" || msg.params === undefined) return;
        const t = node.finalizedAt.get(BigInt(msg.params.result.number));
        if (t !== undefined) delays.push(now - t);
        if (delays.length >= HEADS) resolve();
      });
      ws.send(JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_subscribe", params: ["newHeads"] }));
    });
    ws.close();
    delays.sort((a, b) => a - b);
    const pct = (p: number) => delays[Math.min(delays.length - 1, Math.floor((p / 100) * delays.length))]!;
    console.log(
      `newHeads delay after the finalization log line: p50 ${pct(50)} ms, p99 ${pct(99)} ms, max ${delays.at(-1)} ms over ${delays.length} blocks (log times have ms resolution)`,
    );
  } finally {
    node.child.kill("SIGTERM");
    await new Promise((r) => node.child.once("exit", r));
    await rm(node.root, { recursive: true, force: true });
  }
}

await main();
