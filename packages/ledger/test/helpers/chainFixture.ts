/** A funded privatenet state and signed-tx builders for the block-application and mempool tests. */
import {
  type Address,
  type ChainProfile,
  coins,
  EMPTY_ROOT_HASH,
  encodeTx,
  type Hash,
  minGasPrice,
  minSendTxFee,
  newAccount,
  privatenet,
  type SendTx,
  type SmartContractTx,
  TxType,
  ZERO_ADDRESS,
} from "@theta/core-types";
import { createCrypto, nobleBackend } from "@theta/crypto";
import type { BlockInfo } from "../../src/chain/blockInfo.ts";
import type { TrieDatabase } from "../../src/ports.ts";
import { openStateView } from "../../src/state/stateView.ts";
import { createFakeRuntime, type FakeRuntime } from "./fakeRuntime.ts";
import { createMemoryTrieDatabase } from "./memoryTrie.ts";

export const crypto = createCrypto(nobleBackend);
export const profile: ChainProfile = privatenet;
export const E18 = 10n ** 18n;
/** Private keys 1..8; accounts 1..6 are funded. */
export const keys = Array.from({ length: 8 }, (_, i) => new Uint8Array(32).fill(i + 1));
export const addr = keys.map((k) => crypto.privateKeyToAddress(k));
export const PROPOSER = addr[7]!;

/** The block at `height` on top of a parent at height − 1. */
export function blockInfo(height: bigint): BlockInfo {
  return { height, timestamp: 1000n + height, parentTimestamp: 999n + height, proposer: PROPOSER };
}

/** A database holding a committed state where accounts 0..5 hold 1000 THETA and 1000 TFuel. */
export async function fundedState(): Promise<{ db: TrieDatabase; root: Hash; runtime: FakeRuntime }> {
  const db = await createMemoryTrieDatabase();
  const state = await openStateView({ db }, EMPTY_ROOT_HASH);
  for (const a of addr.slice(0, 6))
    await state.setAccount({ ...newAccount(a), balance: coins(1000n * E18, 1000n * E18) });
  return { db, root: await state.commit(), runtime: createFakeRuntime(crypto) };
}

/** A signed SendTx of `amount` TFuel wei from account `from` to `to` with sequence `seq`. */
export function sendRaw(from: number, to: number, seq: bigint, amount = 1n, feeExtra = 0n): Uint8Array {
  const fee = minSendTxFee(profile, 10n, 2) + feeExtra;
  const tx: SendTx = {
    type: TxType.Send,
    fee: coins(0n, fee),
    inputs: [
      { address: addr[from]!, coins: coins(0n, amount + fee), sequence: seq, signature: new Uint8Array(0) },
    ],
    outputs: [{ address: addr[to]!, coins: coins(0n, amount) }],
  };
  return encodeTx(crypto.signTx(profile.chainId, tx, keys[from]!));
}

/** A signed SmartContractTx from account `from` (to the zero address: a deploy). */
export function contractRaw(
  from: number,
  seq: bigint,
  data: Uint8Array,
  to: Address = ZERO_ADDRESS,
  gasPrice = minGasPrice(profile, 10n),
): Uint8Array {
  const tx: SmartContractTx = {
    type: TxType.SmartContract,
    from: { address: addr[from]!, coins: coins(0n, 0n), sequence: seq, signature: new Uint8Array(0) },
    to: { address: to, coins: coins(0n, 0n) },
    gasLimit: 200_000n,
    gasPrice,
    data,
  };
  return encodeTx(crypto.signTx(profile.chainId, tx, keys[from]!));
}
