/** Reward constants of the reference (docs/ledger.md §8, tx_coinbase.go and the EEN pool). */

const E18 = 10n ** 18n;

/** Validator + guardian reward per block (48 TFUEL), paid per checkpoint × the interval. */
export const TFUEL_REWARD_PER_BLOCK = 48n * E18;

/** Elite edge node reward per block (38 TFUEL), paid per checkpoint × the interval. */
export const EEN_TFUEL_REWARD_PER_BLOCK = 38n * E18;

/** Number of samples of the randomized staking reward. */
export const REWARD_SAMPLES = 400;

/** Expected number of selected 10,000-TFUEL units network-wide in the EEN weight draw. */
export const EEN_REWARD_N = 800n;

/** The fixed-point unit of the EEN draw and effective stakes (1e18). */
export const REWARD_AMPLIFIER = E18;

/** Basis points in one (10000). */
export const BASIS_POINTS = 10_000n;
