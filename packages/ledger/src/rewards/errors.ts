/** Error codes of the block reward computation (inconsistent inputs, not invalid txs). */
export const RewardErrorCode = {
  /** A validator of the block's set has no entry in the current VCP. */
  ValidatorNotInPool: "REWARD_VALIDATOR_NOT_IN_POOL",
  /** Guardian votes were given without the state of the checkpoint they vote for. */
  MissingVoteState: "REWARD_MISSING_VOTE_STATE",
} as const;

/** One of the reward error codes. */
export type RewardErrorCode = (typeof RewardErrorCode)[keyof typeof RewardErrorCode];
