/**
 * The validator BFT engine and the guardian aggregated-signature gossip, with ports for clock, network,
 * store and executor, and a deterministic simulation harness.
 *
 * @packageDocumentation
 */
export * from "./een/aggregate.ts";
export * from "./een/blsCrypto.ts";
export * from "./een/checkpoint.ts";
export * from "./een/engine.ts";
export * from "./een/errors.ts";
export * from "./een/headerVotes.ts";
export * from "./een/ports.ts";
export * from "./een/service.ts";
export * from "./een/voter.ts";
export * from "./een/wire.ts";
export * from "./guardian/aggregate.ts";
export * from "./guardian/aggregateKeys.ts";
export * from "./guardian/engine.ts";
export * from "./guardian/gossipModel.ts";
export * from "./guardian/graph.ts";
export * from "./guardian/multiplicity.ts";
export * from "./guardian/paperTable.ts";
export * from "./guardian/service.ts";
export * from "./guardian/wire.ts";
export * from "./majority.ts";
export * from "./missingVotes.ts";
export * from "./ports.ts";
export * from "./proposer.ts";
export * from "./random.ts";
export * from "./sync/errors.ts";
export * from "./sync/limits.ts";
export * from "./sync/locator.ts";
export * from "./sync/messages.ts";
export * from "./sync/peers.ts";
export * from "./sync/responder.ts";
export * from "./sync/syncer.ts";
export * from "./sync/types.ts";
export * from "./validator/blockTree.ts";
export * from "./validator/chain.ts";
export { blockHashOnce, decodeConsensusMessageOnce, decodedBefore } from "./validator/decodeOnce.ts";
export * from "./validator/engine.ts";
export * from "./validator/epochVotes.ts";
export * from "./validator/stakeIndex.ts";
export * from "./validator/types.ts";
export * from "./validator/validation.ts";
export * from "./validator/validatorSets.ts";
export * from "./validator/wire.ts";
