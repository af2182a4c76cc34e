/** Stake amounts and limits that are not height-dependent (docs/ledger.md §2.10, §7.1). */

const E18 = 10n ** 18n;

/** Minimum TFuel wei of one elite edge node deposit (10,000 TFUEL). */
export const MIN_EEN_STAKE_DEPOSIT = 10_000n * E18;

/** Maximum TFuel wei of one EEN deposit, and of one node's active total (500,000 TFUEL). */
export const MAX_EEN_STAKE_DEPOSIT = 500_000n * E18;

/** Largest reward split a StakeRewardDistributionTx may set, in basis points (10.00%). */
export const MAX_SPLIT_BASIS_POINT = 1000n;
