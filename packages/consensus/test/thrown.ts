import { ThetaError } from "@theta/core-types";

/** The ThetaError `f` throws (anything else is rethrown; returning normally fails the test). */
export function thrown(f: () => unknown): ThetaError {
  try {
    f();
  } catch (e) {
    if (e instanceof ThetaError) return e;
    throw e;
  }
  throw new Error("expected a ThetaError");
}
