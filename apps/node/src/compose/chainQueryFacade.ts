/**
 * The `ChainQuery` facade (apps/node/src/rpc/chainQuery.ts) over the node's stores and, when
 * block production runs, the live chain (mempool, engine, dry run). Without a live chain the
 * submission methods answer with a Result error; snapshot backups are not offered yet.
 */
import { type Address, encodeTx, err, type Hash, ok, ThetaError, ZERO_HASH } from "@theta/core-types";
import { defaultCrypto, type ThetaCrypto } from "@theta/crypto";
import { releaseExpiredFunds } from "@theta/micropayment";
import { blsIdentityOf } from "../keys/blsIdentity.ts";
import type { BlockRef, ChainQuery, GcpAtBlock, PoolsAtHeight, VcpAtBlock } from "../rpc/chainQuery.ts";
import type { ChainQueryExtras } from "../rpc/chainQueryExtras.ts";
import type { ChainBlockStore } from "../store/blockStore.ts";
import type { TxIndex } from "../store/txIndex.ts";
import type { ChainReader } from "./chainReader.ts";
import type { LiveChain } from "./liveChain.ts";
import type { SnapshotBackup } from "./snapshotBackup.ts";

/**
 * A node whose tip is more than this many blocks below the highest height validators have named is
 * syncing (in normal operation the next block's votes run one or two ahead of the tip).
 */
export const SYNC_LAG_BLOCKS = 4n;

/** Stable codes of what this chain cannot do yet. */
export const ChainQueryErrorCode = { NotWired: "NODE_CHAIN_NOT_WIRED", Timeout: "NODE_TX_TIMEOUT" } as const;

/** What the facade reads from. */
export interface ChainQueryDeps {
  readonly blocks: ChainBlockStore;
  readonly txIndex: TxIndex;
  readonly reader: ChainReader;
  /** The node's secp256k1 key. */
  readonly nodePrivateKey: Uint8Array;
  readonly chainId: string;
  readonly genesisHash: Hash;
  readonly root: { readonly hash: Hash; readonly height: bigint };
  /** Unix seconds now. */
  readonly nowSeconds: () => bigint;
  readonly crypto?: ThetaCrypto;
  /** Mempool, engine and dry run, once block production is composed in. */
  readonly live?: LiveChain;
  /** Decision 5: the last guardian-finalized checkpoint, when block production runs. */
  readonly guardianFinalized?: () => Hash | undefined;
  /** Snapshot backups (`createSnapshotBackup` in snapshotBackup.ts), when the composition passes one. */
  readonly backup?: SnapshotBackup;
  /** Where a tx of an applied, not yet finalized block sits (the executor's `appliedTx`). */
  readonly appliedTx?: (hash: Hash) => { readonly blockHash: Hash; readonly index: number } | undefined;
  /** Elite edge nodes, reward distributions, stake returns, block links (chainQueryExtras.ts). */
  readonly extras: ChainQueryExtras;
  /** The p2p network, when it runs. */
  readonly peers?: {
    peerId(): string;
    peerIds(): readonly string[];
    peerUrls(): readonly string[];
  };
}

const NOT_WIRED =
  "this node does not accept transactions yet: block execution, the mempool and the consensus engine are not composed in";

/** Stable code of a height below the chain's root (the node started from a snapshot above it). */
export const BlockBelowRootCode = "NODE_BLOCK_BELOW_SNAPSHOT";

