/** Pool constants (docs/ledger.md §11). */
export const MIN_FUND_RESERVE_DURATION = 300n;
/** Longest reservation of a pool, in blocks. */
export const MAX_FUND_RESERVE_DURATION = 43_200n;
/** Blocks after EndBlockHeight before a pool is released (so a slash and a release never collide). */
export const RESERVED_FUND_FREEZE_PERIOD = 5n;
