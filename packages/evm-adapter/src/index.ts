/**
 * The ledger's ContractRuntime port on @ethereumjs/evm with Theta's Petersburg-era rules.
 *
 * @packageDocumentation
 */

/** Not built yet: see this package's README for what it will own. */
export const PACKAGE_STATUS = "planned" as const;
