export * from "./constants.ts";
export { releaseExpiredFunds, visibleReservedFunds } from "./release.ts";
export { applyReserveFund, checkReleaseFund, checkReserveFund } from "./reserve.ts";
export { ResultCode, type RuleResult } from "./result.ts";
export { checkSlash, type SlashOutcome } from "./slash.ts";
export {
  checkTransferReservedFund,
  lastSettledPaymentSequence,
  type Share,
  type SplitOutcome,
  splitPayment,
  type TransferOutcome,
  transferReservedFund,
} from "./transfer.ts";
