/**
 * The consensus engine's `Executor` port on the ledger and the mempool: proposals reap the
 * mempool and build the body with `proposeBlock`; `apply` checks the TxHash, applies the block
 * on its parent's state with the header's state root expected, persists that state as a new
 * version (so the state of every applied block survives a restart), moves the mempool onto it,
 * and keeps the txs' outcomes until the block is finalized (the tx index is written then).
 *
 * Versions are numbered by application, not by height: blocks of competing branches (or a
 * block proposed again after a restart) share heights, and every applied state must reach the
 * disk, because trie-store drops pending nodes that the committed root does not reach. The
 * pruning window therefore counts applied blocks.
 */
import type {
  ApplyOutcome,
  Executor,
  GuardianEntry,
  GuardianPoolInfo,
  ProposeContext,
  StakeEntry,
} from "@theta/consensus";
import {
  BLOOM_LENGTH,
  type Block,
  type BlockHeader,
  bytesToHex,
  EMPTY_ROOT_HASH,
  encodeGcp,
  equalBytes,
  type Hash,
  type SlashIntent,
  type Tx,
  TxType,
} from "@theta/core-types";
import type { ThetaCrypto } from "@theta/crypto";
import {
  type BlockInfo,
  type Ledger,
  type Mempool,
  type TxOutcome,
  validatorSetFromVcp,
} from "@theta/ledger";
import type { VersionedState } from "@theta/trie-store";
import type { ChainBlockStore } from "../store/blockStore.ts";
import type { IndexedTxEntry } from "../store/txIndex.ts";
import { txTrieRoot } from "./txRoot.ts";

/** What the executor runs on. */
export interface ChainExecutorDeps {
  readonly ledger: Ledger;
  readonly mempool: Mempool;
  readonly blocks: ChainBlockStore;
  readonly state: VersionedState;
  /** Whether a state root is already on disk. */
  readonly hasRoot: (root: Hash) => Promise<boolean>;
  readonly crypto: ThetaCrypto;
  /** Ethereum hashes of txs submitted as Ethereum txs, by Theta tx hash (hex). */
  readonly ethHashes: Map<string, Hash>;
  /** Signs the proposer's coinbase with the node key. */
  readonly signTx: (tx: Tx) => Tx;
}

/** The executor plus the tx-index entries of applied, not yet finalized blocks. */
export interface ChainExecutor extends Executor {
  /** The index entries of block `hash` (empty when it was not applied since the start). */
  indexEntries(hash: Hash): readonly IndexedTxEntry[];
  /** Forgets the outcomes of a finalized block. */
  forget(hash: Hash): void;
}

const STAKE_TYPES: ReadonlySet<number> = new Set([
  TxType.DepositStake,
  TxType.WithdrawStake,
  TxType.DepositStakeV2,
]);

function entriesOf(outcomes: readonly TxOutcome[], ethHashes: Map<string, Hash>): IndexedTxEntry[] {
  return outcomes.map((o) => {
    const ethHash = ethHashes.get(bytesToHex(o.txHash));
    const base = ethHash === undefined ? { hash: o.txHash } : { hash: o.txHash, ethHash };
    return o.receipt === undefined
      ? base
      : {
          ...base,
          receipt: {
            txHash: o.txHash,
            logs: o.receipt.logs,
            evmReturn: o.receipt.evmReturn,
            contractAddress: o.receipt.contractAddress,
            gasUsed: o.receipt.gasUsed,
            evmError: o.receipt.vmError,
          },
        };
  });
}

