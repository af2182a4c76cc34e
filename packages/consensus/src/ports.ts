/**
 * Ports through which the consensus engines reach the outside world. Every effect (time, randomness,
 * network, storage, block execution, signing) comes in through one of these interfaces so that the
 * simulation harness can run many nodes in one process on a virtual clock.
 *
 * Wire objects travel as their Theta encodings (`Uint8Array`); the engines decode them with
 * `@theta/core-types`, never with a second encoding of their own.
 */
import type {
  AggregatedEenVotes,
  AggregatedVotes,
  Block,
  BlockHeader,
  CommitCertificate,
} from "@theta/core-types";
import { ChannelId as WireChannelId } from "@theta/core-types";

/** A handle returned by {@link Clock.setTimer}; calling `cancel` is idempotent. */
export interface TimerHandle {
  /** Stops the timer if it has not fired yet. */
  cancel(): void;
}

/** Monotonic time in milliseconds plus one-shot timers; the harness implements it on virtual time. */
export interface Clock {
  /**
   * Current time in milliseconds: Unix epoch milliseconds on a real node (the validator engine derives
   * header timestamps from it), virtual in simulation.
   */
  now(): number;
  /** Calls `cb` once, `ms` milliseconds from now. */
  setTimer(ms: number, cb: () => void): TimerHandle;
}

/** A seedable source of randomness; the same seed always yields the same sequence. */
export interface Random {
  /** A uniform 32-bit unsigned integer. */
  nextU32(): number;
  /** A uniform integer in `[0, bound)`; `bound` must be positive. */
  nextBelow(bound: bigint): bigint;
}

/** Identifies a peer on the network (a libp2p peer id or a simulated node id). */
export type PeerId = string;

/**
 * The channels consensus uses: a narrowing of core-types' `ChannelId` (the one channel enum, numbered as
 * the reference numbers them, docs/consensus.md §5.1), so a core-types channel constant is a valid
 * argument wherever it names one of these.
 */
export const Channel = {
  Header: WireChannelId.Header,
  Block: WireChannelId.Block,
  Proposal: WireChannelId.Proposal,
  Vote: WireChannelId.Vote,
  Guardian: WireChannelId.Guardian,
  EliteEdgeNodeVote: WireChannelId.EliteEdgeNodeVote,
  AggregatedEliteEdgeNodeVotes: WireChannelId.AggregatedEliteEdgeNodeVotes,
} as const satisfies Record<string, WireChannelId>;

/** One of the {@link Channel} numbers. */
export type ChannelId = (typeof Channel)[keyof typeof Channel];

/** A message as it arrives from the network. */
export interface InboundMessage {
  /** Sender. */
  readonly from: PeerId;
  /** Logical channel. */
  readonly channel: ChannelId;
  /** The Theta encoding of the carried object. */
  readonly payload: Uint8Array;
}

/** Broadcast and point-to-point delivery of encoded consensus objects. */
export interface Network {
  /** Sends to every connected peer (gossip). */
  broadcast(channel: ChannelId, payload: Uint8Array): void;
  /** Sends to one peer; silently dropped if the peer is unknown. */
  send(to: PeerId, channel: ChannelId, payload: Uint8Array): void;
  /** Registers the receive callback; returns a function that unsubscribes. */
  subscribe(onMessage: (message: InboundMessage) => void): () => void;
  /** Currently connected peers. */
  peers(): readonly PeerId[];
  /**
   * Optional: a peer sent bad data or kept timing out (the syncer already stopped asking it); a network
   * may disconnect it or lower its score. `reason` is for logs.
   */
  penalise?(peer: PeerId, reason: string): void;
}

/** A validator or guardian entry with its stake (wei). */
export interface StakeEntry {
  /** 20-byte account address. */
  readonly address: Uint8Array;
  /** Stake in wei. */
  readonly stake: bigint;
}

/** A guardian entry: stake plus its BLS public key and proof of possession. */
export interface GuardianEntry extends StakeEntry {
  /** 48-byte compressed BLS public key. */
  readonly blsPubkey: Uint8Array;
  /** 96-byte proof of possession, or empty when the ledger already checked it at staking. */
  readonly blsPop: Uint8Array;
}

/** A guardian pool as the executor reports it. */
export interface GuardianPoolInfo {
  /** keccak256 of the RLP of the whole guardian candidate pool (withdrawn stakes included). */
  readonly gcpHash: Uint8Array;
  /** Guardians with stake, in pool order; a guardian's index here is its signer index. */
  readonly guardians: readonly GuardianEntry[];
}

/**
 * Stored blocks, keyed by hash, kept in their Theta encoding (`encodeBlock`). Asynchronous because the
 * node keeps them in LevelDB. The engine stores every block it validated, so that it can serve them to
 * peers that sync, and restarts from {@link BlockStore.lastFinalized}.
 */
export interface BlockStore {
  /** The encoded block with this hash, or undefined. */
  get(hash: Uint8Array): Promise<Uint8Array | undefined>;
  /** Stores an encoded block under its hash. */
  put(hash: Uint8Array, encoded: Uint8Array): Promise<void>;
  /**
   * Optional: stores a block the engine validated, as decoded, under the hash the engine computed from
   * it (a store that keeps blocks decoded then neither encodes, decodes nor hashes it again); without
   * it the engine calls `put` with the encoding.
   */
  putBlock?(hash: Uint8Array, block: Block): Promise<void>;
  /** Marks a block finalized (two-chain rule); the last one marked is {@link BlockStore.lastFinalized}. */
  markFinalized(hash: Uint8Array): Promise<void>;
  /** Hash of the last finalized block, if any. */
  lastFinalized(): Promise<Uint8Array | undefined>;
}

