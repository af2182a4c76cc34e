/**
 * The node's libp2p identity. docs/decisions.md §9 of the project: the Ed25519 host key derives from the
 * node's secp256k1 *private* key, `seed = HKDF-SHA256(ikm = private key, salt = "theta-ts/libp2p-key/v1",
 * info = "", 32 bytes)`, so nobody who only knows the public key can impersonate the node. The
 * reference's derivation (docs/consensus.md §5.6: the first 32 characters of the hex of the uncompressed
 * public key, taken as ASCII) is kept for comparison and its spec vector.
 */
import { createPrivateKey, createPublicKey } from "node:crypto";
import { privateKeyFromRaw } from "@libp2p/crypto/keys";
import type { PrivateKey } from "@libp2p/interface";
import { peerIdFromPrivateKey } from "@libp2p/peer-id";
import { hkdf } from "@noble/hashes/hkdf.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, concatBytes, hexToBytes, ThetaError, utf8ToBytes } from "@theta/core-types";
import { P2pErrorCode } from "./errors.ts";

/** HKDF salt of the host-key derivation (docs/decisions.md §9). */
export const LIBP2P_KEY_HKDF_SALT = "theta-ts/libp2p-key/v1";

/** Where the host key comes from: the node's secp256k1 key, or a 32-byte Ed25519 seed the node keeps. */
export type P2pIdentity = { readonly nodeKey: Uint8Array } | { readonly ed25519Seed: Uint8Array };

function expect32(bytes: Uint8Array, field: string): void {
  if (bytes.length !== 32) {
    throw new ThetaError(P2pErrorCode.BadIdentity, `${field}: expected 32 bytes, got ${bytes.length}`, {
      details: { field },
    });
  }
}

/** The Ed25519 seed derived from a 32-byte secp256k1 private key (docs/decisions.md §9). */
export function ed25519SeedFromNodeKey(nodeKey: Uint8Array): Uint8Array {
  expect32(nodeKey, "identity.nodeKey");
  return hkdf(sha256, nodeKey, utf8ToBytes(LIBP2P_KEY_HKDF_SALT), new Uint8Array(0), 32);
}

/** The reference's seed: the first 32 ASCII characters of the lowercase hex of the 65-byte public key. */
export function referenceEd25519Seed(uncompressedPublicKey: Uint8Array): Uint8Array {
  if (uncompressedPublicKey.length !== 65 || uncompressedPublicKey[0] !== 4) {
    throw new ThetaError(
      P2pErrorCode.BadIdentity,
      `publicKey: expected 65 bytes starting with 0x04, got ${uncompressedPublicKey.length} bytes`,
      { details: { field: "publicKey" } },
    );
  }
  return utf8ToBytes(bytesToHex(uncompressedPublicKey).slice(0, 32));
}

/** RFC 8410 DER: an Ed25519 PKCS#8 private key is this prefix and the seed; an SPKI public key ends with the key. */
const PKCS8_ED25519_PREFIX = hexToBytes("302e020100300506032b657004220420");

/**
 * The libp2p Ed25519 key of a 32-byte seed (seed ‖ public key, as libp2p keeps it). Not
 * `generateKeyPairFromSeed`: @libp2p/crypto 5.1.8 derives the public key from a JWK with an empty
 * `x`, which Node 24.22 rejects ("Invalid JWK OKP key"; fixed upstream by libp2p/js-libp2p#3493,
 * in the @libp2p/crypto of libp2p 3).
 */
function ed25519KeyFromSeed(seed: Uint8Array): PrivateKey {
  const der = Buffer.from(concatBytes(PKCS8_ED25519_PREFIX, seed));
  const spki = createPublicKey(createPrivateKey({ key: der, format: "der", type: "pkcs8" })).export({
    format: "der",
    type: "spki",
  });
  return privateKeyFromRaw(concatBytes(seed, spki.subarray(spki.length - 32)));
}

/** The libp2p private key of an identity. */
export async function hostKeyFromIdentity(identity: P2pIdentity): Promise<PrivateKey> {
  if ("nodeKey" in identity) return ed25519KeyFromSeed(ed25519SeedFromNodeKey(identity.nodeKey));
  expect32(identity.ed25519Seed, "identity.ed25519Seed");
  return ed25519KeyFromSeed(identity.ed25519Seed);
}

/** The peer id (`12D3KooW…`) an identity gives, for the node's status without starting the network. */
export async function peerIdOfIdentity(identity: P2pIdentity): Promise<string> {
  return peerIdFromPrivateKey(await hostKeyFromIdentity(identity)).toString();
}
