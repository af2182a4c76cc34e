/**
 * Theta's staking precompiles, from the WrappedTheta height (docs/interfaces.md §7.1), 21000 gas
 * each. The stake source is the precompile's caller (the contract, or the sender of a direct call):
 *
 * - 0xcc stake THETA to a guardian: input bytes 0–229 the guardian's BLS summary (holder address,
 *   BLS key, proof of possession, holder signature), bytes 229–261 the amount in THETA wei;
 * - 0xcd withdraw the caller's guardian stake: the holder is the last 20 bytes of the input;
 * - 0xce stake TFuel to an elite edge node: bytes 0–229 the summary as for 0xcc, bytes 229–261
 *   unread, bytes 261–293 the amount in TFuel wei;
 * - 0xcf withdraw the caller's EEN stake: the holder is the last 20 bytes of the input.
 *
 * The ledger's pool rules decide (docs/ledger.md §5.9, §5.10): the guardian minimum of the height,
 * the EEN per-deposit bounds and per-node cap, no deposit while the source's entry is withdrawn,
 * the BLS summary checked only for a holder new to its pool (it must still decode for a known
 * one), and the withdrawal's return height P + the locking period. Success returns no data; any
 * refusal fails the frame with "invalid stake operation" and consumes its gas. Below the height the
 * addresses are no precompiles and a call to them runs no code.
 */
import type { ExecResult } from "@ethereumjs/evm";
import { type Address, type Coins, isThetaError } from "@theta/core-types";
import { blsPublicKeyFromBytes, blsSignatureFromBytes, type ThetaCrypto } from "@theta/crypto";
import {
  type BlsSummary,
  checkBlsSummary,
  EMPTY_GCP,
  gcpContains,
  gcpDeposit,
  gcpWithdraw,
  planEenDeposit,
  planEenWithdraw,
  writeEenUpdate,
} from "@theta/ledger";
import {
  inputAddress,
  inputSlice,
  noCode,
  type PrecompileInput,
  precompile,
  toBigInt,
} from "./precompileCall.ts";
import type { StateCache } from "./stateCache.ts";

/** 0xcc stake to a guardian. */
export const STAKE_TO_GUARDIAN_ID = 0xcc;
/** 0xcd withdraw from a guardian. */
export const UNSTAKE_FROM_GUARDIAN_ID = 0xcd;
/** 0xce stake to an elite edge node. */
export const STAKE_TO_EEN_ID = 0xce;
/** 0xcf withdraw from an elite edge node. */
export const UNSTAKE_FROM_EEN_ID = 0xcf;
/** The four staking precompiles. */
export const STAKING_PRECOMPILE_IDS: readonly number[] = [0xcc, 0xcd, 0xce, 0xcf];

/** Gas of each staking precompile. */
export const STAKING_PRECOMPILE_GAS = 21_000n;
/** The error text of a refused stake operation. */
export const INVALID_STAKE_OPERATION = "invalid stake operation";

const SUMMARY_LENGTH = 229;
const EEN_AMOUNT_OFFSET = 261;

/** The height-dependent inputs of the staking rules, set per run from the WrappedTheta height. */
export interface StakingRules {
  /** The guardian minimum deposit at the block height H (THETA wei). */
  readonly minGuardianStake: bigint;
  /** The return height of a withdrawal: the parent height P plus the locking period. */
  readonly returnHeight: bigint;
  /** Verifies the holder signature of a BLS summary. */
  readonly crypto: ThetaCrypto;
}

/** What the staking precompiles read from the current run. */
export interface StakingHost {
  cache(): StateCache;
  /** The caller of the message being run (the stake source). */
  caller(): Address;
  /** The rules of this run; undefined below the WrappedTheta height. */
  staking(): StakingRules | undefined;
}

/** A summary's fields; undefined when its BLS key or proof of possession does not decode. */
function decodeSummary(summary: Uint8Array): BlsSummary | undefined {
  const s: BlsSummary = {
    holder: summary.slice(0, 20),
    blsPubkey: summary.slice(20, 68),
    blsPop: summary.slice(68, 164),
    holderSig: summary.slice(164, SUMMARY_LENGTH),
  };
  try {
    blsPublicKeyFromBytes(s.blsPubkey);
    blsSignatureFromBytes(s.blsPop);
  } catch (e) {
    if (isThetaError(e)) return undefined;
    throw e;
  }
  return s;
}

