/**
 * The storage step of the composition: LevelDB under `<data>/db/main`, the node's crypto backend,
 * the versioned state with the configured pruning window, the chain root (the snapshot imported on
 * first start), the tx index, the state database and the chain profile picked by the root's chain id.
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { type ChainProfile, ThetaError } from "@theta/core-types";
import type { ThetaCrypto } from "@theta/crypto";
import type { TrieDatabase } from "@theta/ledger";
import { openLevelKvStore } from "@theta/platform-node/level";
import {
  createVersionedState,
  type KvStore,
  type VersionedState,
  type VersionedStateOptions,
} from "@theta/trie-store";
import type { Logger } from "pino";
import type { ChainDeps } from "../chain.ts";
import { createTxIndex, type TxIndex } from "../store/txIndex.ts";
import { type OpenedChainRoot, openChainRoot } from "./genesisImport.ts";
import { loadNodeCrypto, stateOptions } from "./nodeCrypto.ts";
import { profileForChain, withProfileOverrides } from "./profile.ts";
import { createStateDatabase } from "./stateDatabase.ts";

/** Stable codes of the composition. */
export const ComposeErrorCode = { NoNodeKey: "NODE_NO_KEY", DbOpen: "NODE_DB_OPEN" } as const;

/** The database directory under the data root, as the reference lays it out. */
export function mainDbDir(dataRoot: string): string {
  return join(dataRoot, "db", "main");
}

/** What the storage step opened. */
export interface ChainStorage {
  readonly kv: KvStore;
  readonly crypto: ThetaCrypto;
  readonly state: VersionedState;
  readonly stateOptions: VersionedStateOptions;
  readonly db: TrieDatabase;
  readonly root: OpenedChainRoot;
  readonly txIndex: TxIndex;
  readonly profile: ChainProfile;
}

/** Opens the database (closing it again if a later part fails) and everything stored in it. */
export async function openChainStorage(
  deps: Pick<ChainDeps, "config" | "paths">,
  log: Logger,
): Promise<ChainStorage> {
  const dir = mainDbDir(deps.paths.dataRoot);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const kv: KvStore = await openLevelKvStore(dir).catch((e: unknown) => {
    throw new ThetaError(
      ComposeErrorCode.DbOpen,
      `--data: cannot open the database at ${dir} (is another theta running on it?): ${(e as Error).message}`,
      { cause: e },
    );
  });
  try {
    const crypto = await loadNodeCrypto(deps.config["crypto.backend"], log);
    const stateOpts = stateOptions(deps.config, crypto);
    const state = createVersionedState(kv, {
      ...stateOpts,
      ...(deps.config["storage.statePruningEnabled"]
        ? { keepVersions: deps.config["storage.statePruningRetainedBlocks"] }
        : {}),
    });
    const root = await openChainRoot(
      { kv, state, log },
      { snapshotFile: deps.paths.snapshot, expectedGenesisHash: deps.config["genesis.hash"] },
    );
    const profile = withProfileOverrides(profileForChain(root.chainId), {
      maxTxsPerBlock: deps.config["consensus.maxTxsPerBlock"],
    });
    return {
      kv,
      crypto,
      state,
      stateOptions: stateOpts,
      db: createStateDatabase(state),
      root,
      txIndex: createTxIndex(kv),
      profile,
    };
  } catch (e) {
    await kv.close();
    throw e;
  }
}
