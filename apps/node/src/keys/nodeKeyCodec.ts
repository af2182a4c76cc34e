/** A node's account key, unlocked. */
export interface NodeKey {
  /** The 32-byte secp256k1 private key. */
  readonly privateKey: Uint8Array;
  /** The address, EIP-55 hex without `0x` (also the key file's name). */
  readonly address: string;
}

/**
 * The node's key cryptography, kept behind a port: the node owns the files and the password
 * dialogue, the codec owns the cryptography (@theta/crypto's encrypted v3 keystore in
 * production, see `cryptoNodeKeyCodec.ts`).
 */
export interface NodeKeyCodec {
  /** Generates a fresh secp256k1 key. */
  generate(): Promise<NodeKey>;
  /** The keystore file text (compact JSON) for `key` encrypted under `password`. */
  encrypt(key: NodeKey, password: string): Promise<string>;
  /**
   * Decrypts keystore file text; throws a ThetaError on a wrong password, a malformed file, or
   * (given the file's name) content whose address is not the one the name says.
   */
  decrypt(fileText: string, password: string, fileName?: string): Promise<NodeKey>;
}
