/**
 * The libp2p + gossipsub implementation of the consensus Network port, block sync and transaction gossip.
 *
 * @packageDocumentation
 */

/** Not built yet: see this package's README for what it will own. */
export const PACKAGE_STATUS = "planned" as const;
