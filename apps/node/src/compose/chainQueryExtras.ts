/**
 * The `ChainQueryExtras` part of the facade (apps/node/src/rpc/chainQueryExtras.ts) over the block
 * store and the state reader: elite edge nodes, reward distribution rules and EEN stake returns
 * read from the state trie by key prefix (docs/ledger.md §9.2), block links, and the
 * smart-contract fork height of the profile.
 */
import {
  type Address,
  BlockStatus,
  bytesToUtf8,
  decodeEliteEdgeNode,
  decodeRewardDistribution,
  decodeStakeWithHolders,
  type ExtendedBlock,
  type Hash,
  isFinalizedStatus,
  StateKey,
  utf8ToBytes,
} from "@theta/core-types";
import type { StateView } from "@theta/ledger";
import type { ChainQueryExtras, PendingStakeReturns, SrdrsAtBlock } from "../rpc/chainQueryExtras.ts";
import type { ChainBlockStore } from "../store/blockStore.ts";
import type { ChainReader } from "./chainReader.ts";

/** What the extras read from. */
export interface ChainQueryExtrasDeps {
  readonly blocks: ChainBlockStore;
  readonly reader: ChainReader;
  /** The chain's root height (used when no block is finalized yet). */
  readonly rootHeight: bigint;
  /** The profile's `enableSmartContract` height. */
  readonly enableSmartContractHeight: bigint;
}

const EEN_PREFIX = StateKey.eliteEdgeNode(new Uint8Array(0));
const SRDR_PREFIX = StateKey.rewardDistribution(new Uint8Array(0));
const STAKE_RETURNS_PREFIX = utf8ToBytes("ls/eensrk/");

/** The statuses a best block may have, best last (a finalized block wins outright). */
const CANDIDATE: readonly number[] = [BlockStatus.Pending, BlockStatus.Valid, BlockStatus.Committed];

async function allEens(view: StateView) {
  const out = [];
  for await (const [, v] of view.trie.entries(EEN_PREFIX)) out.push(decodeEliteEdgeNode(v));
  return out;
}

async function allRules(view: StateView) {
  const out = [];
  for await (const [, v] of view.trie.entries(SRDR_PREFIX)) out.push(decodeRewardDistribution(v));
  return out;
}

/** Creates the extras. */
export function createChainQueryExtras(deps: ChainQueryExtrasDeps): ChainQueryExtras {
  const { blocks, reader } = deps;
  /** The reference's FindBestBlockByHeight. */
  const bestBlock = async (height: bigint): Promise<{ hash: Hash; block: ExtendedBlock } | undefined> => {
    let best: { hash: Hash; block: ExtendedBlock } | undefined;
    for (const hash of await blocks.hashesAtHeight(height)) {
      const block = await blocks.get(hash);
      if (block === undefined) continue;
      if (isFinalizedStatus(block.status)) return { hash, block };
      const rank = CANDIDATE.indexOf(block.status);
      if (rank >= 0 && (best === undefined || rank > CANDIDATE.indexOf(best.block.status))) {
        best = { hash, block };
      }
    }
    return best;
  };
  const atBest = async <T>(height: bigint, read: (view: StateView) => Promise<T>) => {
    const best = await bestBlock(height);
    if (best === undefined) return { kind: "noBlock" } as const;
    const view = await reader.stateOfBlock(best.hash);
    if (view === undefined || view === "pruned") return { kind: "pruned" } as const;
    return { kind: "found", blockHash: best.hash, value: await read(view) } as const;
  };
  return {
    eenpAtHeight: (height) => atBest(height, allEens),
    eenAtHeight: (height, holder) => atBest(height, (view) => view.getEliteEdgeNode(holder)),
    async srdrsAtHeight(height, holder: Address | undefined) {
      const pools: SrdrsAtBlock[] = [];
      for (const blockHash of await blocks.hashesAtHeight(height)) {
        const view = await reader.stateOfBlock(blockHash);
        if (view === "pruned") return { kind: "pruned" };
        if (view === undefined) continue;
        const rules =
          holder === undefined ? await allRules(view) : [await view.getRewardDistribution(holder)];
        pools.push({ blockHash, rules });
      }
      return { kind: "found", pools };
    },
    eenStakeReturns: async (height) => (await reader.latestState()).getEenStakeReturns(height),
    async pendingEenStakeReturns() {
      const out: PendingStakeReturns[] = [];
      const view = await reader.latestState();
      for await (const [k, v] of view.trie.entries(STAKE_RETURNS_PREFIX)) {
        out.push({ heightKey: bytesToUtf8(k), returns: v.length === 0 ? [] : decodeStakeWithHolders(v) });
      }
      return out;
    },
    async blockLinks(hash) {
      const b = await blocks.get(hash);
      return b === undefined
        ? undefined
        : { parent: b.block.header.parent, children: b.children, status: b.status };
    },
    async smartContractFork() {
      const fin = await blocks.lastFinalized();
      return {
        nextHeight: (fin?.height ?? deps.rootHeight) + 1n,
        enabledFrom: deps.enableSmartContractHeight,
      };
    },
  };
}
