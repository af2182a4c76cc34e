/**
 * The two fork heights the block-header layout depends on. A `ChainProfile` carries them; any
 * object with these two fields works, so the codecs never choose a chain at import time.
 */
export interface HeaderForkHeights {
  /** HeightEnableTheta2: from this height on the header carries `GuardianVotes` (field 12). */
  readonly theta2Height: bigint;
  /** HeightEnableTheta3: from this height on the header carries `EliteEdgeNodeVotes` (field 13). */
  readonly theta3Height: bigint;
}

/** Mainnet fork heights of the reference (docs/consensus.md §0.2). */
export const MAINNET_HEADER_FORKS: HeaderForkHeights = Object.freeze({
  theta2Height: 5_877_350n,
  theta3Height: 10_968_061n,
});

/** Every feature on from height 0 (a private or test network). */
export const ALL_FORKS_AT_GENESIS: HeaderForkHeights = Object.freeze({ theta2Height: 0n, theta3Height: 0n });
// Note: the reference's privatenet genesis snapshot was written with the mainnet heights compiled
// in, so its height-0 header has 12 fields; decode it with MAINNET_HEADER_FORKS.
