/**
 * JSON of the elite-edge-node and reward-distribution results (docs/interfaces.md §1.4 methods
 * 16–20). Members keep the reference's Go field names; stakes use the lower-case
 * `source`/`amount`/`withdrawn`/`return_height` form of the VCP and GCP results.
 */
import {
  type EliteEdgeNode,
  type RewardDistribution,
  type StakeWithHolder,
  stakeHolderToJson,
  stakeToJson,
} from "@theta/core-types";
import { hex0x } from "./encodings.ts";
import { jsonNumber } from "./jsonText.ts";

/** An elite edge node: `{"Holder","Stakes"}` (the BLS key is not printed, as the reference's `json:"-"`). */
export const eenToJson = (n: EliteEdgeNode) => stakeHolderToJson(n);

/** A stake-return entry: `{"Holder","Stake"}`. */
export const stakeWithHolderToJson = (s: StakeWithHolder) => ({
  Holder: hex0x(s.holder),
  Stake: stakeToJson(s.stake),
});

/** A reward distribution rule: `{"StakeHolder","Beneficiary","SplitBasisPoint":n}`; null when absent. */
export const rewardDistributionToJson = (r: RewardDistribution | undefined) =>
  r === undefined
    ? null
    : {
        StakeHolder: hex0x(r.stakeHolder),
        Beneficiary: hex0x(r.beneficiary),
        SplitBasisPoint: jsonNumber(r.splitBasisPoint),
      };
