/** The progress line of a chain import: height, target and blocks per second, at most every `everyMs`. */

/** A progress reporter. */
export interface ImportProgress {
  /** Called after each imported block. */
  block(height: bigint): void;
  /** Blocks imported so far. */
  readonly count: number;
}

/** What the reporter reads and writes. */
export interface ImportProgressDeps {
  /** Milliseconds from any fixed origin. */
  readonly now: () => number;
  readonly report: (line: { height: bigint; target: bigint; blocksPerSecond: number }) => void;
}

/** Creates a reporter for an import up to `target`. */
export function createImportProgress(
  deps: ImportProgressDeps,
  target: bigint,
  everyMs: number,
): ImportProgress {
  let count = 0;
  let windowStart = deps.now();
  let windowCount = 0;
  return {
    block(height) {
      count++;
      windowCount++;
      const t = deps.now();
      if (t - windowStart >= everyMs) {
        const blocksPerSecond = Math.round((windowCount * 1000 * 10) / (t - windowStart)) / 10;
        deps.report({ height, target, blocksPerSecond });
        windowStart = t;
        windowCount = 0;
      }
    },
    get count() {
      return count;
    },
  };
}
