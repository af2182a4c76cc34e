/**
 * First start: imports the snapshot (genesis) file into the state, checks the genesis hash,
 * and records the snapshot block as the chain's root (trusted, finalized). Later starts find
 * the root on disk and skip all of it. Every step is idempotent, so a crash part-way through
 * is repaired by the next start.
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import {
  type BlockHeader,
  BlockStatus,
  bytesToHex,
  equalBytes,
  type Hash,
  type HeaderForkHeights,
  MAINNET_HEADER_FORKS,
  type SnapshotMetadata,
  ThetaError,
  utf8ToBytes,
} from "@theta/core-types";
import { defaultCrypto } from "@theta/crypto";
import { importSnapshot } from "@theta/ledger";
import type { KvStore, VersionedState } from "@theta/trie-store";
import type { NodeLogger } from "../log/logger.ts";
import { type ChainBlockStore, createBlockStore } from "../store/blockStore.ts";
import { profileForChain } from "./profile.ts";
import { snapshotChainId } from "./snapshotChainId.ts";
import { createStateDatabase } from "./stateDatabase.ts";

/** Stable codes of the genesis step. */
export const GenesisImportErrorCode = {
  NoSnapshot: "NODE_SNAPSHOT_MISSING",
  GenesisMismatch: "NODE_GENESIS_MISMATCH",
  BadSnapshotTail: "NODE_SNAPSHOT_BAD_TAIL",
} as const;

const CHAIN_ID_KEY = utf8ToBytes("C/chain");

/** The chain as found on disk or just imported. */
export interface OpenedChainRoot {
  readonly chainId: string;
  readonly blocks: ChainBlockStore;
  readonly rootHash: Hash;
  readonly rootHeader: BlockHeader;
  /** True when this start imported the snapshot. */
  readonly imported: boolean;
}

/** What the genesis step needs. */
export interface GenesisImportDeps {
  readonly kv: KvStore;
  readonly state: VersionedState;
  readonly log: ReturnType<NodeLogger["forModule"]>;
}

/** Options: the snapshot file and the genesis hash config.yaml expects ("" = not set). */
export interface GenesisImportOptions {
  readonly snapshotFile: string;
  readonly expectedGenesisHash: string;
}

function blockStoreFor(kv: KvStore, chainId: string): ChainBlockStore {
  return createBlockStore({
    kv,
    forks: profileForChain(chainId).headerForks,
    keccak256: defaultCrypto.keccak256,
  });
}

async function* withProgress(
  file: string,
  total: number,
  log: GenesisImportDeps["log"],
): AsyncIterable<Uint8Array> {
  let read = 0;
  let nextReport = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    const bytes = chunk as Buffer;
    read += bytes.length;
    const percent = total === 0 ? 100 : Math.floor((read * 100) / total);
    if (percent >= nextReport) {
      log.info({ file, percent, bytes: read, total }, `importing snapshot: ${percent}%`);
      nextReport = percent + 10;
    }
    yield new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
}

function checkGenesisHash(chainId: string, hash: Hash, expected: string): void {
  const profile = profileForChain(chainId);
  const want = profile.genesisHash ?? expected;
  if (want === "") {
    throw new ThetaError(
      GenesisImportErrorCode.GenesisMismatch,
      `genesis.hash: required in config.yaml for chain ${chainId}; the snapshot's genesis block hash is 0x${bytesToHex(hash)}`,
    );
  }
  if (want.toLowerCase() !== `0x${bytesToHex(hash)}`) {
    throw new ThetaError(
      GenesisImportErrorCode.GenesisMismatch,
      `genesis.hash: config.yaml expects ${want}, but the snapshot's block hash is 0x${bytesToHex(hash)}`,
      { details: { expected: want, actual: `0x${bytesToHex(hash)}` } },
    );
  }
}

/**
 * A snapshot above genesis (a `theta.BackupSnapshot` file) names no genesis block to check; what it
 * carries is the finalized child of the snapshot block, whose commit certificate must name it.
 */
export function checkSnapshotTail(metadata: SnapshotMetadata, hash: Hash): void {
  const child = metadata.tailTrio.third.header;
  if (
    child.height !== metadata.tailTrio.second.header.height + 1n ||
    !equalBytes(child.hcc.blockHash, hash)
  ) {
    throw new ThetaError(
      GenesisImportErrorCode.BadSnapshotTail,
      `--snapshot: the snapshot's tail block at height ${child.height} does not certify its snapshot block 0x${bytesToHex(hash)} (take the backup of a block that has a finalized child)`,
    );
  }
}

/** Opens the chain root, importing the snapshot first when the database has none. */
export async function openChainRoot(
  deps: GenesisImportDeps,
  opts: GenesisImportOptions,
): Promise<OpenedChainRoot> {
  const { kv, state, log } = deps;
  const known = await kv.get(CHAIN_ID_KEY);
  if (known !== undefined) {
    const chainId = new TextDecoder().decode(known);
    const blocks = blockStoreFor(kv, chainId);
    const root = await blocks.root();
    const rootBlock = root === undefined ? undefined : await blocks.get(root.hash);
    if (root !== undefined && rootBlock !== undefined) {
      return { chainId, blocks, rootHash: root.hash, rootHeader: rootBlock.block.header, imported: false };
    }
  }
  const size = await stat(opts.snapshotFile).then(
    (s) => s.size,
    () => {
      throw new ThetaError(
        GenesisImportErrorCode.NoSnapshot,
        `--snapshot: no snapshot file at ${opts.snapshotFile} (the database is empty, so the node needs one)`,
      );
    },
  );
  log.info({ file: opts.snapshotFile, bytes: size }, "importing snapshot (first start)");
  // Snapshots at genesis height carry the 12-field header whatever the chain's fork heights; a
  // backup above genesis carries its chain's (a failed first pass leaves only unreferenced nodes).
  const load = (forks: HeaderForkHeights) =>
    importSnapshot({ db: createStateDatabase(state) }, withProgress(opts.snapshotFile, size, log), { forks });
  const imported = await load(MAINNET_HEADER_FORKS).catch(async (e: unknown) => {
    const chainId = await snapshotChainId(opts.snapshotFile);
    if (chainId === undefined || chainId === "mainnet") throw e;
    return load(profileForChain(chainId).headerForks);
  });
  const header = imported.metadata.tailTrio.second.header;
  const blocks = blockStoreFor(kv, header.chainId);
  const hash = blocks.hashOf(header);
  if (header.height === 0n) checkGenesisHash(header.chainId, hash, opts.expectedGenesisHash);
  else checkSnapshotTail(imported.metadata, hash);
  const committed = await state.rootAt(header.height);
  if (committed === undefined || !equalBytes(committed, header.stateHash)) {
    await state.commit(header.height, header.stateHash);
  }
  await blocks.put({
    block: { header, txs: [] },
    children: [],
    status: BlockStatus.Trusted,
    hasValidatorUpdate: false,
  });
  await blocks.markFinalized(hash, {
    status: BlockStatus.Trusted,
    extraOps: [
      ...blocks.rootOps({ hash, height: header.height }),
      { type: "put", key: CHAIN_ID_KEY, value: utf8ToBytes(header.chainId) },
    ],
  });
  log.info(
    { records: imported.records, height: header.height.toString(), hash: `0x${bytesToHex(hash)}` },
    "snapshot imported",
  );
  return { chainId: header.chainId, blocks, rootHash: hash, rootHeader: header, imported: true };
}
