/** Shared setup of the staking, reward and slash tests: keys, a funded state, signed stake txs. */
import {
  type Address,
  type ChainProfile,
  type Coins,
  coins,
  type DepositStakeTxV2,
  EMPTY_ROOT_HASH,
  minTxFee,
  newAccount,
  TxType,
  type WithdrawStakeTx,
} from "@theta/core-types";
import { blsPopProve, blsPublicKey, blsSecretKeyFromBytes, createCrypto, nobleBackend } from "@theta/crypto";
import { type ExecContext, ExecMode } from "../../src/execution/context.ts";
import { openStateView, type StateView } from "../../src/state/stateView.ts";
import { createMemoryTrieDatabase } from "./memoryTrie.ts";

export const crypto = createCrypto(nobleBackend);
export const E18 = 10n ** 18n;

/** A test key: secp256k1 private key and its address. */
export interface Key {
  readonly sk: Uint8Array;
  readonly address: Address;
}

/** A deterministic key from a fill byte. */
export function key(fill: number): Key {
  const sk = new Uint8Array(32).fill(fill);
  return { sk, address: crypto.privateKeyToAddress(sk) };
}

/** A fresh state with `funded` accounts holding `balance` each. */
export async function fundedState(funded: readonly Address[], balance: Coins): Promise<StateView> {
  const db = await createMemoryTrieDatabase();
  const state = await openStateView({ db }, EMPTY_ROOT_HASH);
  for (const a of funded) await state.setAccount({ ...newAccount(a), balance });
  return state;
}

/** An execution context over `state`. */
export function context(
  state: StateView,
  profile: ChainProfile,
  height: bigint,
  mode: ExecMode = ExecMode.Deliver,
): ExecContext {
  return { state, profile, height, crypto, mode };
}

type BlsFields = Pick<DepositStakeTxV2, "blsPubkey" | "blsPop" | "holderSig">;
const blsCache = new Map<string, BlsFields>();

/** The BLS summary fields of `holder` (BLS key from `blsFill`), signed by the holder (memoized). */
export function blsFields(holder: Key, blsFill = 3): BlsFields {
  const k = `${holder.sk[0]}/${blsFill}`;
  const hit = blsCache.get(k);
  if (hit !== undefined) return hit;
  const bsk = blsSecretKeyFromBytes(new Uint8Array(32).fill(blsFill));
  const pop = blsPopProve(bsk).bytes;
  const f = { blsPubkey: blsPublicKey(bsk).bytes, blsPop: pop, holderSig: crypto.sign(pop, holder.sk) };
  blsCache.set(k, f);
  return f;
}

/** Options of a signed deposit. */
export interface DepositOpts {
  readonly stake: Coins;
  readonly purpose: number;
  readonly seq?: bigint;
  readonly fee?: Coins;
  readonly bls?: Pick<DepositStakeTxV2, "blsPubkey" | "blsPop" | "holderSig">;
}

/** A DepositStakeTxV2 from `source` to `holder`, signed by the source. */
export function deposit(
  profile: ChainProfile,
  height: bigint,
  source: Key,
  holder: Address,
  o: DepositOpts,
): DepositStakeTxV2 {
  const empty = new Uint8Array(0);
  const tx: DepositStakeTxV2 = {
    type: TxType.DepositStakeV2,
    fee: o.fee ?? coins(0n, minTxFee(profile, height)),
    source: { address: source.address, coins: o.stake, sequence: o.seq ?? 1n, signature: empty },
    holder: { address: holder, coins: coins(0n, 0n) },
    purpose: o.purpose,
    blsPubkey: o.bls?.blsPubkey ?? empty,
    blsPop: o.bls?.blsPop ?? empty,
    holderSig: o.bls?.holderSig ?? empty,
  };
  return crypto.signTx(profile.chainId, tx, source.sk);
}

/** A WithdrawStakeTx from `source` for `holder`, signed by the source. */
export function withdraw(
  profile: ChainProfile,
  height: bigint,
  source: Key,
  holder: Address,
  purpose: number,
  seq = 2n,
): WithdrawStakeTx {
  const tx: WithdrawStakeTx = {
    type: TxType.WithdrawStake,
    fee: coins(0n, minTxFee(profile, height)),
    source: { address: source.address, coins: coins(0n, 0n), sequence: seq, signature: new Uint8Array(0) },
    holder: { address: holder, coins: coins(0n, 0n) },
    purpose,
  };
  return crypto.signTx(profile.chainId, tx, source.sk);
}

/** The failure code of a result, or undefined on success. */
export function codeOf(r: { ok: true } | { ok: false; failure: { code: number } }): number | undefined {
  return r.ok ? undefined : r.failure.code;
}
