/**
 * The state view in Theta's key layout, every transaction executor, fees, block application, genesis and snapshots, the mempool.
 *
 * @packageDocumentation
 */

/** Not built yet: see this package's README for what it will own. */
export const PACKAGE_STATUS = "planned" as const;
