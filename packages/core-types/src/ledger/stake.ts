/**
 * Stakes and the candidate pools (docs/ledger.md §2.7–2.12): Stake, StakeHolder, the validator
 * candidate pool (VCP), Guardian and the guardian pool (GCP), EliteEdgeNode, StakeWithHolder,
 * RewardDistribution and HeightList. Pool *rules* (sorting, deposits) belong to the ledger.
 */
import * as rlp from "../rlp/index.ts";
import { ADDRESS_LENGTH, type Address } from "./primitives.ts";

/** ReturnHeight of a stake that is not being withdrawn: 2^64 − 1. */
export const MAX_RETURN_HEIGHT = 2n ** 64n - 1n;

/** One source's stake with a holder, and its withdrawal state. */
export interface Stake {
  readonly source: Address;
  readonly amount: bigint;
  readonly withdrawn: boolean;
  readonly returnHeight: bigint;
}

/** A validator, guardian or elite edge node and the stakes deposited with it. */
export interface StakeHolder {
  readonly holder: Address;
  readonly stakes: readonly Stake[];
}

/** The RLP item of a stake. */
export function stakeToItem(s: Stake): rlp.RlpItem {
  return [s.source, rlp.encodeUint(s.amount), rlp.encodeBool(s.withdrawn), rlp.encodeUint(s.returnHeight)];
}

/** Decodes a stake's RLP item strictly. */
export function stakeFromItem(item: rlp.RlpItem, field: string): Stake {
  const [src, amt, w, rh] = rlp.decodeList(item, field, 4);
  return {
    source: rlp.decodeFixedBytes(src!, ADDRESS_LENGTH, `${field}.source`),
    amount: rlp.decodeBigInt(amt!, `${field}.amount`),
    withdrawn: rlp.decodeBool(w!, `${field}.withdrawn`),
    returnHeight: rlp.decodeUint(rh!, `${field}.return_height`, 64),
  };
}

/** The RLP item of a stake holder. */
export function stakeHolderToItem(h: StakeHolder): rlp.RlpItem {
  return [h.holder, h.stakes.map(stakeToItem)];
}

/** Decodes a stake holder's RLP item strictly. */
export function stakeHolderFromItem(item: rlp.RlpItem, field: string): StakeHolder {
  const [holder, stakes] = rlp.decodeList(item, field, 2);
  return {
    holder: rlp.decodeFixedBytes(holder!, ADDRESS_LENGTH, `${field}.holder`),
    stakes: rlp
      .decodeList(stakes!, `${field}.stakes`)
      .map((x, i) => stakeFromItem(x, `${field}.stakes[${i}]`)),
  };
}

/** Sum of the amounts of non-withdrawn stakes. */
export function totalStake(h: StakeHolder): bigint {
  let t = 0n;
  for (const s of h.stakes) if (!s.withdrawn) t += s.amount;
  return t;
}

/** The validator candidate pool (VCP), in the state's order. */
export interface ValidatorCandidatePool {
  readonly sortedCandidates: readonly StakeHolder[];
}

/** The RLP encoding of a VCP. */
export function encodeVcp(p: ValidatorCandidatePool): Uint8Array {
  return rlp.rlpEncode([p.sortedCandidates.map(stakeHolderToItem)]);
}

/** Decodes a VCP strictly. */
export function decodeVcp(bytes: Uint8Array): ValidatorCandidatePool {
  const [c] = rlp.decodeList(rlp.rlpDecode(bytes), "vcp", 1);
  return {
    sortedCandidates: rlp
      .decodeList(c!, "vcp.sorted_candidates")
      .map((x, i) => stakeHolderFromItem(x, `vcp.sorted_candidates[${i}]`)),
  };
}

/** A guardian or an elite edge node: a stake holder with a 48-byte BLS public key. */
export interface BlsStakeHolder {
  readonly holder: Address;
  readonly stakes: readonly Stake[];
  readonly blsPubkey: Uint8Array;
}
/** A guardian: a stake holder with its BLS key. */
export type Guardian = BlsStakeHolder;
/** An elite edge node: a stake holder with its BLS key. */
export type EliteEdgeNode = BlsStakeHolder;

/** The RLP item of a stake holder with a BLS key. */
export function blsStakeHolderToItem(g: BlsStakeHolder): rlp.RlpItem {
  return [stakeHolderToItem(g), g.blsPubkey];
}