type Currency = keyof Coins;

/** Takes `amount` of `currency` from the caller's account in the cache; false when short. */
async function debit(cache: StateCache, from: Address, currency: Currency, amount: bigint): Promise<boolean> {
  const acc = await cache.getAccount(from);
  if ((acc?.balance[currency] ?? 0n) < amount) return false;
  if (acc === undefined || amount === 0n) return true;
  cache.putAccount({ ...acc, balance: { ...acc.balance, [currency]: acc.balance[currency] - amount } });
  return true;
}

/** The caller's balance of `currency` covers `amount`. */
async function covers(cache: StateCache, from: Address, currency: Currency, amount: bigint) {
  return ((await cache.getAccount(from))?.balance[currency] ?? 0n) >= amount;
}

const EMPTY = new Uint8Array(0);
type Op = (host: StakingHost, rules: StakingRules, data: Uint8Array) => Promise<boolean>;

const stakeToGuardian: Op = async (host, rules, data) => {
  const cache = host.cache();
  const from = host.caller();
  const amount = toBigInt(inputSlice(data, SUMMARY_LENGTH, 32));
  if (!(await covers(cache, from, "thetaWei", amount))) return false;
  const s = decodeSummary(inputSlice(data, 0, SUMMARY_LENGTH));
  if (s === undefined) return false;
  const gcp = (await cache.stakes.getGcp()) ?? EMPTY_GCP;
  if (!gcpContains(gcp, s.holder) && !checkBlsSummary(rules.crypto, s).ok) return false;
  const r = gcpDeposit(gcp, from, s.holder, amount, s.blsPubkey, rules.minGuardianStake);
  if (!r.ok) return false;
  await cache.stakes.setGcp(r.value);
  return debit(cache, from, "thetaWei", amount);
};

const unstakeFromGuardian: Op = async (host, rules, data) => {
  const stakes = host.cache().stakes;
  const gcp = (await stakes.getGcp()) ?? EMPTY_GCP;
  const r = gcpWithdraw(gcp, host.caller(), inputAddress(data), rules.returnHeight);
  if (!r.ok) return false;
  await stakes.setGcp(r.value);
  return true;
};

const stakeToEen: Op = async (host, rules, data) => {
  const cache = host.cache();
  const from = host.caller();
  const s = decodeSummary(inputSlice(data, 0, SUMMARY_LENGTH));
  if (s === undefined) return false;
  const amount = toBigInt(inputSlice(data, EEN_AMOUNT_OFFSET, 32));
  if (!(await covers(cache, from, "tfuelWei", amount))) return false;
  const known = (await cache.stakes.getEliteEdgeNode(s.holder)) !== undefined;
  if (!known && !checkBlsSummary(rules.crypto, s).ok) return false;
  const r = await planEenDeposit(cache.stakes, from, s.holder, amount, s.blsPubkey);
  if (!r.ok) return false;
  await writeEenUpdate(cache.stakes, r.value);
  return debit(cache, from, "tfuelWei", amount);
};

const unstakeFromEen: Op = async (host, rules, data) => {
  const stakes = host.cache().stakes;
  const r = await planEenWithdraw(stakes, host.caller(), inputAddress(data), rules.returnHeight);
  if (!r.ok) return false;
  await writeEenUpdate(stakes, r.value);
  return true;
};

const OPS: readonly [number, Op][] = [
  [STAKE_TO_GUARDIAN_ID, stakeToGuardian],
  [UNSTAKE_FROM_GUARDIAN_ID, unstakeFromGuardian],
  [STAKE_TO_EEN_ID, stakeToEen],
  [UNSTAKE_FROM_EEN_ID, unstakeFromEen],
];

/** The four staking precompiles over the current run of `host`, as (id, function) pairs. */
export function stakingPrecompiles(
  host: StakingHost,
): [number, (input: PrecompileInput) => Promise<ExecResult>][] {
  return OPS.map(([id, op]) => [
    id,
    async (input) => {
      const rules = host.staking();
      if (rules === undefined) return noCode();
      return precompile(STAKING_PRECOMPILE_GAS, async (data) =>
        (await op(host, rules, data)) ? EMPTY : INVALID_STAKE_OPERATION,
      )(input);
    },
  ]);
}
