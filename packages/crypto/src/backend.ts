/**
 * The crypto backend port: the few primitives whose speed matters. noble is the default; apps
 * may inject the native backend (`@theta/crypto-native`) for speed. Both must produce identical
 * bytes (a differential test checks thousands of random inputs).
 */
export interface CryptoBackend {
  readonly name: string;
  /** keccak256 (the original Keccak padding, as Ethereum and Theta use it). */
  keccak256(data: Uint8Array): Uint8Array;
  /** True for a 32-byte scalar with 0 < d < n. */
  isValidPrivateKey(privateKey: Uint8Array): boolean;
  /** The 65-byte uncompressed public key (0x04 ‖ X ‖ Y). */
  publicKey(privateKey: Uint8Array): Uint8Array;
  /** RFC 6979, low-S: 65 bytes r ‖ s ‖ v with v ∈ {0, 1}. */
  signHash(hash: Uint8Array, privateKey: Uint8Array): Uint8Array;
  /**
   * Recovers the 65-byte uncompressed public key from a 32-byte hash and a 65-byte r ‖ s ‖ v
   * signature (v ∈ {0,1}); high-S is accepted, as libsecp256k1's recovery does. Undefined when
   * recovery fails.
   */
  recoverPublicKey(hash: Uint8Array, signature: Uint8Array): Uint8Array | undefined;
}
