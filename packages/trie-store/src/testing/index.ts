/** Port compliance suites for adapters, and test doubles. */
export { runKvStoreCompliance } from "./kvStoreCompliance.ts";