/** Decodes a stake holder with a BLS key strictly. */
export function blsStakeHolderFromItem(item: rlp.RlpItem, field: string): BlsStakeHolder {
  const [h, pk] = rlp.decodeList(item, field, 2);
  const holder = stakeHolderFromItem(h!, `${field}.stake_holder`);
  return { ...holder, blsPubkey: rlp.decodeBytes(pk!, `${field}.bls_pubkey`) };
}

/** The guardian candidate pool (GCP), in the state's order. */
export interface GuardianCandidatePool {
  readonly sortedGuardians: readonly Guardian[];
}

/** The RLP item of a GCP. */
export function gcpToItem(p: GuardianCandidatePool): rlp.RlpItem {
  return [p.sortedGuardians.map(blsStakeHolderToItem)];
}

/** The RLP encoding of a GCP. */
export function encodeGcp(p: GuardianCandidatePool): Uint8Array {
  return rlp.rlpEncode(gcpToItem(p));
}

/** Decodes a GCP strictly. */
export function decodeGcp(bytes: Uint8Array): GuardianCandidatePool {
  const [g] = rlp.decodeList(rlp.rlpDecode(bytes), "gcp", 1);
  return {
    sortedGuardians: rlp
      .decodeList(g!, "gcp.sorted_guardians")
      .map((x, i) => blsStakeHolderFromItem(x, `gcp.sorted_guardians[${i}]`)),
  };
}

/** The RLP encoding of an elite edge node record. */
export function encodeEliteEdgeNode(n: EliteEdgeNode): Uint8Array {
  return rlp.rlpEncode(blsStakeHolderToItem(n));
}

/** Decodes an elite edge node record strictly. */
export function decodeEliteEdgeNode(bytes: Uint8Array): EliteEdgeNode {
  return blsStakeHolderFromItem(rlp.rlpDecode(bytes), "een");
}

/** A stake and the holder it is with (an entry of an EEN stake-return list). */
export interface StakeWithHolder {
  readonly holder: Address;
  readonly stake: Stake;
}

/** The RLP encoding of an EEN stake-return list. */
export function encodeStakeWithHolders(list: readonly StakeWithHolder[]): Uint8Array {
  return rlp.rlpEncode(list.map((s) => [s.holder, stakeToItem(s.stake)]));
}

/** Decodes an EEN stake-return list strictly. */
export function decodeStakeWithHolders(bytes: Uint8Array): StakeWithHolder[] {
  return rlp.decodeList(rlp.rlpDecode(bytes), "een_stake_returns").map((x, i) => {
    const [h, s] = rlp.decodeList(x, `een_stake_returns[${i}]`, 2);
    return {
      holder: rlp.decodeFixedBytes(h!, ADDRESS_LENGTH, `een_stake_returns[${i}].holder`),
      stake: stakeFromItem(s!, `een_stake_returns[${i}].stake`),
    };
  });
}

/** How a stake holder shares its rewards with a beneficiary (StakeRewardDistributionTx). */
export interface RewardDistribution {
  readonly stakeHolder: Address;
  readonly beneficiary: Address;
  readonly splitBasisPoint: bigint;
}

/** The RLP encoding of a reward distribution. */
export function encodeRewardDistribution(r: RewardDistribution): Uint8Array {
  return rlp.rlpEncode([r.stakeHolder, r.beneficiary, rlp.encodeUint(r.splitBasisPoint)]);
}

/** Decodes a reward distribution strictly. */
export function decodeRewardDistribution(bytes: Uint8Array): RewardDistribution {
  const [h, b, bp] = rlp.decodeList(rlp.rlpDecode(bytes), "reward_distribution", 3);
  return {
    stakeHolder: rlp.decodeFixedBytes(h!, ADDRESS_LENGTH, "reward_distribution.stake_holder"),
    beneficiary: rlp.decodeFixedBytes(b!, ADDRESS_LENGTH, "reward_distribution.beneficiary"),
    splitBasisPoint: rlp.decodeUint(bp!, "reward_distribution.split_basis_point", 64),
  };
}

/** Heights of blocks with validator stake changes (`ls/sthl`): RLP [[h, ...]]. */
export function encodeHeightList(heights: readonly bigint[]): Uint8Array {
  return rlp.rlpEncode([heights.map((h) => rlp.encodeUint(h))]);
}

/** Decodes a height list (the stake-tx height list) strictly. */
export function decodeHeightList(bytes: Uint8Array): bigint[] {
  const [hs] = rlp.decodeList(rlp.rlpDecode(bytes), "height_list", 1);
  return rlp
    .decodeList(hs!, "height_list.heights")
    .map((x, i) => rlp.decodeUint(x, `height_list.heights[${i}]`, 64));
}
