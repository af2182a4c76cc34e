/**
 * keccak256, secp256k1 recoverable signatures and addresses, Theta's BLS, the v3 keystore, tx
 * hashes and TxIDs, behind a pluggable backend (noble by default; native in `@theta/crypto-native`).
 *
 * @packageDocumentation
 */
export { contractAddress, create2Address, publicKeyToAddress, toChecksumAddress } from "./address.ts";
export type { CryptoBackend } from "./backend.ts";
export * from "./bls/index.ts";
export { createCrypto, defaultCrypto, type ThetaCrypto, verifyTxSignature } from "./crypto.ts";
export { CryptoErrorCode } from "./errors.ts";
export * from "./keystore/index.ts";
export { nobleBackend } from "./noble.ts";
export { inlineVerifier, type SignatureBatchVerifier, type SignatureCheck } from "./signatureBatch.ts";
