/**
 * The BLS checks of `theta genesis`: every guardian stake and every elite-edge-node stake must carry
 * a BLS proof of possession that verifies against its BLS public key (docs/consensus.md: a key in
 * the guardian pool or the EEN set without one would allow a rogue-key aggregate). The first failing
 * stake is reported, naming its list, index, holder address and the field at fault.
 */
import { hexToBytes, ThetaError } from "@theta/core-types";
import { blsPopVerify, blsPublicKeyFromBytes, blsSignatureFromBytes } from "@theta/crypto";
import { GenesisErrorCode, type GenesisFile } from "./description.ts";

interface BlsStake {
  readonly holder: string;
  readonly blsPubkey: string;
  readonly blsPop?: string;
}

const KINDS = {
  guardianStakes: { code: GenesisErrorCode.BadGuardianPop, who: "guardian" },
  eliteEdgeNodeStakes: { code: GenesisErrorCode.BadEenPop, who: "elite edge node" },
} as const;

function refuse(
  list: keyof typeof KINDS,
  i: number,
  holder: string,
  field: "blsPubkey" | "blsPop",
  why: string,
): never {
  const { code, who } = KINDS[list];
  throw new ThetaError(code, `${list}[${i}].${field}: ${who} ${holder} ${why}`, {
    details: { index: i, holder, field },
  });
}

function checkPops(list: keyof typeof KINDS, stakes: readonly BlsStake[]): void {
  stakes.forEach((g, i) => {
    let pk: ReturnType<typeof blsPublicKeyFromBytes>;
    try {
      pk = blsPublicKeyFromBytes(hexToBytes(g.blsPubkey));
    } catch {
      refuse(list, i, g.holder, "blsPubkey", "has no valid BLS public key (48-byte compressed G1 point)");
    }
    if (g.blsPop === undefined) {
      refuse(
        list,
        i,
        g.holder,
        "blsPop",
        "has no proof of possession of its BLS key (`theta key info` prints it)",
      );
    }
    let ok = false;
    try {
      ok = blsPopVerify(pk, blsSignatureFromBytes(hexToBytes(g.blsPop)));
    } catch {
      ok = false;
    }
    if (!ok)
      refuse(
        list,
        i,
        g.holder,
        "blsPop",
        "has a proof of possession that does not verify against its blsPubkey",
      );
  });
}

/**
 * Throws GENESIS_BAD_GUARDIAN_POP (a guardian) or GENESIS_BAD_EEN_POP (an elite edge node) unless
 * every proof of possession verifies.
 */
export function checkGuardianPops(file: GenesisFile): void {
  checkPops("guardianStakes", file.guardianStakes);
  checkPops("eliteEdgeNodeStakes", file.eliteEdgeNodeStakes ?? []);
}
