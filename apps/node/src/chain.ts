import type { NodePaths } from "./cmds/globalOptions.ts";
import type { NodeConfig } from "./config/keys.ts";
import type { NodeKey } from "./keys/nodeKeyCodec.ts";
import type { NodeLogger } from "./log/logger.ts";
import type { NodeMetrics } from "./metrics/nodeMetrics.ts";
import type { RpcRegistry } from "./rpc/registry.ts";

/** What the node shell hands to the chain wiring. */
export interface ChainDeps {
  readonly config: NodeConfig;
  readonly paths: NodePaths;
  readonly logger: NodeLogger;
  /** Gauges and counters the chain keeps current (height, finalized height, mempool, tx/s). */
  readonly metrics: NodeMetrics;
  /** The unlocked node key, or undefined while no keystore codec is wired. */
  readonly nodeKey: NodeKey | undefined;
  /** `--chain_import <dir>` / `--chain_correction <file>`: chain files imported before the engine starts. */
  readonly chainImport?: { readonly dir?: string | undefined; readonly correctionFile?: string | undefined };
}

/**
 * The seam where the chain plugs into `theta start`: storage (LevelDB KvStore, trie store with
 * pruning), snapshot import, ledger, EVM, consensus, p2p and mempool, composed elsewhere.
 * `theta start` calls `registerRpc` before the RPC server listens, then `start`, and `stop`
 * on SIGINT/SIGTERM before closing the servers.
 */
export interface ChainComponent {
  /** Registers the chain-backed RPC methods (GetStatus, GetAccount, Broadcast…, …). */
  registerRpc(registry: RpcRegistry): void;
  /** Opens storage, imports the snapshot if needed, joins the network, starts consensus. */
  start(): Promise<void>;
  /** Stops producing and syncing, flushes and closes storage. */
  stop(): Promise<void>;
}

/** Builds the chain from the shell's pieces. */
export type ChainFactory = (deps: ChainDeps) => Promise<ChainComponent>;
