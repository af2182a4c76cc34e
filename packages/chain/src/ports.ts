/**
 * What the executor needs from its host, declared here so that any host (the node on LevelDB, a test
 * on the memory KvStore) can provide it: the blocks it reads parents from, and a way to give the
 * host's event loop a turn. The tx index is fed through {@link AppliedTxEntry} values the host writes
 * when a block is finalized.
 */
import type { Address, Block, BlockHeader, Hash } from "@theta/core-types";
import type { ContractLog } from "@theta/ledger";

/**
 * The stored blocks, as the executor reads them: a block's hash and the block under a hash. The
 * engine stores each block after `apply` accepted it, so the parent of a block being applied is here.
 */
export interface ExecutorBlockStore {
  /** The block hash of `header` (keccak256 of its RLP in the chain's header layout). */
  hashOf(header: BlockHeader): Hash;
  /** The stored block with this hash (extra fields of the host's record are ignored). */
  get(hash: Hash): Promise<{ readonly block: Block } | undefined>;
}

/**
 * Resolves on a later turn of the host's event loop, after the work already queued (the node uses
 * `setImmediate`; a test may resolve a promise). The preverifier batches what arrives before then.
 */
export type YieldToEventLoop = () => Promise<void>;

/** The receipt of a delivered SmartContractTx, as the tx index stores it. */
export interface AppliedTxReceipt {
  /** keccak256 of the raw tx. */
  readonly txHash: Hash;
  readonly logs: readonly ContractLog[];
  readonly evmReturn: Uint8Array;
  readonly contractAddress: Address;
  readonly gasUsed: bigint;
  /** "" on success. */
  readonly evmError: string;
}

/** One tx of an applied block, as the host's tx index records it once the block is finalized. */
export interface AppliedTxEntry {
  readonly hash: Hash;
  /** The Ethereum-form hash, for a SmartContractTx submitted or derived as an Ethereum tx. */
  readonly ethHash?: Hash;
  readonly receipt?: AppliedTxReceipt;
}
