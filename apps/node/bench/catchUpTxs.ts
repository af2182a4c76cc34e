/**
 * The tx mode of the catch-up bench (`--txs`): a validator whose chain holds `blocks` blocks of up to
 * `perBlock` SendTx. Its genesis funds `perBlock` accounts (the load bench's genesis); round r of the
 * pre-signed stream holds sequence r of every account, so with `consensus.maxTxsPerBlock` = `perBlock`
 * and a block interval long enough for the submitters to fill the pool, each block takes one round. The
 * txs go in through the validator's RPC (JSON-RPC batches, as `bench:node --batch` does); the validator
 * keeps running afterwards as the followers' peer. A follower dir holds the same genesis snapshot and
 * config with a non-validator key.
 */
import { chmod, copyFile, mkdir, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { privatenet } from "@theta/core-types";
import { createCrypto, defaultCrypto, type ThetaCrypto } from "@theta/crypto";
import { deriveAccounts, loadGenesisDescription, presignSends } from "./loadAccounts.ts";
import { type LoadNode, type LoadNodeDir, prepareNodeDir, startLoadNode } from "./loadNode.ts";
import { createLoadRpcClient, type LoadRpcClient } from "./loadRpc.ts";
import { runLoad } from "./loadRun.ts";

/** The built chain, its validator still running. */
export interface TxChain {
  readonly nodeDir: LoadNodeDir;
  readonly validator: LoadNode;
  /** The validator's finalized height when every submitted tx was seen finalized (or the drain ended). */
  readonly height: number;
  /** SendTxs seen finalized in blocks 1..height. */
  readonly sendTxs: number;
  /** Blocks that hold at least one SendTx, and the largest count in one block. */
  readonly txBlocks: number;
  readonly maxPerBlock: number;
  /** Txs other than the coinbase in blocks 1..h (a block's count less one), at index h. */
  readonly cumulative: readonly number[];
  readonly rejected: number;
  readonly seconds: number;
}

async function signingCrypto(): Promise<ThetaCrypto> {
  try {
    const { nativeBackend } = await import("@theta/crypto-native");
    return createCrypto(nativeBackend);
  } catch {
    return defaultCrypto;
  }
}

/**
 * `rpc` with each request retried (up to 5 times, 200 ms apart) when the connection fails: a keep-alive
 * socket the loaded node closes as a request goes out resets it. A retried submit the node already took
 * comes back as a rejection, counted as such.
 */
function retrying(rpc: LoadRpcClient): LoadRpcClient {
  const again = async <R>(f: () => Promise<R>): Promise<R> => {
    for (let i = 0; ; i++) {
      try {
        return await f();
      } catch (e) {
        if (i >= 5) throw e;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  };
  return {
    call: <T>(method: string, params: Record<string, unknown>) => again(() => rpc.call<T>(method, params)),
    batch: <T>(method: string, params: ReadonlyArray<Record<string, unknown>>) =>
      again(() => rpc.batch<T>(method, params)),
    close: () => rpc.close(),
  };
}

/** Builds the chain: genesis, pre-signed txs, the validator producing blocks from them. */
export async function buildTxChain(
  blocks: number,
  perBlock: number,
  blockMs: number,
  env: Record<string, string>,
): Promise<TxChain> {
  const crypto = await signingCrypto();
  const accounts = deriveAccounts(crypto, "theta-bench-sync", perBlock);
  let t = performance.now();
  const txs = presignSends(crypto, privatenet.chainId, accounts, blocks);
  console.log(
    `tx chain: pre-signed ${txs.length} SendTxs (${crypto.backend.name}) in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  const nodeDir = await prepareNodeDir(loadGenesisDescription(crypto, accounts), {
    blockIntervalMs: blockMs,
    maxTxsPerBlock: perBlock,
    rpcIdleSecs: 5,
    cryptoBackend: "native",
    trieEngine: "fast",
  });
  const validator = await startLoadNode(nodeDir.dir, [], env);
  const rpc = retrying(createLoadRpcClient(validator.rpcPort, 10));
  try {
    const s = await rpc.call<{ latest_finalized_block_height: string }>("theta.GetStatus", {});
    const start = Number(s.result?.latest_finalized_block_height ?? "0");
    t = performance.now();
    const r = await runLoad(rpc, txs, {
      seconds: 24 * 3600,
      concurrency: 8,
      window: 4 * perBlock,
      batch: 16,
      drainMs: 60_000,
      pollMs: 200,
    });
    const withTxs = r.blockSizes.filter((n) => n > 1);
    const cumulative = new Array<number>(start + 1).fill(0);
    for (const n of r.blockSizes) cumulative.push(cumulative[cumulative.length - 1]! + Math.max(0, n - 1));
    return {
      nodeDir,
      validator,
      height: start + r.blockSizes.length,
      sendTxs: r.latenciesMs.length,
      txBlocks: withTxs.length,
      maxPerBlock: Math.max(0, ...r.blockSizes) - 1,
      cumulative,
      rejected: r.rejected,
      seconds: (performance.now() - t) / 1000,
    };
  } finally {
    rpc.close();
  }
}

/** A fresh node dir with `chain`'s genesis and config, holding `keyFile` (a non-validator key). */
export async function followerDir(chain: TxChain, keyFile: string, keyName: string): Promise<string> {
  const dir = join(await mkdtemp(join(tmpdir(), "theta-bench-fol-")), "node");
  await mkdir(join(dir, "key", "encrypted"), { recursive: true, mode: 0o700 });
  for (const f of ["snapshot", "config.yaml"]) await copyFile(join(chain.nodeDir.dir, f), join(dir, f));
  await copyFile(keyFile, join(dir, "key", "encrypted", keyName));
  await chmod(join(dir, "key", "encrypted", keyName), 0o600);
  return dir;
}
