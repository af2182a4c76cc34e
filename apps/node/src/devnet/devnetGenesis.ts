/**
 * The genesis of a devnet: every node is funded; validators stake equal amounts (the profile's
 * minimum validator stake), guardians stake the profile's minimum guardian stake with the BLS key
 * and proof of possession derived from their node keys (docs/decisions.md §9); elite edge nodes stake
 * the minimum EEN deposit in TFuel (docs/ledger.md §2.10) with their BLS keys the same way; followers
 * stake nothing.
 */
import { minGuardianStake, minValidatorStake } from "@theta/core-types";
import { MIN_EEN_STAKE_DEPOSIT } from "@theta/ledger";
import type { KeyInfo } from "../cmds/keyInfo.ts";
import { profileForChain } from "../compose/profile.ts";
import type { GenesisFile } from "../genesis/description.ts";
import type { DevnetRole } from "./layout.ts";

const E18 = 10n ** 18n;
/** What every devnet account holds besides its stake. */
export const DEVNET_BALANCE = { thetaWei: 1_000_000n * E18, tfuelWei: 10_000_000n * E18 } as const;

/** The stakes of a devnet on `chainId` at genesis (height 0 of its profile). */
export function devnetStakes(chainId: string): {
  readonly validator: bigint;
  readonly guardian: bigint;
  /** TFuel wei. */
  readonly een: bigint;
} {
  const profile = profileForChain(chainId);
  return {
    validator: minValidatorStake(profile, 0n),
    guardian: minGuardianStake(profile, 0n),
    een: MIN_EEN_STAKE_DEPOSIT,
  };
}

/** The genesis description of the devnet made of `nodes` (in plan order). */
export function devnetGenesis(
  chainId: string,
  nodes: ReadonlyArray<{ readonly role: DevnetRole; readonly key: KeyInfo }>,
): GenesisFile {
  const stakes = devnetStakes(chainId);
  return {
    chainId,
    timestamp: 0n,
    balances: nodes.map((n) => ({
      address: n.key.address,
      thetaWei: DEVNET_BALANCE.thetaWei.toString(),
      tfuelWei: DEVNET_BALANCE.tfuelWei.toString(),
    })),
    validatorStakes: nodes
      .filter((n) => n.role === "validator")
      .map((n) => ({ source: n.key.address, holder: n.key.address, thetaWei: stakes.validator.toString() })),
    guardianStakes: nodes
      .filter((n) => n.role === "guardian")
      .map((n) => ({
        source: n.key.address,
        holder: n.key.address,
        thetaWei: stakes.guardian.toString(),
        blsPubkey: n.key.blsPubkey,
        blsPop: n.key.blsPop,
      })),
    eliteEdgeNodeStakes: nodes
      .filter((n) => n.role === "een")
      .map((n) => ({
        source: n.key.address,
        holder: n.key.address,
        tfuelWei: stakes.een.toString(),
        blsPubkey: n.key.blsPubkey,
        blsPop: n.key.blsPop,
      })),
  };
}
