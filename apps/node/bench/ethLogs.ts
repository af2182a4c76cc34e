/**
 * `eth_getLogs` over 10,000 finalized blocks holding 10,000 ERC-20 Transfer logs (one per block),
 * on LevelDB through the node's own block store, tx index and reader, against a named baseline in
 * the same run: the adaptor's way (theta.GetBlocksByRange in pages of 5,000, logs filtered by the
 * client from the receipts). Prints time and heap growth of each.
 *
 * Run: `pnpm --filter @theta/node run bench:eth-logs` (builds nothing; runs the sources through tsx).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import {
  type Block,
  BlockStatus,
  encodeTx,
  type Hash,
  hexToBytes,
  privatenet,
  type SmartContractTx,
  TxType,
  ZERO_HASH,
} from "@theta/core-types";
import { defaultCrypto } from "@theta/crypto";
import type { TrieDatabase } from "@theta/ledger";
import { openLevelKvStore } from "@theta/platform-node/level";
import { createChainReader } from "../src/compose/chainReader.ts";
import { emptyHeader } from "../src/genesis/writeGenesis.ts";
import type { ChainQuery } from "../src/rpc/chainQuery.ts";
import type { EthChain } from "../src/rpc/eth/ethChain.ts";
import { registerEthRpc } from "../src/rpc/eth/registerEthRpc.ts";
import { getBlocksByRangeMethod } from "../src/rpc/methods/getBlocksByRange.ts";
import { createRpcRegistry } from "../src/rpc/registry.ts";
import { createBlockStore } from "../src/store/blockStore.ts";
import { createTxIndex } from "../src/store/txIndex.ts";

const BLOCKS = 10_000n;
const crypto = defaultCrypto;
const TOKEN = hexToBytes("5555555555555555555555555555555555555555");
const TRANSFER = crypto.keccak256(new TextEncoder().encode("Transfer(address,address,uint256)"));
const word = (n: bigint) => hexToBytes(n.toString(16).padStart(64, "0"));

function transferTx(i: bigint): SmartContractTx {
  return {
    type: TxType.SmartContract,
    from: {
      address: hexToBytes(i.toString(16).padStart(40, "0")),
      coins: { thetaWei: 0n, tfuelWei: 0n },
      sequence: 1n,
      signature: new Uint8Array(65),
    },
    to: { address: TOKEN, coins: { thetaWei: 0n, tfuelWei: 0n } },
    gasLimit: 60_000n,
    gasPrice: 100_000_000n,
    data: new Uint8Array(68),
  };
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "theta-bench-logs-"));
  const kv = await openLevelKvStore(dir);
  const forks = privatenet.headerForks;
  const blocks = createBlockStore({ kv, forks, keccak256: crypto.keccak256 });
  const txIndex = createTxIndex(kv);
  let parent: Hash = ZERO_HASH;
  const t0 = performance.now();
  for (let h = 1n; h <= BLOCKS; h++) {
    const raw = encodeTx(transferTx(h));
    const txHash = crypto.txHash(raw);
    const block: Block = {
      header: { ...emptyHeader("privatenet"), height: h, parent, epoch: h, timestamp: 1_000n + h },
      txs: [raw],
    };
    const receipt = {
      txHash,
      logs: [{ address: TOKEN, topics: [TRANSFER, word(h), word(h + 1n)], data: word(h * 10n) }],
      evmReturn: word(1n),
      contractAddress: TOKEN,
      gasUsed: 35_000n,
      evmError: "",
    };
    const hash = await blocks.put({
      block,
      children: [],
      status: BlockStatus.Valid,
      hasValidatorUpdate: false,
    });
    await blocks.markFinalized(hash, {
      opsFor: (bh, eb) => txIndex.opsForBlock(bh, [{ hash: txHash, receipt }], eb.block.header),
    });
    parent = hash;
  }
  console.log(
    `wrote ${BLOCKS} blocks with one Transfer log each in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const reader = createChainReader({
    kv,
    db: undefined as unknown as TrieDatabase,
    blocks,
    txIndex,
    keccak256: crypto.keccak256,
  });
  const query = { blockByHash: (h: Hash) => reader.storedBlock(h) } as unknown as ChainQuery;
  const eth: EthChain = {
    query,
    events: { onFinalizedBlock: () => () => undefined, onPendingTx: () => () => undefined },
    clientVersion: "bench",
    keccak256: crypto.keccak256,
    evmChainId: async () => 366n,
    minGasPrice: async () => 100_000_000n,
    maxGasLimit: async () => 10_000_000n,
    earliestHeight: () => 0n,
    finalizedHead: async () => blocks.lastFinalized(),
    finalizedHashAt: (h) => blocks.finalizedAt(h),
    pendingTx: async () => undefined,
    tip: async () => undefined,
    dryRun: async () => {
      throw new Error("not in this bench");
    },
    peerCount: () => 0,
    blockLogs: (from, to) => txIndex.blockLogs(from, to),
  };
  const registry = createRpcRegistry();
  registerEthRpc(registry, eth, { now: () => Date.now(), newFilterId: () => "0x1" });
  const ranged: ChainQuery = {
    blocksAtHeight: async (h: bigint) => {
      const hash = await blocks.finalizedAt(h);
      const b = hash === undefined ? undefined : await reader.storedBlock(hash);
      return b === undefined ? [] : [b];
    },
    status: async () => ({ latestFinalized: await blocks.lastFinalized() }),
    blockByHash: (h: Hash) => reader.storedBlock(h),
  } as unknown as ChainQuery;
  registry.register(getBlocksByRangeMethod(ranged, { heavyQueryThreshold: 1_000_000n, maxHeavyQueries: 1 }));
  const ctx = { signal: new AbortController().signal };
  const measure = async (name: string, f: () => Promise<number>): Promise<number> => {
    globalThis.gc?.();
    const heap0 = process.memoryUsage().heapUsed;
    const rss0 = process.memoryUsage().rss;
    const start = performance.now();
    const count = await f();
    const ms = performance.now() - start;
    const heap = (process.memoryUsage().heapUsed - heap0) / 2 ** 20;
    const rss = (process.memoryUsage().rss - rss0) / 2 ** 20;
    console.log(
      `${name}: ${count} logs in ${ms.toFixed(0)} ms (heap +${heap.toFixed(1)} MiB, rss +${rss.toFixed(1)} MiB)`,
    );
    return ms;
  };
  const filter = {
    fromBlock: "0x1",
    toBlock: `0x${BLOCKS.toString(16)}`,
    address: `0x${"55".repeat(20)}`,
    topics: [`0x${Buffer.from(TRANSFER).toString("hex")}`],
  };
  const results: { eth: number; base: number }[] = [];
  for (let round = 0; round < 3; round++) {
    const base = await measure("baseline theta.GetBlocksByRange ×2 + client filter", async () => {
      let n = 0;
      for (const [start, end] of [
        [1n, 5_000n],
        [5_001n, BLOCKS],
      ] as const) {
        const r = await registry.dispatch(
          "theta.GetBlocksByRange",
          { start: String(start), end: String(end) },
          ctx,
        );
        if ("error" in r) throw new Error(r.error.message);
        // The client parses the JSON and walks each tx's receipt logs, as the adaptor does.
        const list = JSON.parse(JSON.stringify(r.result)) as {
          transactions: { receipt: { Logs: unknown[] } | null }[];
        }[];
        for (const b of list) for (const t of b.transactions) n += t.receipt?.Logs.length ?? 0;
      }
      return n;
    });
    const ethMs = await measure("eth_getLogs", async () => {
      const r = await registry.dispatch("eth_getLogs", [filter], ctx);
      if ("error" in r) throw new Error(r.error.message);
      return JSON.stringify(r.result).length > 0 ? (r.result as unknown[]).length : 0;
    });
    results.push({ eth: ethMs, base });
  }
  const best = (k: "eth" | "base") => Math.min(...results.map((r) => r[k]));
  console.log(
    `best of 3: eth_getLogs ${best("eth").toFixed(0)} ms vs baseline ${best("base").toFixed(0)} ms = ${(best("eth") / best("base")).toFixed(2)}x the baseline's time`,
  );
  await kv.close();
  await rm(dir, { recursive: true, force: true });
}

await main();
