/**
 * The facade the JSON-RPC layer reads the chain through. The composition root implements it
 * over the ledger, block store, tx index, mempool, consensus and network; the RPC methods only
 * turn its plain values (bigint, Uint8Array, core-types structures) into the reference's JSON.
 *
 * Rules every implementation follows:
 * - Reads never throw for "not there": absence and unavailable history are values below.
 *   A thrown error becomes JSON-RPC -32000 with the error's message.
 * - Protocol rejections (mempool, dry run, backup) are `Result` values whose `message` is the
 *   text the reference node would send (docs/interfaces.md §1.4), e.g.
 *   `ValidateInputAdvanced: Got 3, expected 2. (acc.seq=1)`; the RPC sends it verbatim.
 */
import type {
  Account,
  Address,
  BlockHeader,
  ExtendedBlock,
  GuardianCandidatePool,
  Hash,
  Result,
  SmartContractTx,
  SplitRule,
  Tx,
  ValidatorCandidatePool,
} from "@theta/core-types";
import type { ChainQueryExtras } from "./chainQueryExtras.ts";

/** A block identified by hash with its height, epoch and timestamp. */
export interface BlockRef {
  readonly hash: Hash;
  readonly height: bigint;
  readonly epoch: bigint;
  /** Unix seconds from the header. */
  readonly timestamp: bigint;
}

/** What `theta.GetStatus` reports (docs/interfaces.md §1.4 method 10). */
export interface ChainStatus {
  /** The node's account address (printed EIP-55). */
  readonly nodeAddress: Address;
  readonly chainId: string;
  /** libp2p peer id, or "" when the node has no network. */
  readonly peerId: string;
  /** The last finalized block; undefined before any block is finalized. */
  readonly latestFinalized: BlockRef | undefined;
  readonly currentEpoch: bigint;
  /** (highest height among the current epoch's votes) − 1, 0 without votes. */
  readonly currentHeight: bigint;
  /** Block of that highest vote; the zero hash without votes. */
  readonly currentHash: Hash;
  /** Now, unix seconds (the chain owns the clock). */
  readonly currentTime: bigint;
  /** True while the node has not caught up with its peers. */
  readonly syncing: boolean;
  /** The highest height the node has seen validators name (its tip's height when nothing higher). */
  readonly highestSeenHeight: bigint;
  /** Tip of the longest valid branch; the zero hash when unknown. */
  readonly tipHash: Hash;
  /** The genesis block hash (the mainnet constant on mainnet, else config `genesis.hash`). */
  readonly genesisHash: Hash;
  /** Root block the node started from (genesis or the imported snapshot's block). */
  readonly snapshotHeight: bigint;
  readonly snapshotHash: Hash;
  /**
   * The last checkpoint whose guardian aggregate carries more than 2/3 of guardian stake
   * docs/decisions.md §5); undefined when none yet. Reported as extra GetStatus members.
   */
  readonly latestGuardianFinalized: BlockRef | undefined;
}

/**
 * Which state a read uses. `latest`: the last finalized block's state (`preview`: the screened
 * view, finalized state plus the mempool's accepted txs). `height`: the state root of the
 * first *finalized* block stored at that height.
 */
export type StateAt =
  | { readonly kind: "latest"; readonly preview: boolean }
  | { readonly kind: "height"; readonly height: bigint };

/**
 * Outcome of a read at a height. `noBlocks`: no block stored at that height; `notFinalized`:
 * blocks exist but none is finalized; `pruned`: the finalized block's state root is gone.
 * A `latest` read is always `found`.
 */
export type StateRead<T> =
  | { readonly kind: "found"; readonly value: T }
  | { readonly kind: "noBlocks" }
  | { readonly kind: "notFinalized" }
  | { readonly kind: "pruned" };

/** One EVM log of a receipt. */
export interface ReceiptLog {
  readonly address: Address;
  readonly topics: readonly Hash[];
  readonly data: Uint8Array;
}

/** The stored receipt of a SmartContractTx execution (Go `TxReceiptEntry`). */
export interface TxReceipt {
  /** keccak256 of the raw tx. */
  readonly txHash: Hash;
  readonly logs: readonly ReceiptLog[];
  readonly evmReturn: Uint8Array;
  readonly contractAddress: Address;
  readonly gasUsed: bigint;
  /** "" on success. */
  readonly evmError: string;
}

