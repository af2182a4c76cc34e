export * from "./account.ts";
export * from "./coins.ts";
export * from "./primitives.ts";
export * from "./reservedFund.ts";
export * from "./splitRule.ts";
export * from "./stake.ts";
export * from "./stateKeys.ts";
export * from "./txio.ts";
