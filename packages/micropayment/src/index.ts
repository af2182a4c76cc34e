/**
 * The off-chain micropayment pool for payers and relays, and the on-chain pool rules as pure functions.
 *
 * @packageDocumentation
 */

/** Not built yet: see this package's README for what it will own. */
export const PACKAGE_STATUS = "planned" as const;
