/** The native backend does not exist in a browser: a backend whose every primitive says so. */
import type { CryptoBackend } from "../../../../packages/crypto/src/index.ts";

const unavailable = (): never => {
  throw new Error("the native crypto backend (N-API) does not exist in a browser");
};

export const nativeBackend: CryptoBackend = {
  name: "native",
  keccak256: unavailable,
  isValidPrivateKey: unavailable,
  publicKey: unavailable,
  signHash: unavailable,
  recoverPublicKey: unavailable,
};
