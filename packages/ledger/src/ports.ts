/**
 * Ports of the ledger: the state trie it reads and writes. The ledger never touches storage
 * directly; an adapter (trie-store, or an in-memory trie in tests) implements these.
 */
import type { Address, Hash } from "@theta/core-types";
import type { StateView } from "./state/stateView.ts";

/**
 * The state trie and its node database: a Merkle-Patricia trie in go-ethereum node encoding with
 * raw (not hashed) keys (docs/ledger.md §9.1); empty root `56e81f…b421`, an all-zero root also
 * opens an empty trie; an empty value deletes a key. Declared once, by trie-store (which
 * implements them over its versioned state; the ledger's tests implement them in memory), and
 * named here as the ledger's ports.
 */
export type { DatabaseTrie as StateTrie, TrieDatabase } from "@theta/trie-store";

/** The contract call of a SmartContractTx after the ledger's sanity checks (docs/ledger.md §5.8). */
export interface ContractCall {
  readonly from: Address;
  /** The callee; undefined (or the zero address in the tx) means a contract creation. */
  readonly to: Address | undefined;
  /** TFuel wei moved with the call (the EVM value). */
  readonly value: bigint;
  /** THETA wei moved alongside the call (only from the SupportThetaToken height; else 0). */
  readonly thetaValue: bigint;
  readonly gasLimit: bigint;
  readonly gasPrice: bigint;
  readonly data: Uint8Array;
}

/** What the EVM sees of the block: NUMBER = `height`, TIMESTAMP = the parent's timestamp. */
export interface ContractBlockContext {
  readonly height: bigint;
  readonly parentTimestamp: bigint;
  readonly proposer: Address;
  /** The chain id string (`privatenet`, `mainnet`, …); the runtime maps it for CHAINID. */
  readonly chainId: string;
}

/** One EVM log entry. */
export interface ContractLog {
  readonly address: Address;
  readonly topics: readonly Hash[];
  readonly data: Uint8Array;
}

/** The outcome of one EVM run; `vmError` is "" on success (docs/interfaces.md §7.3 texts otherwise). */
export interface ContractRunResult {
  /** Return data (for a create: the deployed runtime code). */
  readonly returnValue: Uint8Array;
  /** The created contract, or the callee for a call (zero address if a create aborted early). */
  readonly contractAddress: Address;
  /** Gas limit minus leftover gas; refunds never applied. */
  readonly gasUsed: bigint;
  readonly vmError: string;
  /** Empty when the EVM errored. */
  readonly logs: readonly ContractLog[];
}

/**
 * The EVM as the ledger sees it (implemented by @theta/evm-adapter; a fake in ledger tests).
 * `run` executes the EVM part of a SmartContractTx on `state`: value transfer, account
 * creation, code, storage, the creator's sequence bump on CREATE (docs/ledger.md §5.8 process step 1),
 * with every change reverted on an EVM error. The ledger then charges the fee and bumps the
 * sequence of a call. A dry run passes a `state.copy()` and discards it.
 */
export interface ContractRuntime {
  /** Runs the EVM part of a SmartContractTx on `state`. */
  run(state: StateView, call: ContractCall, block: ContractBlockContext): Promise<ContractRunResult>;
}
