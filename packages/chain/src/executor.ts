/**
 * The consensus engine's `Executor` port on the ledger and the mempool: proposals reap the
 * mempool and build the body with `proposeBlock`; `apply` checks the TxHash, applies the block
 * on its parent's state with the header's state root expected, persists that state as a new
 * version (so the state of every applied block survives a restart), moves the mempool onto it,
 * and keeps the txs' outcomes until the block is finalized (the tx index is written then).
 *
 * A block this node proposed is not executed again when it comes back to `apply`: the proposal's
 * outcomes and committed root are used (keyed by the header fields that determine them), unless
 * another state commit has dropped the proposal's buffered nodes in between.
 *
 * With a `verifier`, a received block's tx signatures are checked on it from `prepare` on (the engine
 * calls it on arrival, possibly long before the block's turn), and `apply` awaits those checks before
 * executing, so the executors find them in the signature cache (blockPreparer.ts).
 *
 * Versions are numbered by application, not by height: blocks of competing branches (or a
 * block proposed again after a restart) share heights, and every applied state must reach the
 * disk, because trie-store drops pending nodes that the committed root does not reach. The
 * pruning window therefore counts applied blocks.
 */
import type { ApplyOutcome, Executor, GuardianPoolInfo, ProposeContext } from "@theta/consensus";
import {
  BLOOM_LENGTH,
  type Block,
  type BlockHeader,
  bytesToHex,
  EMPTY_ROOT_HASH,
  equalBytes,
  type Hash,
  hexToBytes,
  type SlashIntent,
  type Tx,
  TxType,
} from "@theta/core-types";
import type { SignatureBatchVerifier, ThetaCrypto } from "@theta/crypto";
import type { BlockInfo, DroppedPendingTx, Ledger, Mempool, TxOutcome } from "@theta/ledger";
import type { VersionedState } from "@theta/trie-store";
import { createBlockPreparer } from "./blockPreparer.ts";
import { ExecutorRefusalCode, refusal } from "./errors.ts";
import { entriesOf } from "./indexEntries.ts";
import { createUnfinalizedBlocks } from "./orphans.ts";
import { isOwnProposal, type OwnProposal } from "./ownProposal.ts";
import type { AppliedTxEntry, ExecutorBlockStore } from "./ports.ts";
import { guardiansAt, validatorsAt } from "./stakes.ts";
import { txTrieRoot } from "./txRoot.ts";
import { rewardInfoWithVotes, type VoteRewardInputs } from "./voteRewards.ts";

/** What the executor runs on. */
export interface ChainExecutorDeps {
  readonly ledger: Ledger;
  readonly mempool: Mempool;
  readonly blocks: ExecutorBlockStore;
  readonly state: VersionedState;
  /** Whether a state root is already on disk. */
  readonly hasRoot: (root: Hash) => Promise<boolean>;
  readonly crypto: ThetaCrypto;
  /** Ethereum hashes of txs submitted as Ethereum txs, by Theta tx hash (hex). */
  readonly ethHashes: Map<string, Hash>;
  /** Signs the proposer's coinbase with the node key. */
  readonly signTx: (tx: Tx) => Tx;
  /** Told of the txs the mempool dropped after a block (the RPC reports them `abandoned`). */
  readonly onDropped?: (dropped: readonly DroppedPendingTx[]) => void;
  /**
   * Checks the signatures of executed blocks' txs (worker threads in the node), from `prepare` on, into
   * `crypto`'s signature cache (a crypto from `withSignatureCache`); none: the executors check inline.
   */
  readonly verifier?: SignatureBatchVerifier;
}

/** How `apply` went about its blocks since the start. */
export interface ApplyStats {
  /** Blocks this node built, applied from their proposal's result without executing them again. */
  readonly reused: number;
  /** Blocks applied by executing their txs (another proposer's, or a proposal that could not be reused). */
  readonly executed: number;
}

/** The executor plus the tx-index entries of applied, not yet finalized blocks. */
export interface ChainExecutor extends Executor {
  /** The index entries of block `hash` (empty when it was not applied since the start). */
  indexEntries(hash: Hash): readonly AppliedTxEntry[];
  /**
   * Where a tx of an applied, not yet finalized block sits (by its Theta hash or the Ethereum hash
   * of an Ethereum-signed tx), so that receipts are readable before finalization.
   */
  appliedTx(txHash: Hash): { readonly blockHash: Hash; readonly index: number } | undefined;
  /** Forgets the outcomes of a finalized block. */
  forget(hash: Hash): void;
  /** How many applied blocks reused this node's proposal and how many were executed. */
  applyStats(): ApplyStats;
}

