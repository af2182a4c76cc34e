export { decryptKeystore, encryptKeystore, type KeystoreDeps, serializeKeystore } from "./keystore.ts";
export { type KeystoreJson, type RandomSource, type ScryptFn, THETA_SCRYPT_N } from "./types.ts";
export { uuidV4 } from "./uuid.ts";
