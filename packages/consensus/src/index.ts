/**
 * The validator BFT engine and the guardian aggregated-signature gossip, with ports for clock, network, store and executor, and a deterministic simulation harness.
 *
 * @packageDocumentation
 */

/** Not built yet: see this package's README for what it will own. */
export const PACKAGE_STATUS = "planned" as const;
