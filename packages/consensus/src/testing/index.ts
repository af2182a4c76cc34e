/**
 * Deterministic simulation harness for the consensus engines: a virtual clock with an event queue and
 * an in-memory network with seeded delay, loss, reordering, partitions and crashes.
 *
 * @packageDocumentation
 */
export * from "./simNetwork.ts";
export * from "./virtualClock.ts";
