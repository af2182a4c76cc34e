/**
 * keccak256, secp256k1 recoverable signatures and addresses, Theta's BLS, the v3 keystore, tx hashes and TxIDs, behind a pluggable backend.
 *
 * @packageDocumentation
 */

/** Not built yet: see this package's README for what it will own. */
export const PACKAGE_STATUS = "planned" as const;
