/**
 * Block execution for the consensus `Executor` port: proposals built from the mempool, application
 * with the reuse of this node's own proposal, one state version per applied block, preverification
 * of submitted signatures, and a block's tx root.
 *
 * @packageDocumentation
 */
export * from "./blockPreparer.ts";
export * from "./errors.ts";
export * from "./executor.ts";
export { entriesOf } from "./indexEntries.ts";
export type { OwnProposal } from "./ownProposal.ts";
export * from "./ports.ts";
export * from "./preverifier.ts";
export * from "./stakes.ts";
export * from "./txRoot.ts";
