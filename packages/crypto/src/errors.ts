/** Stable error codes of the crypto package. */
export const CryptoErrorCode = {
  InvalidPrivateKey: "CRYPTO_INVALID_PRIVATE_KEY",
  InvalidPublicKey: "CRYPTO_INVALID_PUBLIC_KEY",
  InvalidSignature: "CRYPTO_INVALID_SIGNATURE",
  InvalidBlsKey: "CRYPTO_INVALID_BLS_KEY",
  InvalidBlsSignature: "CRYPTO_INVALID_BLS_SIGNATURE",
  BlsAggregateMismatch: "CRYPTO_BLS_AGGREGATE_MISMATCH",
  KeystoreUnsupported: "KEYSTORE_UNSUPPORTED",
  KeystoreMalformed: "KEYSTORE_MALFORMED",
  KeystoreWrongPassword: "KEYSTORE_WRONG_PASSWORD",
  KeystoreAddressMismatch: "KEYSTORE_ADDRESS_MISMATCH",
} as const;
export type CryptoErrorCode = (typeof CryptoErrorCode)[keyof typeof CryptoErrorCode];
