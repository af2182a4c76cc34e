/**
 * The devnet under load for `bench:devnet`: `initDevnet` with the load accounts funded in the
 * genesis, every node a `theta start` child process (the way `theta devnet start` runs them) with
 * the bench's node settings as THETA_* overrides, and a JSON-RPC client that sends each account's
 * txs to one node (account i to node i mod n, so that a sender's sequence stays in one mempool)
 * while reading blocks from the first node.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isThetaError } from "@theta/core-types";
import { nodeRandom, nodeScrypt } from "@theta/platform-node";
import { DEVNET_SCRYPT_N } from "../src/cmds/devnet.ts";
import { initDevnet } from "../src/devnet/initDevnet.ts";
import { DEVNET_DEFAULTS, DevnetErrorCode } from "../src/devnet/layout.ts";
import type { DevnetManifest } from "../src/devnet/manifest.ts";
import { createCryptoNodeKeyCodec } from "../src/keys/cryptoNodeKeyCodec.ts";
import { type LoadNode, startLoadNode } from "./loadNode.ts";
import type { LoadRpcClient, RpcReply } from "./loadRpc.ts";

/** The node settings of the run (the same as bench:node's node gets). */
export interface DevnetLoadConfig {
  readonly validators: number;
  readonly chainId: string;
  readonly blockIntervalMs: number;
  readonly maxTxsPerBlock: number;
  readonly rpcIdleSecs: number;
  readonly cryptoBackend: string;
  /** Signature worker threads per devnet node (undefined: the devnet's own setting, 0). */
  readonly signatureThreads?: number;
  readonly trieEngine: string;
  /** Balances added to the genesis (the load accounts). */
  readonly balances: ReadonlyArray<{ address: string; thetaWei: string; tfuelWei: string }>;
}

/** A running devnet. */
export interface LoadDevnet {
  readonly root: string;
  readonly manifest: DevnetManifest;
  readonly nodes: readonly LoadNode[];
  stop(): Promise<Array<number | null>>;
}

/** Writes the devnet (on the first free base port from 27000) and starts every node. */
export async function startLoadDevnet(
  cfg: DevnetLoadConfig,
  nodeFlags: (name: string) => readonly string[] = () => [],
): Promise<LoadDevnet> {
  const root = await mkdtemp(join(tmpdir(), "theta-bench-devnet-"));
  const codec = createCryptoNodeKeyCodec(
    { random: nodeRandom, scrypt: nodeScrypt },
    { scryptN: DEVNET_SCRYPT_N },
  );
  let written: Awaited<ReturnType<typeof initDevnet>> | undefined;
  for (let base = 27000; written === undefined; base += 300) {
    try {
      written = await initDevnet(
        { codec },
        {
          out: join(root, "net"),
          validators: cfg.validators,
          guardians: 0,
          followers: 0,
          basePort: base,
          chainId: cfg.chainId,
          password: DEVNET_DEFAULTS.password,
          blockIntervalMs: cfg.blockIntervalMs,
          force: false,
          extraBalances: cfg.balances,
        },
      );
    } catch (e) {
      if (!isThetaError(e, DevnetErrorCode.PortInUse) || base > 60000) throw e;
    }
  }
  const { dir, manifest } = written;
  const env = {
    THETA_NODE_PASSWORD: DEVNET_DEFAULTS.password,
    THETA_CONSENSUS_MAXTXSPERBLOCK: String(cfg.maxTxsPerBlock),
    THETA_RPC_IDLETIMEOUTSECS: String(cfg.rpcIdleSecs),
    THETA_CRYPTO_BACKEND: cfg.cryptoBackend,
    ...(cfg.signatureThreads === undefined
      ? {}
      : { THETA_CRYPTO_SIGNATURETHREADS: String(cfg.signatureThreads) }),
    THETA_STORAGE_TRIEENGINE: cfg.trieEngine,
  };
  const nodes: LoadNode[] = [];
  const stop = () => Promise.all(nodes.map((n) => n.stop()));
  try {
    for (const n of manifest.nodes) nodes.push(await startLoadNode(join(dir, n.dir), nodeFlags(n.name), env));
  } catch (e) {
    await stop();
    await rm(root, { recursive: true, force: true });
    throw e;
  }
  return { root, manifest, nodes, stop };
}

/** A connection reset on a reused keep-alive socket ("socket hang up"). */
const isReset = (e: unknown) => (e as NodeJS.ErrnoException).code === "ECONNRESET";

/** Retries of a call whose connection was reset (on a machine this loaded, one is not always enough). */
const RESET_RETRIES = 3;

/**
 * `c` with retries of a call whose kept-alive connection the node closed under it (a resent
 * broadcast the node already took comes back as a rejection, counted as such).
 */
function retryingOnReset(c: LoadRpcClient): LoadRpcClient {
  const again = <R>(f: () => Promise<R>, left = RESET_RETRIES): Promise<R> =>
    f().catch((e: unknown) => (isReset(e) && left > 0 ? again(f, left - 1) : Promise.reject(e)));
  return {
    call: (method, params) => again(() => c.call(method, params)),
    batch: (method, params) => again(() => c.batch(method, params)),
    close: () => c.close(),
  };
}

/**
 * One client over the nodes' clients: `theta.BroadcastRawTransaction*` goes to `targetOf(tx_bytes)`
 * (a batch is split per node and its replies put back in order), every other call to the first node.
 */
export function spreadRpcClient(
  nodeClients: readonly LoadRpcClient[],
  targetOf: (txHex: string) => number,
): LoadRpcClient {
  const clients = nodeClients.map(retryingOnReset);
  const first = clients[0]!;
  const isBroadcast = (method: string) => method.startsWith("theta.BroadcastRawTransaction");
  const clientFor = (params: Record<string, unknown>) => clients[targetOf(String(params.tx_bytes))]!;
  return {
    call<T>(method: string, params: Record<string, unknown>): Promise<RpcReply<T>> {
      return (isBroadcast(method) ? clientFor(params) : first).call<T>(method, params);
    },
    async batch<T>(method: string, params: ReadonlyArray<Record<string, unknown>>) {
      if (!isBroadcast(method)) return first.batch<T>(method, params);
      const groups = new Map<number, number[]>();
      params.forEach((p, i) => {
        const t = targetOf(String(p.tx_bytes));
        const g = groups.get(t) ?? [];
        g.push(i);
        groups.set(t, g);
      });
      const out: Array<RpcReply<T>> = new Array(params.length);
      await Promise.all(
        [...groups].map(async ([t, idx]) => {
          const replies = await clients[t]!.batch<T>(
            method,
            idx.map((i) => params[i]!),
          );
          idx.forEach((i, k) => {
            out[i] = replies[k]!;
          });
        }),
      );
      return out;
    },
    close: () => {
      for (const c of nodeClients) c.close();
    },
  };
}
