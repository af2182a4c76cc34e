/**
 * Batch signature checks: the port through which a ledger has the signatures of a whole block
 * checked at once, possibly on other threads (platform-node's worker pool), before it executes the
 * block's txs one by one. The inline verifier checks them on the calling thread.
 */
import type { Address } from "@theta/core-types";
import type { ThetaCrypto } from "./crypto.ts";

/** One secp256k1 check: does `signature` over keccak256(`message`) recover to `address`? */
export interface SignatureCheck {
  readonly message: Uint8Array;
  readonly signature: Uint8Array;
  readonly address: Address;
}

/** Checks many signatures; results in the order of the checks. */
export interface SignatureBatchVerifier {
  /** Whether each check's signature is valid, in the order of `checks`. */
  verifyMany(checks: readonly SignatureCheck[]): Promise<boolean[]>;
}

/** A verifier that runs `crypto.verify` on the calling thread. */
export function inlineVerifier(crypto: ThetaCrypto): SignatureBatchVerifier {
  return {
    async verifyMany(checks) {
      return checks.map((c) => crypto.verify(c.message, c.signature, c.address));
    },
  };
}
