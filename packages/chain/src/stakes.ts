/** The validator set and the guardian pool in the state after a block, as consensus asks for them. */
import type { GuardianEntry, GuardianPoolInfo, StakeEntry } from "@theta/consensus";
import { encodeGcp, type Hash } from "@theta/core-types";
import { type Ledger, validatorSetFromVcp } from "@theta/ledger";

/** The validator set (the top `maxValidatorCount` of the candidate pool) in the state at `root`. */
export async function validatorsAt(ledger: Ledger, root: Hash): Promise<StakeEntry[]> {
  const vcp = await (await ledger.view(root)).getVcp();
  return validatorSetFromVcp(vcp, ledger.profile.maxValidatorCount).map((v) => ({
    address: v.address,
    stake: v.stake,
  }));
}

/**
 * The guardian pool in the state at `root` (an empty pool when `root` is undefined): the hash of
 * the whole pool and the guardians that still have stake, in pool order.
 */
export async function guardiansAt(
  ledger: Ledger,
  keccak256: (data: Uint8Array) => Uint8Array,
  root: Hash | undefined,
): Promise<GuardianPoolInfo> {
  const gcp = (root === undefined ? undefined : await (await ledger.view(root)).getGcp()) ?? {
    sortedGuardians: [],
  };
  // The pool keeps no proofs of possession; they were checked when each guardian staked.
  const guardians: GuardianEntry[] = gcp.sortedGuardians
    .filter((g) => g.stakes.some((s) => !s.withdrawn))
    .map((g) => ({
      address: g.holder,
      stake: g.stakes.filter((s) => !s.withdrawn).reduce((sum, s) => sum + s.amount, 0n),
      blsPubkey: g.blsPubkey,
      blsPop: new Uint8Array(0),
    }));
  return { gcpHash: keccak256(encodeGcp(gcp)), guardians };
}
