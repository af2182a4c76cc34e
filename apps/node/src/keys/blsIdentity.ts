/**
 * A node key's BLS identity (decision 9: the BLS secret key is derived from the node's secp256k1
 * key): the 48-byte public key and the 96-byte proof of possession a guardian publishes.
 */
import { blsPopProve, blsPublicKey, blsSecretKeyFromPrivateKey } from "@theta/crypto";

export interface BlsIdentity {
  readonly blsPubkey: Uint8Array;
  readonly blsPop: Uint8Array;
}

/** The BLS public key and proof of possession of the node key `privateKey`. */
export function blsIdentityOf(privateKey: Uint8Array): BlsIdentity {
  const sk = blsSecretKeyFromPrivateKey(privateKey);
  return { blsPubkey: blsPublicKey(sk).bytes, blsPop: blsPopProve(sk).bytes };
}
