/**
 * Deterministic simulation harness for the consensus engines: a virtual clock with an event queue, an
 * in-memory network with seeded delay, loss, reordering, partitions and crashes, fake executor, signer
 * and stores, Byzantine network wrappers, a driver for many validator engines, and the `Executor`
 * compliance suite every executor runs.
 *
 * @packageDocumentation
 */
export * from "./byzantine.ts";
export * from "./eenNetwork.ts";
export * from "./eenSimulation.ts";
export * from "./executorCompliance.ts";
export * from "./fakeCrypto.ts";
export * from "./fakeEenCrypto.ts";
export * from "./fakeExecutor.ts";
export * from "./memoryStores.ts";
export * from "./networkCompliance.ts";
export * from "./scenario.ts";
export * from "./simNetwork.ts";
export * from "./simulation.ts";
export * from "./virtualClock.ts";
