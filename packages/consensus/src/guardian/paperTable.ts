/**
 * The paper's published numbers (docs/consensus.md §6.2): largest multiplicity at convergence, indexed by
 * guardians, degree and Byzantine share.
 */

/** Byzantine shares of the paper's columns. */
export const PAPER_BYZANTINE_SHARES = [0, 0.1, 0.2, 0.3] as const;

/** Rows of Tables I and II: `[guardians, degree, max entry at 0/10/20/30% Byzantine]`. */
export const PAPER_MAX_ENTRY: readonly (readonly [
  number,
  number,
  readonly [number, number, number, number],
])[] = [
  [1000, 20, [125, 116, 103, 473]],
  [2000, 20, [112, 104, 445, 1053]],
  [3000, 20, [108, 453, 817, 1278]],
  [1000, 30, [161, 166, 153, 139]],
  [2000, 30, [161, 143, 135, 376]],
  [3000, 30, [146, 142, 132, 675]],
];
