/** The Web3 Secret Storage v3 keystore as Theta writes it (docs/interfaces.md §4.1). */

/** Randomness port: salts, IVs and key ids come from here (the package itself is pure). */
export interface RandomSource {
  /** `length` cryptographically random bytes. */
  randomBytes(length: number): Uint8Array;
}

/** scrypt as a function (noble by default; apps may inject node:crypto's, which is faster). */
export type ScryptFn = (
  password: Uint8Array,
  salt: Uint8Array,
  params: { N: number; r: number; p: number; dkLen: number },
) => Uint8Array | Promise<Uint8Array>;

/** A keystore file's JSON. */
export interface KeystoreJson {
  address: string;
  crypto: {
    cipher: string;
    ciphertext: string;
    cipherparams: { iv: string };
    kdf: string;
    kdfparams: Record<string, unknown>;
    mac: string;
  };
  id: string;
  version: number;
}

/** scrypt cost of the keystores Theta writes. */
export const THETA_SCRYPT_N = 262_144;
