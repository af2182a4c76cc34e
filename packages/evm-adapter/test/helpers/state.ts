/**
 * Test state: a ledger StateView over trie-store's versioned state on the in-memory KvStore, and
 * the ledger's share of a SmartContractTx (fee on gas used, sequence bump of a call) so flows
 * read like real transactions.
 */
import {
  type Account,
  type Address,
  EMPTY_ROOT_HASH,
  equalBytes,
  hexToBytes,
  newAccount,
  privatenet,
  ZERO_ADDRESS,
} from "@theta/core-types";
import { createCrypto } from "@theta/crypto";
import {
  type ContractBlockContext,
  type ContractCall,
  type ContractRunResult,
  openStateView,
  type StateView,
} from "@theta/ledger";
import { createMemoryKvStore, createTrieDatabase, createVersionedState } from "@theta/trie-store";
import { createContractRuntime } from "../../src/index.ts";

export const crypto = createCrypto();
export const runtime = createContractRuntime({ keccak256: crypto.keccak256 }, { profile: privatenet });
export const BLOCK: ContractBlockContext = {
  height: 10n,
  parentTimestamp: 1_600_000_000n,
  proposer: new Uint8Array(20).fill(0x11),
  chainId: "privatenet",
};

/** An empty state over a fresh in-memory store. */
export async function emptyView(): Promise<StateView> {
  const state = createVersionedState(createMemoryKvStore());
  return openStateView({ db: createTrieDatabase({ state }) }, EMPTY_ROOT_HASH);
}

/** A state holding `accounts` (address, TFuel, sequence; THETA optional). */
export async function viewWith(
  ...accounts: { address: Address; tfuel: bigint; sequence?: bigint; theta?: bigint }[]
): Promise<StateView> {
  const view = await emptyView();
  for (const a of accounts) {
    await view.setAccount({
      ...newAccount(a.address),
      sequence: a.sequence ?? 0n,
      balance: { thetaWei: a.theta ?? 0n, tfuelWei: a.tfuel },
    });
  }
  return view;
}

/** Runs `call` and then does the ledger's part: the fee on gas used and a caller's sequence bump. */
export async function applyTx(
  view: StateView,
  call: ContractCall,
  block = BLOCK,
): Promise<ContractRunResult> {
  const r = await runtime.run(view, call, block);
  const from = (await view.getAccount(call.from)) ?? newAccount(call.from);
  const isCall = call.to !== undefined && !equalBytes(call.to, ZERO_ADDRESS);
  await view.setAccount({
    ...from,
    sequence: from.sequence + (isCall ? 1n : 0n),
    balance: { ...from.balance, tfuelWei: from.balance.tfuelWei - r.gasUsed * call.gasPrice },
  });
  return r;
}

/** The account at `address` (failing the test when absent). */
export async function account(view: StateView, address: Address): Promise<Account> {
  const acc = await view.getAccount(address);
  if (acc === undefined) throw new Error(`no account ${Buffer.from(address).toString("hex")}`);
  return acc;
}

/** Init code that returns `runtime` (hex, at most 255 bytes) as the deployed code. */
export function initFor(runtime: string): Uint8Array {
  const len = (runtime.length / 2).toString(16).padStart(2, "0");
  return hexToBytes(`60${len}80600b6000396000f3${runtime}`);
}