/** Creates the executor. */
export function createChainExecutor(deps: ChainExecutorDeps): ChainExecutor {
  const { ledger, mempool, blocks, state } = deps;
  const profile = ledger.profile;
  const applied = new Map<string, readonly IndexedTxEntry[]>();
  const slashes = new Map<string, readonly SlashIntent[]>();
  const headerOf = async (hash: Hash): Promise<BlockHeader | undefined> =>
    (await blocks.get(hash))?.block.header;
  const validatorsAt = async (root: Hash): Promise<StakeEntry[]> => {
    const vcp = await (await ledger.view(root)).getVcp();
    return validatorSetFromVcp(vcp, profile.maxValidatorCount).map((v) => ({
      address: v.address,
      stake: v.stake,
    }));
  };
  const infoFor = async (
    parent: BlockHeader,
    height: bigint,
    timestamp: bigint,
    proposer: Uint8Array,
  ): Promise<BlockInfo> => ({
    height,
    timestamp,
    parentTimestamp: parent.timestamp,
    proposer,
    rewards: { validators: await validatorsAt(parent.stateHash) },
  });
  return {
    async propose(parent, height, epoch, ctx: ProposeContext): Promise<Block> {
      const info = await infoFor(parent, height, ctx.timestamp, ctx.proposer);
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
        guardianVotes: height >= profile.headerForks.theta2Height ? ctx.guardianVotes : undefined,
        eliteEdgeNodeVotes: undefined,
        txHash: await txTrieRoot(proposal.txs),
        receiptHash: EMPTY_ROOT_HASH,
        bloom: new Uint8Array(BLOOM_LENGTH),
        stateHash: proposal.stateRoot,
        timestamp: ctx.timestamp,
        proposer: ctx.proposer,
        signature: undefined,
      };
      return { header, txs: proposal.txs };
    },
    async apply(block, hash): Promise<ApplyOutcome> {
      const h = block.header;
      const parent = await headerOf(h.parent);
      if (parent === undefined)
        return { ok: false, reason: `parent 0x${bytesToHex(h.parent)} is not stored` };
      if (!equalBytes(await txTrieRoot(block.txs), h.txHash)) {
        return { ok: false, reason: "header.tx_hash: does not match the block's transactions" };
      }
      const info = await infoFor(parent, h.height, h.timestamp, h.proposer);
      const r = await ledger.applyBlock(parent.stateHash, info, block.txs, {
        expectedStateRoot: h.stateHash,
      });
      if (!r.ok) return { ok: false, reason: r.message };
      if (!(await deps.hasRoot(r.value.stateRoot))) {
        const last = await state.latest();
        await state.commit((last?.height ?? -1n) + 1n, r.value.stateRoot);
      }
      applied.set(bytesToHex(hash), entriesOf(r.value.outcomes, deps.ethHashes));
      if (r.value.slashIntents.length > 0) slashes.set(bytesToHex(hash), r.value.slashIntents);
      await mempool.update(
        r.value.outcomes.map((o) => o.txHash),
        r.value.stateRoot,
        h.height,
      );
      return { ok: true, hasValidatorUpdate: r.value.outcomes.some((o) => STAKE_TYPES.has(o.tx.type)) };
    },
    async validatorsFor(blockHash) {
      const h = await headerOf(blockHash);
      return h === undefined ? [] : validatorsAt(h.stateHash);
    },
    async guardiansFor(blockHash): Promise<GuardianPoolInfo> {
      const h = await headerOf(blockHash);
      const gcp = (h === undefined ? undefined : await (await ledger.view(h.stateHash)).getGcp()) ?? {
        sortedGuardians: [],
      };
      // The pool keeps no proofs of possession; they were checked when each guardian staked.
      const guardians: GuardianEntry[] = gcp.sortedGuardians
        .filter((g) => g.stakes.some((s) => !s.withdrawn))
        .map((g) => ({
          address: g.holder,
          stake: g.stakes.filter((s) => !s.withdrawn).reduce((sum, s) => sum + s.amount, 0n),
          blsPubkey: g.blsPubkey,
          blsPop: new Uint8Array(0),
        }));
      return { gcpHash: deps.crypto.keccak256(encodeGcp(gcp)), guardians };
    },
    indexEntries: (hash) => applied.get(bytesToHex(hash)) ?? [],
    forget(hash) {
      for (const e of applied.get(bytesToHex(hash)) ?? []) deps.ethHashes.delete(bytesToHex(e.hash));
      applied.delete(bytesToHex(hash));
      // A finalized block's children are proposed by now; its intents are no longer needed.
      slashes.delete(bytesToHex(hash));
    },
  };
}
