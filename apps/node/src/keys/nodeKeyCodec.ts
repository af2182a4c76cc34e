/** A node's account key, unlocked. */
export interface NodeKey {
  /** The 32-byte secp256k1 private key. */
  readonly privateKey: Uint8Array;
  /** The address, EIP-55 hex without `0x` (also the key file's name). */
  readonly address: string;
}

/**
 * The seam where @theta/crypto's encrypted keystore (v3, scrypt, aes-128-ctr; interfaces.md
 * §4.1) plugs in: the node owns the files and the password dialogue, the codec owns the
 * cryptography. Until that keystore ships, `theta start` has no codec and says so.
 */
export interface NodeKeyCodec {
  /** Generates a fresh secp256k1 key. */
  generate(): Promise<NodeKey>;
  /** The keystore file text (compact JSON) for `key` encrypted under `password`. */
  encrypt(key: NodeKey, password: string): Promise<string>;
  /** Decrypts keystore file text; throws a ThetaError on a wrong password or a malformed file. */
  decrypt(fileText: string, password: string): Promise<NodeKey>;
}
