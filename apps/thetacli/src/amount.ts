/**
 * thetacli's amount syntax (docs/interfaces.md §2.1): a decimal number of whole tokens (fractions and
 * exponents allowed) times 10^18, or, with a case-insensitive `wei` suffix, a number already in
 * wei. Negative amounts are refused; fractional wei truncate toward zero.
 */
import { ThetaError } from "@theta/core-types";

export const AmountErrorCode = { Invalid: "CLI_INVALID_AMOUNT" } as const;

const NUMBER = /^(\d+)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$|^\.(\d+)(?:[eE]([+-]?\d+))?$/;

/** Exact decimal → integer scaled by 10^scale, truncating toward zero. */
function scaleDecimal(text: string, scale: number, flag: string): bigint {
  const m = NUMBER.exec(text);
  if (!m) {
    throw new ThetaError(
      AmountErrorCode.Invalid,
      `Failed to parse ${flag}: '${text}' is not a non-negative decimal amount (e.g. 10, 0.5, 1e3, 1000000000wei)`,
    );
  }
  const intPart = m[1] ?? "0";
  const frac = m[2] ?? m[4] ?? "";
  const exp = Number(m[3] ?? m[5] ?? "0");
  const digits = `${intPart}${frac}`;
  const shift = scale + exp - frac.length;
  if (shift >= 0) return BigInt(digits) * 10n ** BigInt(shift);
  const cut = digits.length + shift;
  return cut <= 0 ? 0n : BigInt(digits.slice(0, cut));
}

/** Parses `--theta`, `--tfuel`, `--fee` and friends into wei. */
export function parseAmount(text: string, flag = "amount"): bigint {
  const t = text.trim();
  if (t.startsWith("-"))
    throw new ThetaError(AmountErrorCode.Invalid, `Failed to parse ${flag}: negative amount '${text}'`);
  if (t.length > 3 && t.slice(-3).toLowerCase() === "wei") return scaleDecimal(t.slice(0, -3), 0, flag);
  return scaleDecimal(t, 18, flag);
}
