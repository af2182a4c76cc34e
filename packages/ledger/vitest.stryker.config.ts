import { defineConfig } from "vitest/config";
import { sharedConfig } from "../../vitest.shared.ts";

/**
 * The tests Stryker runs against each mutant (stryker.config.json): the ones that exercise the
 * mutated files. The sandbox sits two levels under the repository root, like this package.
 */
export default defineConfig({
  ...sharedConfig,
  test: {
    ...sharedConfig.test,
    // One worker reused across mutant runs: Stryker switches mutants at run time, not by reloading.
    pool: "threads",
    isolate: false,
    include: ["test/sendTx*.test.ts", "test/executeTx*.test.ts"],
  },
});
