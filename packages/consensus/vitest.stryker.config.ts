import { defineConfig } from "vitest/config";
import { sharedConfig } from "../../vitest.shared.ts";

/**
 * The tests Stryker runs against each mutant (stryker.config.json): fast, focused tests of the mutated
 * files only. The simulated-network tests (real BLS, tens of seconds each) stay in `npm test`. The
 * sandbox sits two levels under the repository root, like this package.
 */
export default defineConfig({
  ...sharedConfig,
  test: {
    ...sharedConfig.test,
    // One worker reused across mutant runs: Stryker switches mutants at run time, not by reloading.
    pool: "threads",
    isolate: false,
    include: [
      "test/majority*.test.ts",
      "test/proposer.test.ts",
      "test/blockTree.test.ts",
      "test/epochVotes.test.ts",
      "test/boundedParts.test.ts",
      "test/multiplicity.test.ts",
      "test/aggregateKeys.test.ts",
      "test/validator/**/*.test.ts",
      "test/guardian/**/*.test.ts",
    ],
  },
});
