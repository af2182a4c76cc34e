/** Outcomes of the on-chain rules: values, never exceptions. `resultCode` is the reference's number. */
import type { MicropaymentErrorCode } from "../errors.ts";

/** The outcome of an on-chain pool rule: a value, or a code with the reference's numeric result code. */
export type RuleResult<T> =
  | { readonly ok: true; readonly value: T }
  | {
      readonly ok: false;
      readonly code: MicropaymentErrorCode;
      readonly resultCode: number;
      readonly message: string;
    };

/** The reference's numeric result codes of the pool rules. */
export const ResultCode = {
  InsufficientFund: 100003,
  ReserveFundCheckFailed: 101001,
  ReservedFundNotSpecified: 101002,
  InvalidFundToReserve: 101003,
  ReleaseFundCheckFailed: 102001,
  CheckTransferReservedFundFailed: 103001,
} as const;

export function ruleOk<T>(value: T): RuleResult<T> {
  return { ok: true, value };
}

export function ruleErr<T>(code: MicropaymentErrorCode, resultCode: number, message: string): RuleResult<T> {
  return { ok: false, code, resultCode, message };
}
