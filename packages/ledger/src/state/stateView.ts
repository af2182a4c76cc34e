/**
 * The ledger state in Theta's key layout (docs/ledger.md §9.2): typed reads and writes of accounts,
 * split rules, the candidate pools, EEN records, stake-return lists, reward distributions,
 * contract code and contract storage, over a `StateTrie` port.
 */
import {
  type Account,
  type Address,
  bytesToHex,
  decodeAccount,
  decodeEliteEdgeNode,
  decodeGcp,
  decodeHeightList,
  decodeRawBigInt,
  decodeRewardDistribution,
  decodeSplitRule,
  decodeStakeWithHolders,
  decodeVcp,
  type EliteEdgeNode,
  EMPTY_CODE_HASH,
  encodeAccount,
  encodeEliteEdgeNode,
  encodeGcp,
  encodeHeightList,
  encodeRawBigInt,
  encodeRewardDistribution,
  encodeSplitRule,
  encodeStakeWithHolders,
  encodeVcp,
  equalBytes,
  type GuardianCandidatePool,
  type Hash,
  type RewardDistribution,
  SELF_DESTRUCT_CODE_HASH,
  type SplitRule,
  type StakeWithHolder,
  StateKey,
  ThetaError,
  type ValidatorCandidatePool,
} from "@theta/core-types";
import type { StateTrie, TrieDatabase } from "../ports.ts";
import { StateErrorCode } from "./errors.ts";
import { decodeStorageWord, encodeStorageWord } from "./storageWord.ts";

const EMPTY = new Uint8Array(0);

/** Typed access to one version of the ledger state. All writes go to the underlying trie. */
export interface StateView {
  /** The trie this view reads and writes. */
  readonly trie: StateTrie;
  /** An account; undefined when absent. */
  getAccount(address: Address): Promise<Account | undefined>;
  /** Writes an account under its address. */
  setAccount(account: Account): Promise<void>;
  /** Removes an account. */
  deleteAccount(address: Address): Promise<void>;
  /** A resource's split rule; undefined when absent. */
  getSplitRule(resourceId: string): Promise<SplitRule | undefined>;
  /** Writes a split rule under its resource id. */
  setSplitRule(rule: SplitRule): Promise<void>;
  /** Removes a resource's split rule. */
  deleteSplitRule(resourceId: string): Promise<void>;
  /** Every split rule in the state (any order). */
  listSplitRules(): Promise<SplitRule[]>;
  /** The VCP; an empty pool when the key is absent. */
  getVcp(): Promise<ValidatorCandidatePool>;
  /** Writes the VCP. */
  setVcp(pool: ValidatorCandidatePool): Promise<void>;
  /** The GCP, or undefined before the guardian fork wrote one. */
  getGcp(): Promise<GuardianCandidatePool | undefined>;
  /** Writes the GCP. */
  setGcp(pool: GuardianCandidatePool): Promise<void>;
  /** An elite edge node record; undefined when absent. */
  getEliteEdgeNode(address: Address): Promise<EliteEdgeNode | undefined>;
  /** Writes an elite edge node record under its holder address. */
  setEliteEdgeNode(node: EliteEdgeNode): Promise<void>;
  /** Removes an elite edge node record. */
  deleteEliteEdgeNode(address: Address): Promise<void>;
  /** `ls/eentas`; 0 when absent. */
  getEenTotalActiveStake(): Promise<bigint>;
  /** Writes `ls/eentas`. */
  setEenTotalActiveStake(value: bigint): Promise<void>;
  /** The EEN stakes returning at `height` (`ls/eensrk/<height>`); empty when absent. */
  getEenStakeReturns(height: bigint): Promise<StakeWithHolder[]>;
  /** Writes the EEN stakes returning at `height`. */
  setEenStakeReturns(height: bigint, list: readonly StakeWithHolder[]): Promise<void>;
  /** Removes the EEN stake-return list of `height`. */
  deleteEenStakeReturns(height: bigint): Promise<void>;
  /** A stake holder's reward distribution; undefined when absent. */
  getRewardDistribution(holder: Address): Promise<RewardDistribution | undefined>;
  /** Writes a reward distribution under its stake holder. */
  setRewardDistribution(rule: RewardDistribution): Promise<void>;
  /** Removes a stake holder's reward distribution. */
  deleteRewardDistribution(holder: Address): Promise<void>;
  /** `ls/sthl`; empty when absent. */
  getStakeTransactionHeightList(): Promise<bigint[]>;
  /** Writes `ls/sthl`. */
  setStakeTransactionHeightList(heights: readonly bigint[]): Promise<void>;
  /** Contract code; undefined for the empty-code hash and the self-destruct sentinel. */
  getCode(codeHash: Hash): Promise<Uint8Array | undefined>;
  /** Stores contract code under its hash. */
  setCode(codeHash: Hash, code: Uint8Array): Promise<void>;
  /** A contract storage word (32 bytes; all zero when unset) of an existing account. */
  getStorage(address: Address, slot: Uint8Array): Promise<Uint8Array>;
  /**
   * Writes a storage word and stores the new storage root in the account (docs/ledger.md §9.4);
   * the zero word deletes the slot. The account must exist.
   */
  setStorage(address: Address, slot: Uint8Array, word: Uint8Array): Promise<void>;
  /** The state root including all writes so far. */
  root(): Promise<Hash>;
  /** Persists the writes and returns the root. */
  commit(): Promise<Hash>;
  /** An independent view at the current root (writes to it do not affect this one). */
  copy(): Promise<StateView>;
}

