/**
 * The rewards a block's CoinbaseTx must pay (docs/ledger.md §8): zero outputs for every validator
 * before validator rewards, then per checkpoint 4,800 TFUEL over validator (and voting guardian)
 * stakes, fixed or sampled, and from Theta3 3,800 TFUEL over elite edge nodes, with the
 * reward-distribution split. `buildCoinbaseOutputs` gives the outputs ordered by address.
 */
import {
  type AggregatedVotes,
  bytesToHex,
  coins,
  compareBytes,
  equalBytes,
  isActive,
  isCheckpoint,
  ThetaError,
  type TxOutput,
} from "@theta/core-types";
import type { ExecContext } from "../execution/context.ts";
import { EMPTY_GCP, gcpWithStake } from "../staking/guardianPool.ts";
import { findCandidate, type ValidatorStake } from "../staking/validatorPool.ts";
import type { BlockRewardInfo, VoteCheckpointState } from "./blockInfo.ts";
import { EEN_TFUEL_REWARD_PER_BLOCK, REWARD_AMPLIFIER, TFUEL_REWARD_PER_BLOCK } from "./constants.ts";
import { RewardErrorCode } from "./errors.ts";
import { type RewardDistributionLookup, RewardMap } from "./rewardMap.ts";
import { eenRewardWeight } from "./samples.ts";
import { issueFixedReward, issueRandomizedReward, StakeGroups } from "./stakeGroups.ts";

/** What the reward computation reads: the state at P, the profile, the height H, keccak. */
export type RewardContext = Pick<ExecContext, "state" | "profile" | "height" | "crypto">;

/** The reward map of the block at `ctx.height` (amounts in TFuel wei per address). */
export async function computeBlockRewards(ctx: RewardContext, info: BlockRewardInfo): Promise<RewardMap> {
  const rewards = new RewardMap();
  const h = ctx.height;
  const validators = [...info.validators].sort((a, b) => compareBytes(a.address, b.address));
  if (!isActive(ctx.profile, "enableValidatorReward", h)) {
    for (const v of validators) rewards.add(v.address, 0n);
    return rewards;
  }
  if (!isCheckpoint(ctx.profile, h)) return rewards;
  const votes = info.guardianVotes;
  if (!isActive(ctx.profile, "enableTheta2", h) || votes === undefined) {
    await grantValidatorReward(ctx, validators, rewards);
    return rewards;
  }
  const voteState = info.voteCheckpointState;
  if (voteState === undefined) {
    throw new ThetaError(
      RewardErrorCode.MissingVoteState,
      "block reward: guardian votes given without voteCheckpointState (expected the voted checkpoint's state)",
    );
  }
  const lookup = isActive(ctx.profile, "enableTheta3", h) ? srdLookup(ctx) : undefined;
  await grantValidatorAndGuardianReward(ctx, validators, votes, voteState, rewards, lookup);
  const een = info.eenVotes;
  if (lookup !== undefined && een !== undefined && equalBytes(een.block, votes.block)) {
    await grantEenReward(ctx, een.block, een.addresses, voteState, rewards, lookup);
  }
  return rewards;
}

/** The CoinbaseTx outputs of the block: one per rewarded address, coins (0, amount), by address. */
export async function buildCoinbaseOutputs(ctx: RewardContext, info: BlockRewardInfo): Promise<TxOutput[]> {
  return (await computeBlockRewards(ctx, info))
    .entries()
    .map((e) => ({ address: e.address, coins: coins(0n, e.amount) }));
}

function checkpointReward(ctx: RewardContext, perBlock: bigint): bigint {
  return perBlock * ctx.profile.checkpointInterval;
}

function srdLookup(ctx: RewardContext): RewardDistributionLookup {
  const cache = new Map<string, ReturnType<RewardDistributionLookup>>();
  return (holder) => {
    const k = bytesToHex(holder);
    let r = cache.get(k);
    if (r === undefined) {
      r = ctx.state.getRewardDistribution(holder);
      cache.set(k, r);
    }
    return r;
  };
}

