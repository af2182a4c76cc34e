/**
 * `thetacli`, the wallet: keys, transactions, queries, contract dry runs, off-chain micropayments, the daemon.
 *
 * @packageDocumentation
 */

/** Not built yet: see this package's README for what it will own. */
export const PACKAGE_STATUS = "planned" as const;