const STAKE_TYPES: ReadonlySet<number> = new Set([
  TxType.DepositStake,
  TxType.WithdrawStake,
  TxType.DepositStakeV2,
]);

/** Headers of recent blocks kept in memory (the store decodes whole blocks). */
const HEADER_CACHE = 512;

/** Creates the executor. */
export function createChainExecutor(deps: ChainExecutorDeps): ChainExecutor {
  const { ledger, mempool, blocks, state } = deps;
  const profile = ledger.profile;
  const applied = new Map<string, readonly AppliedTxEntry[]>();
  /** Tx hash (and Ethereum hash) hex → block hash and position, for applied blocks. */
  const appliedTxs = new Map<string, { readonly blockHash: Hash; readonly index: number }>();
  const slashes = new Map<string, readonly SlashIntent[]>();
  const unfinalized = createUnfinalizedBlocks();
  const preparer =
    deps.verifier === undefined ? undefined : createBlockPreparer(deps.verifier, deps.crypto, profile);
  let own: OwnProposal | undefined;
  let commits = 0;
  let reused = 0;
  let executed = 0;
  // The headers of recent blocks: the parent of the next block, the sets' lookups by hash. The store
  // would decode the whole block (every tx) to give one.
  const headers = new Map<string, BlockHeader>();
  const remember = (key: string, header: BlockHeader): void => {
    headers.set(key, header);
    if (headers.size > HEADER_CACHE) headers.delete(headers.keys().next().value as string);
  };
  const headerOf = async (hash: Hash): Promise<BlockHeader | undefined> => {
    const key = bytesToHex(hash);
    const known = headers.get(key);
    if (known !== undefined) return known;
    const header = (await blocks.get(hash))?.block.header;
    if (header !== undefined) remember(key, header);
    return header;
  };
  const infoFor = async (
    parent: BlockHeader,
    height: bigint,
    timestamp: bigint,
    proposer: Uint8Array,
    votes: Omit<VoteRewardInputs, "headerOf">,
  ): Promise<BlockInfo> => ({
    height,
    timestamp,
    parentTimestamp: parent.timestamp,
    proposer,
    rewards: await rewardInfoWithVotes(ledger, await validatorsAt(ledger, parent.stateHash), {
      ...votes,
      headerOf,
    }),
  });
  /** Forgets what is kept of applied block `hash` (its Ethereum hashes too when `finalized`). */
  const forgetEntries = (hash: Hash, finalized: boolean): void => {
    for (const e of applied.get(bytesToHex(hash)) ?? []) {
      if (finalized) deps.ethHashes.delete(bytesToHex(e.hash));
      for (const key of e.ethHash === undefined ? [e.hash] : [e.hash, e.ethHash]) {
        const at = appliedTxs.get(bytesToHex(key));
        if (at !== undefined && equalBytes(at.blockHash, hash)) appliedTxs.delete(bytesToHex(key));
      }
    }
    applied.delete(bytesToHex(hash));
    // A finalized block's children are proposed by now; its intents are no longer needed.
    slashes.delete(bytesToHex(hash));
  };
  return {
    async propose(parent, height, epoch, ctx: ProposeContext): Promise<Block> {
      const guardianVotes = height >= profile.headerForks.theta2Height ? ctx.guardianVotes : undefined;
      const eenVotes = height >= profile.headerForks.theta3Height ? ctx.eliteEdgeNodeVotes : undefined;
      const info = await infoFor(parent, height, ctx.timestamp, ctx.proposer, { guardianVotes, eenVotes });
      const candidates = mempool.reap(profile.maxTxsPerBlock);
      // Decision 8: the previous block's overspends become this proposer's SlashTxs.
      const slashIntents = slashes.get(bytesToHex(blocks.hashOf(parent))) ?? [];
      const proposal = await ledger.proposeBlock(parent.stateHash, info, candidates, {
        sign: deps.signTx,
        slashIntents,
      });
      const header: BlockHeader = {
        chainId: profile.chainId,
        epoch,
        height,
        parent: blocks.hashOf(parent),
        hcc: ctx.hcc,
        guardianVotes,
        eliteEdgeNodeVotes: eenVotes,
        txHash: txTrieRoot(proposal.txs, deps.crypto.keccak256),
        receiptHash: EMPTY_ROOT_HASH,
        bloom: new Uint8Array(BLOOM_LENGTH),
        stateHash: proposal.stateRoot,
        timestamp: ctx.timestamp,
        proposer: ctx.proposer,
        signature: undefined,
      };
      own = {
        parent: header.parent,
        height,
        timestamp: header.timestamp,
        proposer: header.proposer,
        txHash: header.txHash,
        stateRoot: proposal.stateRoot,
        outcomes: proposal.outcomes,
        slashIntents: proposal.slashIntents,
        commitsBefore: commits,
      };
      return { header, txs: proposal.txs };
    },
    async apply(block, hash): Promise<ApplyOutcome> {
      const h = block.header;
      const parent = await headerOf(h.parent);
      if (parent === undefined)
        return refusal(ExecutorRefusalCode.UnknownParent, `parent 0x${bytesToHex(h.parent)} is not stored`);
      if (!equalBytes(txTrieRoot(block.txs, deps.crypto.keccak256), h.txHash)) {
        return refusal(ExecutorRefusalCode.TxHashMismatch, "header.tx_hash: not the root of the block's txs");
      }
      // The block this node just built (same parent, time, proposer, txs and resulting state): its
      // execution is the proposal's, so the txs are not run again, provided the proposal's nodes
      // are still in the buffer (no state commit since) or its root is already stored.
      const mine = own;
      own = undefined;
      let result: { stateRoot: Hash; outcomes: readonly TxOutcome[]; slashIntents: readonly SlashIntent[] };
      if (
        mine !== undefined &&
        isOwnProposal(mine, h) &&
        (mine.commitsBefore === commits || (await deps.hasRoot(mine.stateRoot)))
      ) {
        result = mine;
        reused++;
        preparer?.applied(h.height);
      } else {
        const info = await infoFor(parent, h.height, h.timestamp, h.proposer, {
          guardianVotes: h.guardianVotes,
          eenVotes: h.eliteEdgeNodeVotes,
        });
        await preparer?.ready(block);
        // The txs this node admitted run as the pool's arrays: decoded, hashed and signature-checked
        // once, at admission, not again for the block's copies.
        const r = await ledger.applyBlock(
          parent.stateHash,
          info,
          block.txs.map((raw) => mempool.pooledRaw(raw)),
          {
            expectedStateRoot: h.stateHash,
          },
        );
        preparer?.applied(h.height);
        if (!r.ok) return refusal(r.code, r.message);
        result = r.value;
        executed++;
      }
      if (!(await deps.hasRoot(result.stateRoot))) {
        const last = await state.latest();
        commits++;
        await state.commit((last?.height ?? -1n) + 1n, result.stateRoot);
      }
      remember(bytesToHex(hash), h);
      const entries = entriesOf(result.outcomes, deps.ethHashes);
      applied.set(bytesToHex(hash), entries);
      unfinalized.applied(bytesToHex(hash), h.height, block.txs);
      entries.forEach((e, index) => {
        appliedTxs.set(bytesToHex(e.hash), { blockHash: hash, index });
        if (e.ethHash !== undefined) appliedTxs.set(bytesToHex(e.ethHash), { blockHash: hash, index });
      });
      if (result.slashIntents.length > 0) slashes.set(bytesToHex(hash), result.slashIntents);
      const dropped = await mempool.update(
        result.outcomes.map((o) => o.txHash),
        result.stateRoot,
        h.height,
      );
      if (dropped.length > 0) deps.onDropped?.(dropped);
      return { ok: true, hasValidatorUpdate: result.outcomes.some((o) => STAKE_TYPES.has(o.tx.type)) };
    },
    prepare(block) {
      preparer?.prepare(block);
    },
    async validatorsFor(blockHash) {
      const h = await headerOf(blockHash);
      return h === undefined ? [] : validatorsAt(ledger, h.stateHash);
    },
    async guardiansFor(blockHash): Promise<GuardianPoolInfo> {
      return guardiansAt(ledger, deps.crypto.keccak256, (await headerOf(blockHash))?.stateHash);
    },
    applyStats: () => ({ reused, executed }),
    indexEntries: (hash) => applied.get(bytesToHex(hash)) ?? [],
    appliedTx: (txHash) => appliedTxs.get(bytesToHex(txHash)),
    forget(hash) {
      forgetEntries(hash, true);
      // A losing branch's txs go back to the mempool (screening refuses those the chain holds).
      for (const orphan of unfinalized.finalized(bytesToHex(hash))) {
        forgetEntries(hexToBytes(orphan.key), false);
        for (const raw of orphan.txs) void mempool.add(raw).catch(() => undefined);
      }
    },
  };
}
