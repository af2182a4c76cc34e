/**
 * The BLS summary check of guardian and EEN onboarding (docs/ledger.md §7.3): the BLS public key and
 * its proof of possession must be present, the holder's secp256k1 signature over the raw PoP
 * bytes must recover to the holder, and the PoP must verify against the key.
 */
import { type Address, err, isThetaError, ok, type Result } from "@theta/core-types";
import { blsPopVerify, blsPublicKeyFromBytes, blsSignatureFromBytes, type ThetaCrypto } from "@theta/crypto";
import { StakingErrorCode } from "./errors.ts";

/** The BLS fields a DepositStakeTxV2 carries. */
export interface BlsSummary {
  readonly holder: Address;
  readonly blsPubkey: Uint8Array;
  readonly blsPop: Uint8Array;
  readonly holderSig: Uint8Array;
}

/** Checks a BLS summary in the reference's order; the first failure is reported. */
export function checkBlsSummary(
  crypto: ThetaCrypto,
  s: BlsSummary,
): Result<void, typeof StakingErrorCode.InvalidBlsSummary> {
  const fail = (m: string) => err(StakingErrorCode.InvalidBlsSummary, m);
  if (s.blsPubkey.length === 0) return fail("bls_pubkey: must provide the BLS public key");
  if (s.blsPop.length === 0) return fail("bls_pop: must provide the BLS proof of possession");
  if (s.holderSig.length === 0) return fail("holder_sig: must provide the holder signature");
  if (!crypto.verify(s.blsPop, s.holderSig, s.holder)) {
    return fail("holder_sig: the BLS key info is not signed by the holder");
  }
  try {
    const pk = blsPublicKeyFromBytes(s.blsPubkey);
    const pop = blsSignatureFromBytes(s.blsPop);
    if (!blsPopVerify(pk, pop)) return fail("bls_pop: does not verify against the BLS public key");
  } catch (e) {
    if (isThetaError(e)) return fail(`bls: ${e.message}`);
    throw e;
  }
  return ok(undefined);
}