/** Creates the facade. */
export function createChainQuery(deps: ChainQueryDeps): ChainQuery {
  const { blocks, txIndex, reader, live, peers } = deps;
  const peerIdOrEmpty = (): string => {
    try {
      return peers?.peerId() ?? "";
    } catch {
      return ""; // not started yet
    }
  };
  const crypto = deps.crypto ?? defaultCrypto;
  const nodeAddress: Address = crypto.privateKeyToAddress(deps.nodePrivateKey);
  const guardianRef = async (): Promise<BlockRef | undefined> => {
    const hash = deps.guardianFinalized?.();
    return hash === undefined ? undefined : refOf(hash);
  };
  const refOf = async (hash: Hash): Promise<BlockRef | undefined> => {
    const b = await blocks.get(hash);
    if (b === undefined) return undefined;
    const h = b.block.header;
    return { hash, height: h.height, epoch: h.epoch, timestamp: h.timestamp };
  };
  async function poolsAt<T>(
    height: bigint,
    read: (hash: Hash, view: Awaited<ReturnType<ChainReader["latestState"]>>) => Promise<T>,
  ): Promise<PoolsAtHeight<T>> {
    const pools: T[] = [];
    for (const hash of await blocks.hashesAtHeight(height)) {
      const view = await reader.stateOfBlock(hash);
      if (view === "pruned") return { kind: "pruned" };
      if (view !== undefined) pools.push(await read(hash, view));
    }
    return { kind: "found", pools };
  }
  return {
    ...deps.extras,
    async status() {
      const fin = await blocks.lastFinalized();
      const latest = fin === undefined ? undefined : await refOf(fin.hash);
      const engine = live?.engineStatus();
      return {
        nodeAddress,
        chainId: deps.chainId,
        peerId: peerIdOrEmpty(),
        latestFinalized: latest,
        currentEpoch: engine?.epoch ?? latest?.epoch ?? 0n,
        currentHeight: engine?.height ?? latest?.height ?? 0n,
        currentHash: engine?.tipHash ?? latest?.hash ?? ZERO_HASH,
        currentTime: deps.nowSeconds(),
        syncing: engine !== undefined && engine.highestSeenHeight > engine.height + SYNC_LAG_BLOCKS,
        highestSeenHeight: engine?.highestSeenHeight ?? latest?.height ?? 0n,
        tipHash: engine?.tipHash ?? latest?.hash ?? ZERO_HASH,
        genesisHash: deps.genesisHash,
        snapshotHeight: deps.root.height,
        snapshotHash: deps.root.hash,
        latestGuardianFinalized: await guardianRef(),
      };
    },
    async account(address, at) {
      if (at.kind === "latest" && at.preview && live !== undefined) {
        return { kind: "found", value: await live.screenedAccount(address) };
      }
      const r = await reader.stateAt(at);
      if (r.kind !== "found") return r;
      const acc = await r.value.getAccount(address);
      if (at.kind === "height" || acc === undefined) return { kind: "found", value: acc };
      // Latest reads release expired reserved funds for the view's height, as the reference does.
      const height = (await blocks.lastFinalized())?.height ?? deps.root.height;
      return { kind: "found", value: releaseExpiredFunds(acc, height) };
    },
    async splitRule(resourceId) {
      return (await reader.latestState()).getSplitRule(resourceId);
    },
    async transaction(hash) {
      const loc = (await txIndex.locate(hash)) ?? deps.appliedTx?.(hash);
      if (loc === undefined) return undefined;
      const block = await reader.storedBlock(loc.blockHash);
      const tx = block?.txs[loc.index];
      return block === undefined || tx === undefined ? undefined : { block, tx };
    },
    async mempoolTxStatus(hash) {
      if (live === undefined) return undefined;
      if (live.isPending(hash)) return "pending";
      return live.isAbandoned(hash) ? "abandoned" : undefined;
    },
    pendingTxHashes: async () => live?.pendingHashes() ?? [],
    blockByHash: (hash) => reader.storedBlock(hash),
    async blocksAtHeight(height) {
      if (height < deps.root.height) {
        throw new ThetaError(
          BlockBelowRootCode,
          `block at height ${height} is not available (node started from a snapshot at ${deps.root.height})`,
        );
      }
      const out = [];
      for (const h of await blocks.hashesAtHeight(height)) {
        const b = await reader.storedBlock(h);
        if (b !== undefined) out.push(b);
      }
      return out;
    },
    vcpAtHeight: (height) =>
      poolsAt<VcpAtBlock>(height, async (blockHash, view) => {
        const heightList = await view.getStakeTransactionHeightList();
        return {
          blockHash,
          vcp: await view.getVcp(),
          heightList: heightList.length === 0 ? undefined : heightList,
        };
      }),
    gcpAtHeight: (height) =>
      poolsAt<GcpAtBlock>(height, async (blockHash, view) => ({ blockHash, gcp: await view.getGcp() })),
    async guardianInfo() {
      const { blsPubkey, blsPop } = blsIdentityOf(deps.nodePrivateKey);
      return { address: nodeAddress, blsPubkey, blsPop, signature: crypto.sign(blsPop, deps.nodePrivateKey) };
    },
    async code(address, at) {
      const r = await reader.stateAt(at.kind === "latest" ? { kind: "latest", preview: false } : at);
      if (r.kind !== "found") return r;
      const acc = await r.value.getAccount(address);
      const code = acc === undefined ? undefined : await r.value.getCode(acc.codeHash);
      return { kind: "found", value: code ?? new Uint8Array(0) };
    },
    async storageAt(address, key, at) {
      const r = await reader.stateAt(at);
      if (r.kind !== "found") return r;
      const acc = await r.value.getAccount(address);
      return {
        kind: "found",
        value: acc === undefined ? new Uint8Array(32) : await r.value.getStorage(address, key),
      };
    },
    peers: async () => peers?.peerIds() ?? [],
    peerUrls: async () => peers?.peerUrls() ?? [],
    async broadcastTx(raw, mode) {
      if (live === undefined) return err(ChainQueryErrorCode.NotWired, NOT_WIRED);
      const r = await live.submit(raw);
      if (!r.ok) return r;
      if (!mode.wait) return ok({ hash: r.value, block: undefined });
      try {
        return ok({ hash: r.value, block: await live.waitFinalized(r.value, mode.signal) });
      } catch (e) {
        return err(ChainQueryErrorCode.Timeout, (e as Error).message);
      }
    },
    async broadcastEthTx(raw, mode) {
      if (live === undefined) return err(ChainQueryErrorCode.NotWired, NOT_WIRED);
      const r = await live.submitEth(raw);
      if (!r.ok) return r;
      const { hash, ethHash } = r.value;
      if (!mode.wait) return ok({ hash, ethHash, block: undefined });
      try {
        return ok({ hash, ethHash, block: await live.waitFinalized(hash, mode.signal) });
      } catch (e) {
        return err(ChainQueryErrorCode.Timeout, (e as Error).message);
      }
    },
    async callContract(tx) {
      if (live === undefined) return err(ChainQueryErrorCode.NotWired, NOT_WIRED);
      return live.dryRun(encodeTx(tx));
    },
    backupSnapshot: async (request) =>
      deps.backup === undefined
        ? err(ChainQueryErrorCode.NotWired, "snapshot backups are not available in this node yet")
        : deps.backup(request),
  };
}
