/**
 * The Ethereum API's `EthChain` over the composed node: the finalized head and heights from the
 * block store, the engine's tip, the mempool's pending txs, dry runs on any stored block's state
 * and the EVM chain id and gas limits of the profile at the next height.
 */
import {
  type ChainProfile,
  encodeTx,
  type Hash,
  mapChainId,
  maxGasLimit,
  minGasPrice,
} from "@theta/core-types";
import type { ThetaCrypto } from "@theta/crypto";
import type { ChainQuery } from "../rpc/chainQuery.ts";
import type { ChainEvents, EthChain } from "../rpc/eth/ethChain.ts";
import type { ChainBlockStore } from "../store/blockStore.ts";
import type { LiveChain } from "./liveChain.ts";

/** What the view reads from. */
export interface EthChainViewDeps {
  readonly query: ChainQuery;
  readonly events: ChainEvents;
  readonly blocks: ChainBlockStore;
  readonly live: LiveChain;
  readonly profile: ChainProfile;
  readonly crypto: ThetaCrypto;
  readonly rootHeight: bigint;
  readonly clientVersion: string;
  readonly peerCount: () => number;
  /** The log index (the tx index's `blockLogs`). */
  readonly blockLogs: EthChain["blockLogs"];
}

/** Creates the view. */
export function createEthChainView(deps: EthChainViewDeps): EthChain {
  const { blocks, profile, live, query } = deps;
  // The last finalized block as the live chain saw it finalize (no store read), else the store's.
  const finalizedHead = async (): Promise<{ hash: Hash; height: bigint } | undefined> => {
    const known = live.finalizedHead();
    if (known !== undefined) return { hash: known.hash, height: known.header.height };
    const fin = await blocks.lastFinalized();
    return fin === undefined ? undefined : { hash: fin.hash, height: fin.height };
  };
  const nextHeight = async (): Promise<bigint> => ((await finalizedHead())?.height ?? deps.rootHeight) + 1n;
  const heights = {
    rpcCompatibility: profile.heights.rpcCompatibility,
    metachain: profile.heights.enableMetachainSupport,
  };
  return {
    query,
    events: deps.events,
    clientVersion: deps.clientVersion,
    keccak256: deps.crypto.keccak256,
    evmChainId: async () => mapChainId(profile.chainId, await nextHeight(), heights, deps.crypto.keccak256),
    minGasPrice: async () => minGasPrice(profile, await nextHeight()),
    maxGasLimit: async () => maxGasLimit(profile, await nextHeight()),
    earliestHeight: () => deps.rootHeight,
    finalizedHead,
    finalizedHashAt: (height) => blocks.finalizedAt(height),
    async pendingTx(hash) {
      const p = live.pendingTx(hash);
      if (p === undefined) return undefined;
      return {
        raw: p.raw,
        tx: p.tx,
        hash: p.hash,
        ethTxHash: p.ethHash ?? new Uint8Array(32),
        receipt: undefined,
        balanceChanges: undefined,
      };
    },
    async tip() {
      const s = live.engineStatus();
      return s === undefined ? undefined : query.blockByHash(s.tipHash);
    },
    dryRun: (tx, parentHash) => live.dryRun(encodeTx(tx), parentHash),
    peerCount: deps.peerCount,
    blockLogs: deps.blockLogs,
  };
}
