/**
 * The tx mode of the catch-up bench (`--txs`): a validator whose chain holds `blocks` blocks of
 * `perBlock` SendTx. Its genesis funds `perBlock` accounts (the load bench's genesis); block r holds
 * sequence r of every account. The chain is written offline, before the validator starts, by
 * txChainProducer.ts (the node's own storage, ledger, executor and block store); the validator then
 * starts on it and runs as the followers' peer. A follower dir holds the same genesis snapshot and
 * config with a non-validator key.
 */
import { appendFile, chmod, copyFile, mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deriveAccounts, loadGenesisDescription, signingCrypto } from "./loadAccounts.ts";
import { type LoadNode, type LoadNodeDir, prepareNodeDir, startLoadNode } from "./loadNode.ts";
import { produceTxChain } from "./txChainProducer.ts";

/** The built chain, its validator running. */
export interface TxChain {
  readonly nodeDir: LoadNodeDir;
  readonly validator: LoadNode;
  /** The last height written by the producer. */
  readonly height: number;
  /** SendTxs in blocks 1..height. */
  readonly sendTxs: number;
  /** Blocks that hold at least one SendTx, and the largest count in one block. */
  readonly txBlocks: number;
  readonly maxPerBlock: number;
  /** Txs other than the coinbase in blocks 1..h, at index h. */
  readonly cumulative: readonly number[];
  readonly rejected: number;
  readonly seconds: number;
}

/** What a kept chain's root holds beside its node dir (`txchain.json`), for `--source` runs. */
interface KeptChain {
  readonly nodeDir: LoadNodeDir;
  readonly height: number;
  readonly sendTxs: number;
  readonly perBlock: number;
}

/**
 * Builds the chain offline (genesis, `blocks` blocks of `perBlock` SendTx), then starts its validator;
 * with `source` (the root of a chain an earlier run kept) the chain is not built again.
 */
export async function buildTxChain(
  blocks: number,
  perBlock: number,
  blockMs: number,
  env: Record<string, string>,
  source = "",
): Promise<TxChain> {
  if (source !== "") {
    const kept = JSON.parse(await readFile(join(source, "txchain.json"), "utf8")) as KeptChain;
    return started(kept, env, 0);
  }
  const crypto = await signingCrypto();
  const accounts = deriveAccounts(crypto, "theta-bench-sync", perBlock);
  const nodeDir = await prepareNodeDir(loadGenesisDescription(crypto, accounts), {
    blockIntervalMs: blockMs,
    maxTxsPerBlock: perBlock,
    rpcIdleSecs: 5,
    cryptoBackend: "native",
    trieEngine: "fast",
  });
  const made = await produceTxChain(nodeDir.dir, accounts, blocks, Math.max(1, Math.floor(blocks / 20)));
  const kept: KeptChain = { nodeDir, height: made.height, sendTxs: made.sendTxs, perBlock };
  await writeFile(join(nodeDir.root, "txchain.json"), JSON.stringify(kept));
  return started(kept, env, made.seconds);
}

async function started(kept: KeptChain, env: Record<string, string>, seconds: number): Promise<TxChain> {
  const validator = await startLoadNode(kept.nodeDir.dir, [], env);
  return {
    nodeDir: kept.nodeDir,
    validator,
    height: kept.height,
    sendTxs: kept.sendTxs,
    txBlocks: kept.height,
    maxPerBlock: kept.perBlock,
    cumulative: Array.from({ length: kept.height + 1 }, (_, h) => h * kept.perBlock),
    rejected: 0,
    seconds,
  };
}

/** `--follower-signature-threads=N`: the followers' `crypto.signatureThreads` (default: the node's). */
const FOLLOWER_THREADS = process.argv
  .find((a) => a.startsWith("--follower-signature-threads="))
  ?.slice("--follower-signature-threads=".length);

/** A fresh node dir with `chain`'s genesis and config, holding `keyFile` (a non-validator key). */
export async function followerDir(chain: TxChain, keyFile: string, keyName: string): Promise<string> {
  const dir = join(await mkdtemp(join(tmpdir(), "theta-bench-fol-")), "node");
  await mkdir(join(dir, "key", "encrypted"), { recursive: true, mode: 0o700 });
  for (const f of ["snapshot", "config.yaml"]) await copyFile(join(chain.nodeDir.dir, f), join(dir, f));
  if (FOLLOWER_THREADS !== undefined) {
    await appendFile(join(dir, "config.yaml"), `crypto.signatureThreads: ${Number(FOLLOWER_THREADS)}\n`);
  }
  await copyFile(keyFile, join(dir, "key", "encrypted", keyName));
  await chmod(join(dir, "key", "encrypted", keyName), 0o600);
  return dir;
}
