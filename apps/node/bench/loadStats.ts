/** Small statistics helpers for the load generator's report. */

/** The `p`-th percentile (0..100, nearest rank) of `values`; NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** `n` formatted with `digits` decimals, or "n/a" for NaN. */
export function fmt(n: number, digits = 0): string {
  return Number.isNaN(n) ? "n/a" : n.toFixed(digits);
}
