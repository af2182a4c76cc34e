import { scrypt } from "node:crypto";

/** scrypt parameters as a keystore file names them. */
export interface ScryptParams {
  readonly N: number;
  readonly r: number;
  readonly p: number;
  readonly dkLen: number;
}

/**
 * scrypt on node:crypto (OpenSSL), to inject into the keystore: the keystore's N = 262144
 * takes a fraction of the time a pure-JS scrypt needs.
 */
export function nodeScrypt(
  password: Uint8Array,
  salt: Uint8Array,
  params: ScryptParams,
): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const maxmem = 256 * params.N * params.r + 1024 * 1024;
    scrypt(password, salt, params.dkLen, { N: params.N, r: params.r, p: params.p, maxmem }, (e, key) => {
      if (e !== null) reject(e);
      else resolve(new Uint8Array(key.buffer, key.byteOffset, key.byteLength));
    });
  });
}
