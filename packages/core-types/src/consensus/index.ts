/**
 * Consensus-side wire types: block header and block, votes, vote sets, commit certificates,
 * guardian and edge-node aggregates, proposals, extended blocks, their JSON forms, and the
 * snapshot file reader and writer.
 */
export * from "../block/index.ts";
export * from "../snapshot/index.ts";
export * from "../vote/index.ts";
export * from "./envelope.ts";
export * from "./errors.ts";