const totalOf = (vs: readonly ValidatorStake[]) => vs.reduce((a, v) => a + v.stake, 0n);

/** Groups the non-withdrawn stakes of each validator's entry in the current VCP. */
async function validatorGroups(
  ctx: RewardContext,
  validators: readonly ValidatorStake[],
): Promise<StakeGroups> {
  const vcp = await ctx.state.getVcp();
  const groups = new StakeGroups();
  for (const v of validators) {
    const c = findCandidate(vcp, v.address);
    if (c === undefined) {
      throw new ThetaError(
        RewardErrorCode.ValidatorNotInPool,
        `block reward: validator 0x${bytesToHex(v.address)} has no entry in the VCP (expected a candidate)`,
      );
    }
    for (const s of c.stakes)
      if (!s.withdrawn) groups.add({ holder: c.holder, source: s.source, amount: s.amount });
  }
  return groups;
}

/** Regime 2: floor(4800e18 × sourceSum / V.total) per source of the validators' stakes. */
async function grantValidatorReward(
  ctx: RewardContext,
  validators: readonly ValidatorStake[],
  rewards: RewardMap,
): Promise<void> {
  const total = totalOf(validators);
  if (total === 0n) return;
  const groups = await validatorGroups(ctx, validators);
  await issueFixedReward(groups, total, checkpointReward(ctx, TFUEL_REWARD_PER_BLOCK), rewards, undefined);
}

/** Regimes 3–4: validators plus the guardians whose vote is in the aggregate. */
async function grantValidatorAndGuardianReward(
  ctx: RewardContext,
  validators: readonly ValidatorStake[],
  votes: AggregatedVotes,
  voteState: VoteCheckpointState,
  rewards: RewardMap,
  lookup: RewardDistributionLookup | undefined,
): Promise<void> {
  let total = totalOf(validators);
  if (total === 0n) return;
  const groups = await validatorGroups(ctx, validators);
  const guardians = gcpWithStake((await voteState.getGcp()) ?? EMPTY_GCP);
  guardians.forEach((g, i) => {
    if ((votes.multiplies[i] ?? 0) === 0) return;
    for (const s of g.stakes) {
      if (s.withdrawn) continue;
      total += s.amount;
      groups.add({ holder: g.holder, source: s.source, amount: s.amount });
    }
  });
  const reward = checkpointReward(ctx, TFUEL_REWARD_PER_BLOCK);
  if (!isActive(ctx.profile, "sampleStakingReward", ctx.height)) {
    await issueFixedReward(groups, total, reward, rewards, lookup);
  } else {
    const keccak = ctx.crypto.keccak256;
    await issueRandomizedReward(keccak, ctx.height - 1n, votes.block, groups, total, reward, rewards, lookup);
  }
}

/** Regime 4 EEN part: effective stakes weighted by each voter's draw, fixed shares of 3,800 TFUEL. */
async function grantEenReward(
  ctx: RewardContext,
  block: Uint8Array,
  addresses: readonly Uint8Array[],
  voteState: VoteCheckpointState,
  rewards: RewardMap,
  lookup: RewardDistributionLookup,
): Promise<void> {
  const groups = new StakeGroups();
  let totalEff = 0n;
  const eenTotal = await voteState.getEenTotalActiveStake();
  for (const addr of addresses) {
    const een = await voteState.getEliteEdgeNode(addr);
    if (een === undefined) continue;
    const stake = een.stakes.reduce((a, s) => (s.withdrawn ? a : a + s.amount), 0n);
    if (stake === 0n) continue;
    const weight = BigInt(eenRewardWeight(ctx.crypto.keccak256, block, addr, stake, eenTotal));
    for (const s of een.stakes) {
      if (s.withdrawn) continue;
      const eff = (REWARD_AMPLIFIER * weight * s.amount) / stake;
      groups.add({ holder: een.holder, source: s.source, amount: eff });
      totalEff += eff;
    }
  }
  await issueFixedReward(
    groups,
    totalEff,
    checkpointReward(ctx, EEN_TFUEL_REWARD_PER_BLOCK),
    rewards,
    lookup,
  );
}
