import { hexToBytes } from "@theta/core-types";
import {
  decryptKeystore,
  defaultCrypto,
  encryptKeystore,
  type RandomSource,
  type ScryptFn,
  serializeKeystore,
  type ThetaCrypto,
} from "@theta/crypto";
import { nodeRandom, nodeScrypt } from "@theta/platform-node";
import type { NodeKey, NodeKeyCodec } from "./nodeKeyCodec.ts";

export { nodeRandom };

/** Dependencies of {@link createCryptoNodeKeyCodec}. */
export interface CryptoNodeKeyCodecDeps {
  readonly random: RandomSource;
  readonly scrypt: ScryptFn;
  readonly crypto?: ThetaCrypto;
}

/**
 * The node's key codec on @theta/crypto's v3 keystore (scrypt N = 262144 unless `scryptN` is
 * given, e.g. a small one in tests). Key file names are the EIP-55 address without `0x`; a file
 * whose content decrypts to another address is refused (the reference's "key content mismatch").
 */
export function createCryptoNodeKeyCodec(
  deps: CryptoNodeKeyCodecDeps,
  opts: { readonly scryptN?: number } = {},
): NodeKeyCodec {
  const c = deps.crypto ?? defaultCrypto;
  const keyOf = (privateKey: Uint8Array): NodeKey => ({
    privateKey,
    address: c.toChecksumAddress(c.privateKeyToAddress(privateKey)).slice(2),
  });
  return {
    async generate() {
      for (;;) {
        const candidate = deps.random.randomBytes(32);
        if (c.backend.isValidPrivateKey(candidate)) return keyOf(candidate);
      }
    },
    async encrypt(key, password) {
      const ks = await encryptKeystore(
        key.privateKey,
        password,
        { random: deps.random, scrypt: deps.scrypt, crypto: c },
        opts.scryptN === undefined ? {} : { scryptN: opts.scryptN },
      );
      return serializeKeystore(ks);
    },
    async decrypt(fileText, password, fileName) {
      const expected =
        fileName !== undefined && /^[0-9a-fA-F]{40}$/.test(fileName) ? hexToBytes(fileName) : undefined;
      const privateKey = await decryptKeystore(
        fileText,
        password,
        { scrypt: deps.scrypt, crypto: c },
        expected,
      );
      return keyOf(privateKey);
    },
  };
}

/** The codec `theta start` uses: OS randomness and node:crypto's scrypt. */
export function defaultNodeKeyCodec(): NodeKeyCodec {
  return createCryptoNodeKeyCodec({ random: nodeRandom, scrypt: nodeScrypt });
}
