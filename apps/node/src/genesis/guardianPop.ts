/**
 * The guardian check of `theta genesis`: every guardian stake must carry a BLS proof of possession
 * that verifies against its BLS public key (docs/consensus.md: a key in the guardian pool without
 * one would allow a rogue-key aggregate). The first failing guardian is reported, naming its index,
 * holder address and the field at fault.
 */
import { hexToBytes, ThetaError } from "@theta/core-types";
import { blsPopVerify, blsPublicKeyFromBytes, blsSignatureFromBytes } from "@theta/crypto";
import { GenesisErrorCode, type GenesisFile } from "./description.ts";

function refuse(i: number, holder: string, field: "blsPubkey" | "blsPop", why: string): never {
  throw new ThetaError(
    GenesisErrorCode.BadGuardianPop,
    `guardianStakes[${i}].${field}: guardian ${holder} ${why}`,
    { details: { index: i, holder, field } },
  );
}

/** Throws GENESIS_BAD_GUARDIAN_POP unless every guardian's proof of possession verifies. */
export function checkGuardianPops(file: GenesisFile): void {
  file.guardianStakes.forEach((g, i) => {
    let pk: ReturnType<typeof blsPublicKeyFromBytes>;
    try {
      pk = blsPublicKeyFromBytes(hexToBytes(g.blsPubkey));
    } catch {
      refuse(i, g.holder, "blsPubkey", "has no valid BLS public key (48-byte compressed G1 point)");
    }
    if (g.blsPop === undefined) {
      refuse(i, g.holder, "blsPop", "has no proof of possession of its BLS key (`theta key info` prints it)");
    }
    let ok = false;
    try {
      ok = blsPopVerify(pk, blsSignatureFromBytes(hexToBytes(g.blsPop)));
    } catch {
      ok = false;
    }
    if (!ok)
      refuse(i, g.holder, "blsPop", "has a proof of possession that does not verify against its blsPubkey");
  });
}