/**
 * The finalized chain by height, for answering peers' inventory requests (docs/consensus.md §5.3); the node
 * keeps it beside the block store.
 */
export interface ChainIndex {
  /** The hash of the finalized block at `height`, if any. */
  hashAtHeight(height: bigint): Promise<Uint8Array | undefined>;
}

/** Outcome of validating and applying a block on top of its (already applied) parent. */
export type ApplyOutcome =
  | {
      readonly ok: true;
      /** The block executed a validator stake deposit or withdrawal (docs/consensus.md §4.3). */
      readonly hasValidatorUpdate: boolean;
    }
  | { readonly ok: false; readonly reason: string };

/** What the engine decides about a block it asks the executor to build. */
export interface ProposeContext {
  /** The local validator's address (the header's `Proposer`). */
  readonly proposer: Uint8Array;
  /** The header's HCC: the highest committed block and its votes. */
  readonly hcc: CommitCertificate;
  /** The guardian aggregate to put into a checkpoint header (it drives the coinbase rewards). */
  readonly guardianVotes: AggregatedVotes | undefined;
  /**
   * The elite-edge-node aggregate for the last checkpoint, to put into a checkpoint header from the Theta3
   * height on (docs/consensus.md §3.6; the ledger's EEN reward reads it).
   */
  readonly eliteEdgeNodeVotes?: AggregatedEenVotes | undefined;
  /** Unix seconds for the header's timestamp, from the engine's clock. */
  readonly timestamp: bigint;
}

/**
 * The ledger as consensus sees it. Every method is asynchronous because the ledger's state lives in an
 * asynchronous key-value store.
 */
export interface Executor {
  /**
   * Builds a block on `parent` at `height`/`epoch`: reaps the mempool (coinbase first), executes the txs on
   * the parent's state and fills `txs`, `txHash`, `receiptHash`, `bloom` and `stateHash`. The header's
   * other fields come from the arguments and `context`. The returned header is **unsigned**
   * (`signature: undefined`); the engine signs it with its {@link Signer}.
   */
  propose(parent: BlockHeader, height: bigint, epoch: bigint, context: ProposeContext): Promise<Block>;
  /**
   * Validates and applies a block whose parent was applied (TxHash against the txs, every tx, and the
   * resulting state root against `StateHash`). The engine calls it for its own proposals too. `hash` is
   * the block hash the engine computed.
   */
  apply(block: Block, hash: Uint8Array): Promise<ApplyOutcome>;
  /**
   * Optional: told of a block as soon as the engine receives it from a peer, before its turn to be applied
   * (which may come much later, or never: the block may turn out invalid or stay parked), so that work
   * independent of the parent's state can start, e.g. checking the txs' signatures on other threads.
   * Must not change any outcome: `apply` gives the same answer whether or not `prepare` was called.
   */
  prepare?(block: Block): void;
  /**
   * The validator set (top 31 of the candidate pool) in the state **after** block `blockHash`. The engine
   * walks HCC links itself to pick the block whose state decides (docs/consensus.md §4.2).
   */
  validatorsFor(blockHash: Uint8Array): Promise<readonly StakeEntry[]>;
  /**
   * The guardian candidate pool in the state after a checkpoint block: its hash (keccak256 of the RLP
   * of the whole pool) and the guardians with stake, in pool order (`gcp.WithStake()`, docs/consensus.md §3.2).
   */
  guardiansFor(blockHash: Uint8Array): Promise<GuardianPoolInfo>;
}

/** Signing keys of the local node. */
export interface Signer {
  /** 20-byte address of the secp256k1 key. */
  address(): Uint8Array;
  /** 65-byte secp256k1 signature (r ‖ s ‖ v) over the keccak256 of `message`. */
  signSecp256k1(message: Uint8Array): Uint8Array;
  /** 48-byte BLS public key, or undefined if this node is not a guardian. */
  blsPubkey(): Uint8Array | undefined;
  /** 96-byte BLS signature over `message`. */
  signBls(message: Uint8Array): Uint8Array;
}

/**
 * Hashing and signature recovery. `defaultCrypto` from `@theta/crypto` implements it; simulations may
 * pass a cheaper stand-in that pairs with their {@link Signer}.
 */
export interface ConsensusCrypto {
  /** keccak256. */
  keccak256(data: Uint8Array): Uint8Array;
  /** The address whose key made `signature` over keccak256(`message`), or undefined. */
  recoverAddress(message: Uint8Array, signature: Uint8Array): Uint8Array | undefined;
}

/** The last vote this validator cast, persisted before the vote is sent. */
export interface LastVoteRecord {
  /** Epoch of the vote. */
  readonly epoch: bigint;
  /** Height of the voted block. */
  readonly height: bigint;
  /** Hash of the voted block. */
  readonly blockHash: Uint8Array;
}

/** Persistence of the last vote, so that a restarted validator never votes lower (docs/consensus.md §2.10). */
export interface VoteStore {
  /** The last persisted vote, if any. */
  load(): Promise<LastVoteRecord | undefined>;
  /** Persists a vote; the engine waits for it before broadcasting the vote. */
  save(record: LastVoteRecord): Promise<void>;
}
