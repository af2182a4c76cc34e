/**
 * The node's crypto and trie choices (config `crypto.backend`, `storage.trieEngine`). The native
 * backend (`@theta/crypto-native`: libsecp256k1 and XKCP keccak through prebuilt N-API modules) is
 * about 20x faster at signature recovery. It is an optional dependency: when it is not installed
 * or its modules cannot load on this machine, the node says so and falls back to noble, which
 * gives the same results.
 */
import { createCrypto, defaultCrypto, type ThetaCrypto } from "@theta/crypto";
import { TrieEngine, type VersionedStateOptions } from "@theta/trie-store";
import type { Logger } from "pino";
import type { NodeConfig } from "../config/keys.ts";
import { accountStorageRoots } from "./storageRoots.ts";

/** The crypto of `crypto.backend`; noble when @theta/crypto-native or its native modules are unavailable. */
export async function loadNodeCrypto(backend: string, log: Logger): Promise<ThetaCrypto> {
  if (backend !== "native") return defaultCrypto;
  try {
    const { nativeBackend } = await import("@theta/crypto-native");
    return createCrypto(nativeBackend);
  } catch (e) {
    log.warn({ err: (e as Error).message }, "crypto.backend: native modules unavailable, using noble");
    return defaultCrypto;
  }
}

/** Versioned-state options of every state the node opens (the pruning window aside). */
export function stateOptions(config: NodeConfig, crypto: ThetaCrypto): VersionedStateOptions {
  return {
    engine: config["storage.trieEngine"] === "mpt" ? TrieEngine.Mpt : TrieEngine.Fast,
    keccak256: crypto.keccak256,
    storageRootsOf: accountStorageRoots,
  };
}
