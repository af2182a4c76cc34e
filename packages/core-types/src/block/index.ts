export * from "./block.ts";
export * from "./extendedBlock.ts";
export * from "./forks.ts";
export * from "./header.ts";
export * from "./json.ts";
export * from "./proposal.ts";