/** Token of a balance change: 0 THETA, 1 TFuel. */
export type TokenType = 0 | 1;

/** One account's balance movement caused by a tx. */
export interface BalanceChange {
  readonly address: Address;
  readonly tokenType: TokenType;
  readonly isNegative: boolean;
  /** Magnitude of the change, in wei. */
  readonly delta: bigint;
}

/** The stored balance changes of a tx (Go `TxBalanceChangesEntry`). */
export interface TxBalanceChanges {
  readonly txHash: Hash;
  readonly balanceChanges: readonly BalanceChange[];
  readonly evmReturn: Uint8Array;
  readonly contractAddress: Address;
  readonly gasUsed: bigint;
  readonly evmError: string;
}

/** One transaction of a stored block, decoded, with what the chain recorded for it. */
export interface BlockTx {
  readonly raw: Uint8Array;
  readonly tx: Tx;
  /** keccak256(raw). */
  readonly hash: Hash;
  /** The Ethereum-form hash of a SmartContractTx; the zero hash for other txs. */
  readonly ethTxHash: Hash;
  readonly receipt: TxReceipt | undefined;
  readonly balanceChanges: TxBalanceChanges | undefined;
}

/** A stored block with its local status, children, hash and decoded transactions. */
export interface StoredBlock {
  readonly hash: Hash;
  /** Header, raw txs, children, status. */
  readonly block: ExtendedBlock;
  /** The block's txs in order, decoded (same order as `block.block.txs`). */
  readonly txs: readonly BlockTx[];
}

/**
 * A transaction found through the tx index (by its hash, or by its Ethereum hash for a
 * SmartContractTx), with the block that holds it.
 */
export interface IndexedTx {
  readonly block: StoredBlock;
  /** The tx inside `block.txs`. */
  readonly tx: BlockTx;
}

/** The mempool bookkeeper's status of a tx that is not in a stored block. */
export type MempoolTxStatus = "pending" | "abandoned";

/** One block hash with the validator candidate pool in its state. */
export interface VcpAtBlock {
  readonly blockHash: Hash;
  readonly vcp: ValidatorCandidatePool;
  /** Heights of stake-changing txs kept in state; undefined when the state has none. */
  readonly heightList: readonly bigint[] | undefined;
}

/** One block hash with the guardian candidate pool in its state. */
export interface GcpAtBlock {
  readonly blockHash: Hash;
  /** Undefined when the state holds no GCP (before the guardian fork). */
  readonly gcp: GuardianCandidatePool | undefined;
}

/**
 * Pools at a height: one entry per stored block at that height (any status), or `pruned` when
 * one of those blocks' state is gone.
 */
export type PoolsAtHeight<T> =
  | { readonly kind: "found"; readonly pools: readonly T[] }
  | { readonly kind: "pruned" };

/** The node's guardian credentials (`theta.GetGuardianInfo`). */
export interface GuardianInfo {
  readonly address: Address;
  /** 48-byte compressed G1 BLS public key. */
  readonly blsPubkey: Uint8Array;
  /** 96-byte proof of possession. */
  readonly blsPop: Uint8Array;
  /** The node's 65-byte secp256k1 signature over `blsPop`. */
  readonly signature: Uint8Array;
}

/**
 * How a broadcast returns: `async` right after the mempool accepted the tx; `sync` once the
 * block holding it is finalized (the chain gives up with the reference's
 * `Timed out waiting for transaction to be included` after its timeout, or when `signal`
 * aborts because the client left).
 */
export type BroadcastMode = { readonly wait: false } | { readonly wait: true; readonly signal: AbortSignal };

/** A tx accepted into the mempool (and, for `sync`, finalized in `block`). */
export interface Broadcasted {
  /** keccak256 of the Theta raw tx. */
  readonly hash: Hash;
  /** Header of the finalized block holding the tx (sync mode only). */
  readonly block: BlockHeader | undefined;
}

/** An Ethereum tx translated to a SmartContractTx and accepted. */
export interface EthBroadcasted extends Broadcasted {
  /** keccak256 of the Ethereum tx bytes as submitted. */
  readonly ethHash: Hash;
}

