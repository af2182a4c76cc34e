/** Result codes of transaction execution (docs/ledger.md §4.6; the reference's numeric codes for RPC). */
export const ExecCode = {
  Generic: 100000,
  InvalidSignature: 100001,
  InvalidSequence: 100002,
  InsufficientFund: 100003,
  UnauthorizedTx: 100005,
  InvalidFee: 100006,
  ReserveFundCheckFailed: 101001,
  ReservedFundNotSpecified: 101002,
  InvalidFundToReserve: 101003,
  ReleaseFundCheckFailed: 102001,
  CheckTransferReservedFundFailed: 103001,
  UnauthorizedToUpdateSplitRule: 104001,
  EVMError: 105001,
  InvalidValueToTransfer: 105002,
  InvalidGasPrice: 105003,
  FeeLimitTooHigh: 105004,
  InvalidGasLimit: 105005,
  InvalidStakePurpose: 106001,
  InvalidStake: 106002,
  InsufficientStake: 106003,
  NotEnoughBalanceToStake: 106004,
  StakeExceedsCap: 106005,
} as const;

/** One of the numeric execution codes. */
export type ExecCode = (typeof ExecCode)[keyof typeof ExecCode];

/** A rejected transaction: the reference's numeric code and a message naming the check. */
export interface ExecFailure {
  readonly code: ExecCode;
  readonly message: string;
}

/** The outcome of a check or delivery: success or a failure value (never thrown). */
export type ExecResult = { readonly ok: true } | { readonly ok: false; readonly failure: ExecFailure };

/** The success value. */
export const EXEC_OK: ExecResult = Object.freeze({ ok: true as const });

/** A failure value with `code` and `message`. */
export function execFail(code: ExecCode, message: string): ExecResult {
  return { ok: false, failure: { code, message } };
}
