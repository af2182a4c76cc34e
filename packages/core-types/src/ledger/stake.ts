/**
 * Stakes and the candidate pools (docs/ledger.md §2.7–2.12): Stake, StakeHolder, the validator
 * candidate pool (VCP), Guardian and the guardian pool (GCP), EliteEdgeNode, StakeWithHolder,
 * RewardDistribution and HeightList. Pool *rules* (sorting, deposits) belong to the ledger.
 */
import {
  decodeBigInt,
  decodeBool,
  decodeBytes,
  decodeFixedBytes,
  decodeList,
  decodeUint,
  encodeBool,
  encodeUint,
  type RlpItem,
  rlpDecode,
  rlpEncode,
} from "../rlp/index.ts";
import { ADDRESS_LENGTH, type Address } from "./primitives.ts";

/** ReturnHeight of a stake that is not being withdrawn: 2^64 − 1. */
export const MAX_RETURN_HEIGHT = 2n ** 64n - 1n;

export interface Stake {
  readonly source: Address;
  readonly amount: bigint;
  readonly withdrawn: boolean;
  readonly returnHeight: bigint;
}

export interface StakeHolder {
  readonly holder: Address;
  readonly stakes: readonly Stake[];
}

export function stakeToItem(s: Stake): RlpItem {
  return [s.source, encodeUint(s.amount), encodeBool(s.withdrawn), encodeUint(s.returnHeight)];
}

export function stakeFromItem(item: RlpItem, field: string): Stake {
  const [src, amt, w, rh] = decodeList(item, field, 4);
  return {
    source: decodeFixedBytes(src!, ADDRESS_LENGTH, `${field}.source`),
    amount: decodeBigInt(amt!, `${field}.amount`),
    withdrawn: decodeBool(w!, `${field}.withdrawn`),
    returnHeight: decodeUint(rh!, `${field}.return_height`, 64),
  };
}

export function stakeHolderToItem(h: StakeHolder): RlpItem {
  return [h.holder, h.stakes.map(stakeToItem)];
}

export function stakeHolderFromItem(item: RlpItem, field: string): StakeHolder {
  const [holder, stakes] = decodeList(item, field, 2);
  return {
    holder: decodeFixedBytes(holder!, ADDRESS_LENGTH, `${field}.holder`),
    stakes: decodeList(stakes!, `${field}.stakes`).map((x, i) => stakeFromItem(x, `${field}.stakes[${i}]`)),
  };
}

/** Sum of the amounts of non-withdrawn stakes. */
export function totalStake(h: StakeHolder): bigint {
  let t = 0n;
  for (const s of h.stakes) if (!s.withdrawn) t += s.amount;
  return t;
}

export interface ValidatorCandidatePool {
  readonly sortedCandidates: readonly StakeHolder[];
}

export function encodeVcp(p: ValidatorCandidatePool): Uint8Array {
  return rlpEncode([p.sortedCandidates.map(stakeHolderToItem)]);
}

export function decodeVcp(bytes: Uint8Array): ValidatorCandidatePool {
  const [c] = decodeList(rlpDecode(bytes), "vcp", 1);
  return {
    sortedCandidates: decodeList(c!, "vcp.sorted_candidates").map((x, i) =>
      stakeHolderFromItem(x, `vcp.sorted_candidates[${i}]`),
    ),
  };
}

/** A guardian or an elite edge node: a stake holder with a 48-byte BLS public key. */
export interface BlsStakeHolder {
  readonly holder: Address;
  readonly stakes: readonly Stake[];
  readonly blsPubkey: Uint8Array;
}
export type Guardian = BlsStakeHolder;
export type EliteEdgeNode = BlsStakeHolder;

export function blsStakeHolderToItem(g: BlsStakeHolder): RlpItem {
  return [stakeHolderToItem(g), g.blsPubkey];
}

export function blsStakeHolderFromItem(item: RlpItem, field: string): BlsStakeHolder {
  const [h, pk] = decodeList(item, field, 2);
  const holder = stakeHolderFromItem(h!, `${field}.stake_holder`);
  return { ...holder, blsPubkey: decodeBytes(pk!, `${field}.bls_pubkey`) };
}

export interface GuardianCandidatePool {
  readonly sortedGuardians: readonly Guardian[];
}

export function gcpToItem(p: GuardianCandidatePool): RlpItem {
  return [p.sortedGuardians.map(blsStakeHolderToItem)];
}

export function encodeGcp(p: GuardianCandidatePool): Uint8Array {
  return rlpEncode(gcpToItem(p));
}

export function decodeGcp(bytes: Uint8Array): GuardianCandidatePool {
  const [g] = decodeList(rlpDecode(bytes), "gcp", 1);
  return {
    sortedGuardians: decodeList(g!, "gcp.sorted_guardians").map((x, i) =>
      blsStakeHolderFromItem(x, `gcp.sorted_guardians[${i}]`),
    ),
  };
}

export function encodeEliteEdgeNode(n: EliteEdgeNode): Uint8Array {
  return rlpEncode(blsStakeHolderToItem(n));
}

export function decodeEliteEdgeNode(bytes: Uint8Array): EliteEdgeNode {
  return blsStakeHolderFromItem(rlpDecode(bytes), "een");
}

export interface StakeWithHolder {
  readonly holder: Address;
  readonly stake: Stake;
}

export function encodeStakeWithHolders(list: readonly StakeWithHolder[]): Uint8Array {
  return rlpEncode(list.map((s) => [s.holder, stakeToItem(s.stake)]));
}

export function decodeStakeWithHolders(bytes: Uint8Array): StakeWithHolder[] {
  return decodeList(rlpDecode(bytes), "een_stake_returns").map((x, i) => {
    const [h, s] = decodeList(x, `een_stake_returns[${i}]`, 2);
    return {
      holder: decodeFixedBytes(h!, ADDRESS_LENGTH, `een_stake_returns[${i}].holder`),
      stake: stakeFromItem(s!, `een_stake_returns[${i}].stake`),
    };
  });
}

export interface RewardDistribution {
  readonly stakeHolder: Address;
  readonly beneficiary: Address;
  readonly splitBasisPoint: bigint;
}

export function encodeRewardDistribution(r: RewardDistribution): Uint8Array {
  return rlpEncode([r.stakeHolder, r.beneficiary, encodeUint(r.splitBasisPoint)]);
}

export function decodeRewardDistribution(bytes: Uint8Array): RewardDistribution {
  const [h, b, bp] = decodeList(rlpDecode(bytes), "reward_distribution", 3);
  return {
    stakeHolder: decodeFixedBytes(h!, ADDRESS_LENGTH, "reward_distribution.stake_holder"),
    beneficiary: decodeFixedBytes(b!, ADDRESS_LENGTH, "reward_distribution.beneficiary"),
    splitBasisPoint: decodeUint(bp!, "reward_distribution.split_basis_point", 64),
  };
}

/** Heights of blocks with validator stake changes (`ls/sthl`): RLP [[h, ...]]. */
export function encodeHeightList(heights: readonly bigint[]): Uint8Array {
  return rlpEncode([heights.map((h) => encodeUint(h))]);
}

export function decodeHeightList(bytes: Uint8Array): bigint[] {
  const [hs] = decodeList(rlpDecode(bytes), "height_list", 1);
  return decodeList(hs!, "height_list.heights").map((x, i) => decodeUint(x, `height_list.heights[${i}]`, 64));
}
