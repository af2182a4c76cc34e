/**
 * The `ChainQuery` facade (apps/node/src/rpc/chainQuery.ts) over the node's stores. Reads work
 * today; transaction submission, the contract dry run and snapshot backups answer with a
 * Result error until the ledger's block execution, mempool and consensus engine are composed in.
 */
import { type Address, err, type Hash, ZERO_HASH } from "@theta/core-types";
import {
  blsPopProve,
  blsPublicKey,
  blsSecretKeyFromPrivateKey,
  defaultCrypto,
  type ThetaCrypto,
} from "@theta/crypto";
import type { BlockRef, ChainQuery, GcpAtBlock, PoolsAtHeight, VcpAtBlock } from "../rpc/chainQuery.ts";
import type { ChainBlockStore } from "../store/blockStore.ts";
import type { TxIndex } from "../store/txIndex.ts";
import type { ChainReader } from "./chainReader.ts";

/** Stable codes of what this chain cannot do yet. */
export const ChainQueryErrorCode = { NotWired: "NODE_CHAIN_NOT_WIRED" } as const;

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
}

const NOT_WIRED =
  "this node does not accept transactions yet: block execution, the mempool and the consensus engine are not composed in";

/** Creates the facade. */
export function createChainQuery(deps: ChainQueryDeps): ChainQuery {
  const { blocks, txIndex, reader } = deps;
  const crypto = deps.crypto ?? defaultCrypto;
  const nodeAddress: Address = crypto.privateKeyToAddress(deps.nodePrivateKey);
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
    async status() {
      const fin = await blocks.lastFinalized();
      const latest = fin === undefined ? undefined : await refOf(fin.hash);
      return {
        nodeAddress,
        chainId: deps.chainId,
        peerId: "",
        latestFinalized: latest,
        currentEpoch: latest?.epoch ?? 0n,
        currentHeight: latest?.height ?? 0n,
        currentHash: latest?.hash ?? ZERO_HASH,
        currentTime: deps.nowSeconds(),
        syncing: false,
        tipHash: latest?.hash ?? ZERO_HASH,
        genesisHash: deps.genesisHash,
        snapshotHeight: deps.root.height,
        snapshotHash: deps.root.hash,
        latestGuardianFinalized: undefined,
      };
    },
    async account(address, at) {
      const r = await reader.stateAt(at);
      return r.kind === "found" ? { kind: "found", value: await r.value.getAccount(address) } : r;
    },
    async splitRule(resourceId) {
      return (await reader.latestState()).getSplitRule(resourceId);
    },
    async transaction(hash) {
      const loc = await txIndex.locate(hash);
      if (loc === undefined) return undefined;
      const block = await reader.storedBlock(loc.blockHash);
      const tx = block?.txs[loc.index];
      return block === undefined || tx === undefined ? undefined : { block, tx };
    },
    mempoolTxStatus: async () => undefined,
    pendingTxHashes: async () => [],
    blockByHash: (hash) => reader.storedBlock(hash),
    async blocksAtHeight(height) {
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
      const sk = blsSecretKeyFromPrivateKey(deps.nodePrivateKey);
      const pop = blsPopProve(sk).bytes;
      return {
        address: nodeAddress,
        blsPubkey: blsPublicKey(sk).bytes,
        blsPop: pop,
        signature: crypto.sign(pop, deps.nodePrivateKey),
      };
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
    peers: async () => [],
    peerUrls: async () => [],
    broadcastTx: async () => err(ChainQueryErrorCode.NotWired, NOT_WIRED),
    broadcastEthTx: async () => err(ChainQueryErrorCode.NotWired, NOT_WIRED),
    callContract: async () => err(ChainQueryErrorCode.NotWired, NOT_WIRED),
    backupSnapshot: async () =>
      err(ChainQueryErrorCode.NotWired, "snapshot backups are not available in this node yet"),
  };
}