/** The dry-run result of `theta.CallSmartContract` (docs/interfaces.md §7.4). */
export interface ContractCallResult {
  /** Returned bytes; for a create, the deployed runtime code. */
  readonly vmReturn: Uint8Array;
  /** New contract for a create (zero if the create aborted early), else the callee. */
  readonly contractAddress: Address;
  readonly gasUsed: bigint;
  /** "" on success. */
  readonly vmError: string;
}

/** Arguments of `theta.BackupSnapshot`. */
export interface BackupSnapshotRequest {
  /** The config directory; the file goes under `<configDir>/backup/snapshot/`. */
  readonly configDir: string;
  /** Height to export; 0 means the latest finalized. */
  readonly height: bigint;
  /** Snapshot format version: 2, 3 or 4. */
  readonly version: 2 | 3 | 4;
}

/** Everything the `theta.*` JSON-RPC methods need from the running chain (with chainQueryExtras.ts). */
export interface ChainQuery extends ChainQueryExtras {
  /** Consensus and sync summary. */
  status(): Promise<ChainStatus>;
  /**
   * The account at `at`; `value` undefined when the state has no such account. For `latest`
   * the chain has already applied the "release expired reserved funds" rule for the view's
   * height (without persisting it).
   */
  account(address: Address, at: StateAt): Promise<StateRead<Account | undefined>>;
  /** The split rule of `resourceId` in the delivered view, or undefined. */
  splitRule(resourceId: string): Promise<SplitRule | undefined>;
  /** Looks `hash` up in the tx index (Theta hash, or Ethereum hash of a SmartContractTx). */
  transaction(hash: Hash): Promise<IndexedTx | undefined>;
  /** The mempool bookkeeper's view of a tx hash that is not in a stored block. */
  mempoolTxStatus(hash: Hash): Promise<MempoolTxStatus | undefined>;
  /** Hashes of the mempool's candidate txs, in mempool order. */
  pendingTxHashes(): Promise<readonly Hash[]>;
  /** A stored block by hash (any status). */
  blockByHash(hash: Hash): Promise<StoredBlock | undefined>;
  /** Every stored block at `height`, any status, in block-store order. */
  blocksAtHeight(height: bigint): Promise<readonly StoredBlock[]>;
  /** Validator candidate pool of every stored block at `height`. */
  vcpAtHeight(height: bigint): Promise<PoolsAtHeight<VcpAtBlock>>;
  /** Guardian candidate pool of every stored block at `height`. */
  gcpAtHeight(height: bigint): Promise<PoolsAtHeight<GcpAtBlock>>;
  /** The node's guardian key material and proof of possession. */
  guardianInfo(): Promise<GuardianInfo>;
  /** Contract code at `at` (empty when none). `at` never uses `preview`. */
  code(address: Address, at: StateAt): Promise<StateRead<Uint8Array>>;
  /** The 32-byte storage word at `key` (zero when unset). */
  storageAt(address: Address, key: Hash, at: StateAt): Promise<StateRead<Uint8Array>>;
  /** Connected peer ids. */
  peers(skipEdgeNodes: boolean): Promise<readonly string[]>;
  /** Connected peers' dialable URLs (multiaddrs). */
  peerUrls(skipEdgeNodes: boolean): Promise<readonly string[]>;
  /** Validates `raw` (a Theta raw tx), inserts it into the mempool and gossips it. */
  broadcastTx(raw: Uint8Array, mode: BroadcastMode): Promise<Result<Broadcasted>>;
  /** Translates a signed legacy Ethereum tx to a SmartContractTx, then as {@link broadcastTx}. */
  broadcastEthTx(raw: Uint8Array, mode: BroadcastMode): Promise<Result<EthBroadcasted>>;
  /**
   * Dry-runs `tx` on a copy of the delivered view with the latest block as parent; refuses
   * (Result error) only when smart contracts are not enabled yet.
   */
  callContract(tx: SmartContractTx): Promise<Result<ContractCallResult>>;
  /** Writes a snapshot file and returns its path. */
  backupSnapshot(request: BackupSnapshotRequest): Promise<Result<{ readonly snapshotFile: string }>>;
}
