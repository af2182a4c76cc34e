/**
 * The error base of the whole project.
 *
 * Every error a user can meet carries a stable machine-readable `code` (`DOMAIN_REASON`, upper
 * snake case, never renamed once published) and a message that names the field and what was
 * expected. Codes are data: packages declare theirs as `as const` objects next to the code that
 * throws them, so `switch (err.code)` is exhaustive and greppable.
 */
export class ThetaError<Code extends string = string> extends Error {
  readonly code: Code;
  /** Structured details (field name, expected and actual values) for logs and RPC `data`. */
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(code: Code, message: string, options?: { details?: Record<string, unknown>; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "ThetaError";
    this.code = code;
    this.details = options?.details === undefined ? undefined : Object.freeze({ ...options.details });
  }
}

/** True when `err` is a ThetaError, optionally with the given code. */
export function isThetaError<C extends string>(err: unknown, code?: C): err is ThetaError<C> {
  return err instanceof ThetaError && (code === undefined || err.code === code);
}

/**
 * A protocol outcome as a value: validation of transactions and blocks returns this instead of
 * throwing, so callers handle rejection as ordinary control flow.
 */
export type Result<T, Code extends string = string> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly code: Code; readonly message: string };

/** A successful {@link Result} carrying `value`. */
export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

/** A failed {@link Result} with a stable `code` and a message. */
export function err<Code extends string>(
  code: Code,
  message: string,
): { readonly ok: false; readonly code: Code; readonly message: string } {
  return { ok: false, code, message };
}
