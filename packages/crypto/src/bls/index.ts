export * from "./bls.ts";
export { HERUMI_COFACTOR_ADJUSTMENT, thetaHashToG2, thetaMapToTwist } from "./hashToG2.ts";
export { g1GroupSums, g1WeightedSum } from "./pointSum.ts";
export { type BlsPreparedMessage, blsPrepareMessage, blsVerifyPrepared } from "./prepared.ts";