/** Dependencies of a state view. */
export interface StateViewDeps {
  /** The node database; contract storage tries are opened from it. */
  readonly db: TrieDatabase;
}

/** Opens a state view at `root` (the empty-trie root or the zero hash for an empty state). */
export async function openStateView(deps: StateViewDeps, root: Hash): Promise<StateView> {
  return createStateView(deps, await deps.db.openTrie(root));
}

/** Wraps an already opened trie in a state view. */
export function createStateView(deps: StateViewDeps, trie: StateTrie): StateView {
  const read = async <T>(key: Uint8Array, decode: (b: Uint8Array) => T): Promise<T | undefined> => {
    const v = await trie.get(key);
    return v === undefined || v.length === 0 ? undefined : decode(v);
  };
  const view: StateView = {
    trie,
    getAccount: (a) => read(StateKey.account(a), decodeAccount),
    setAccount: (acc) => trie.put(StateKey.account(acc.address), encodeAccount(acc)),
    deleteAccount: (a) => trie.delete(StateKey.account(a)),
    getSplitRule: (id) => read(StateKey.splitRule(id), decodeSplitRule),
    setSplitRule: (r) => trie.put(StateKey.splitRule(r.resourceId), encodeSplitRule(r)),
    deleteSplitRule: (id) => trie.delete(StateKey.splitRule(id)),
    listSplitRules: async () => {
      const out: SplitRule[] = [];
      for await (const [, v] of trie.entries(StateKey.splitRule(""))) out.push(decodeSplitRule(v));
      return out;
    },
    getVcp: async () => (await read(StateKey.vcp(), decodeVcp)) ?? { sortedCandidates: [] },
    setVcp: (p) => trie.put(StateKey.vcp(), encodeVcp(p)),
    getGcp: () => read(StateKey.gcp(), decodeGcp),
    setGcp: (p) => trie.put(StateKey.gcp(), encodeGcp(p)),
    getEliteEdgeNode: (a) => read(StateKey.eliteEdgeNode(a), decodeEliteEdgeNode),
    setEliteEdgeNode: (n) => trie.put(StateKey.eliteEdgeNode(n.holder), encodeEliteEdgeNode(n)),
    deleteEliteEdgeNode: (a) => trie.delete(StateKey.eliteEdgeNode(a)),
    getEenTotalActiveStake: async () =>
      decodeRawBigInt((await trie.get(StateKey.eliteEdgeNodeTotalActiveStake())) ?? EMPTY),
    setEenTotalActiveStake: (v) => trie.put(StateKey.eliteEdgeNodeTotalActiveStake(), encodeRawBigInt(v)),
    getEenStakeReturns: async (h) =>
      (await read(StateKey.eliteEdgeNodeStakeReturns(h), decodeStakeWithHolders)) ?? [],
    setEenStakeReturns: (h, list) =>
      trie.put(StateKey.eliteEdgeNodeStakeReturns(h), encodeStakeWithHolders(list)),
    deleteEenStakeReturns: (h) => trie.delete(StateKey.eliteEdgeNodeStakeReturns(h)),
    getRewardDistribution: (a) => read(StateKey.rewardDistribution(a), decodeRewardDistribution),
    setRewardDistribution: (r) =>
      trie.put(StateKey.rewardDistribution(r.stakeHolder), encodeRewardDistribution(r)),
    deleteRewardDistribution: (a) => trie.delete(StateKey.rewardDistribution(a)),
    getStakeTransactionHeightList: async () =>
      (await read(StateKey.stakeTransactionHeightList(), decodeHeightList)) ?? [],
    setStakeTransactionHeightList: (hs) =>
      trie.put(StateKey.stakeTransactionHeightList(), encodeHeightList(hs)),
    getCode: async (h) => {
      if (equalBytes(h, EMPTY_CODE_HASH) || equalBytes(h, SELF_DESTRUCT_CODE_HASH)) return undefined;
      return read(StateKey.code(h), (b) => b);
    },
    setCode: (h, code) => trie.put(StateKey.code(h), code),
    getStorage: async (address, slot) => {
      const acc = await view.getAccount(address);
      if (acc === undefined) return new Uint8Array(32);
      const storage = await deps.db.openTrie(acc.root);
      const v = await storage.get(slot);
      return v === undefined ? new Uint8Array(32) : decodeStorageWord(v);
    },
    setStorage: async (address, slot, word) => {
      const acc = await view.getAccount(address);
      if (acc === undefined) throw missingAccount(address);
      const storage = await deps.db.openTrie(acc.root);
      await storage.put(slot, encodeStorageWord(word));
      const root = await storage.commit();
      await view.setAccount({ ...acc, root });
    },
    root: () => trie.root(),
    commit: () => trie.commit(),
    copy: async () => createStateView(deps, await trie.copy()),
  };
  return view;
}

function missingAccount(address: Address): ThetaError {
  const hex = `0x${bytesToHex(address)}`;
  return new ThetaError(
    StateErrorCode.MissingAccount,
    `storage write: account ${hex} does not exist (expected an existing contract account)`,
    { details: { address: hex } },
  );
}
