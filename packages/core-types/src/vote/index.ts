export * from "./aggregatedEenVotes.ts";
export * from "./aggregatedVotes.ts";
export * from "./commitCertificate.ts";
export * from "./eenVote.ts";
export * from "./multiplies.ts";
export * from "./signature.ts";
export * from "./vote.ts";
export * from "./voteSet.ts";
