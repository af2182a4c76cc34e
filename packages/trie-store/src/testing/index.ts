/** Port compliance suites for adapters, and test doubles (the fault-injecting store for crash tests). */
export {
  type CrashPoint,
  type CrashScenario,
  createFaultyKvStore,
  type FaultPlan,
  FaultyKvErrorCode,
  type FaultyKvStore,
  forEachCrashPoint,
} from "./faultyKvStore.ts";
export { runKvStoreCompliance } from "./kvStoreCompliance.ts";
