/**
 * The KvStore port, a versioned Merkle-Patricia state on @ethereumjs/mpt, and reference-counting history pruning.
 *
 * @packageDocumentation
 */

/** Not built yet: see this package's README for what it will own. */
export const PACKAGE_STATUS = "planned" as const;
