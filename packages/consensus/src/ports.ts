/**
 * Ports through which the consensus engines reach the outside world. Every effect (time, randomness,
 * network, storage, block execution, signing) comes in through one of these interfaces so that the
 * simulation harness can run many nodes in one process on a virtual clock.
 *
 * Wire objects travel as their Theta encodings (`Uint8Array`); the engines decode them with
 * `@theta/core-types`, never with a second encoding of their own.
 */

/** A handle returned by {@link Clock.setTimer}; calling `cancel` is idempotent. */
export interface TimerHandle {
  /** Stops the timer if it has not fired yet. */
  cancel(): void;
}

/** Monotonic time in milliseconds plus one-shot timers; the harness implements it on virtual time. */
export interface Clock {
  /** Current time in milliseconds (virtual in simulation). */
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

/** Logical channels, numbered as the reference numbers them (consensus.md §5.1). */
export const Channel = {
  Header: 2,
  Block: 3,
  Proposal: 4,
  Vote: 6,
  Guardian: 10,
  EliteEdgeNodeVote: 12,
  AggregatedEliteEdgeNodeVotes: 13,
} as const;

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
  /** 96-byte proof of possession. */
  readonly blsPop: Uint8Array;
}

/** Stored blocks, keyed by hash; blocks are kept in their Theta encoding. */
export interface BlockStore {
  /** The encoded block with this hash, or undefined. */
  get(hash: Uint8Array): Uint8Array | undefined;
  /** Stores an encoded block under its hash. */
  put(hash: Uint8Array, encoded: Uint8Array): void;
  /** Marks a block finalized (two-chain rule). */
  markFinalized(hash: Uint8Array): void;
  /** Hash of the last finalized block, if any. */
  lastFinalized(): Uint8Array | undefined;
}

/** Outcome of validating and applying a block. */
export type ApplyOutcome =
  | { readonly ok: true; readonly stateRoot: Uint8Array }
  | { readonly ok: false; readonly reason: string };

/** The ledger as consensus sees it. */
export interface Executor {
  /** Builds the encoded body of a new block on top of `parentHash` from the mempool. */
  propose(parentHash: Uint8Array, height: bigint, epoch: bigint): Uint8Array;
  /** Validates and applies an encoded block on top of its parent. */
  apply(encodedBlock: Uint8Array): ApplyOutcome;
  /** Validator set that votes on children of `blockHash` (consensus.md §4.2). */
  validatorsFor(blockHash: Uint8Array): readonly StakeEntry[];
  /** Guardian candidate pool (with stake) in force at a checkpoint block. */
  guardiansFor(blockHash: Uint8Array): readonly GuardianEntry[];
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

/** The last vote this validator cast, persisted before the vote is sent. */
export interface LastVoteRecord {
  /** Epoch of the vote. */
  readonly epoch: bigint;
  /** Height of the voted block. */
  readonly height: bigint;
  /** Hash of the voted block. */
  readonly blockHash: Uint8Array;
}

/** Persistence of the last vote, so that a restarted validator never votes lower (consensus.md §2.10). */
export interface VoteStore {
  /** The last persisted vote, if any. */
  load(): LastVoteRecord | undefined;
  /** Persists a vote; must complete before the vote is broadcast. */
  save(record: LastVoteRecord): void;
}
