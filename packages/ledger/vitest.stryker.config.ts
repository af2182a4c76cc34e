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
    // The executors' own suites (one per tx type, plus the dispatcher and the stake returns);
    // the block-level suites (ledgerChain, mempool, micropaymentInterop) are left out for time.
    include: [
      "test/sendTx*.test.ts",
      "test/executeTx*.test.ts",
      "test/reserveFundTx.test.ts",
      "test/servicePaymentTx.test.ts",
      "test/splitRuleTx.test.ts",
      "test/smartContractTx*.test.ts",
      "test/coinbaseTx.test.ts",
      "test/slashTx.test.ts",
      "test/depositStakeTx.test.ts",
      "test/withdrawStakeTx.test.ts",
      "test/stakeTxVectors.test.ts",
      "test/stakeReturns.test.ts",
      "test/stakeRewardDistributionTx.test.ts",
      "test/execution/*.test.ts",
    ],
  },
});
