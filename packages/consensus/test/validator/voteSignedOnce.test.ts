import { describe, expect, it } from "vitest";
import { fakeCrypto } from "../../src/testing/fakeCrypto.ts";
import { isVoteSigned } from "../../src/validator/validation.ts";
import { addr, hashN, vote } from "./engineFixture.ts";

/** fakeCrypto with a count of its recoveries. */
function counting() {
  let recoveries = 0;
  const crypto = {
    ...fakeCrypto,
    recoverAddress(msg: Uint8Array, sig: Uint8Array) {
      recoveries++;
      return fakeCrypto.recoverAddress(msg, sig);
    },
  };
  return { crypto, recoveries: () => recoveries };
}

describe("a vote's signature is recovered once per vote object", () => {
  it("a good one is remembered (the HCC check and the vote the block brings share the object); a bad one is not", () => {
    const c = counting();
    const v = vote(1, hashN(1), 1n);
    expect(isVoteSigned(v, c.crypto)).toBe(true);
    expect(isVoteSigned(v, c.crypto)).toBe(true);
    expect(c.recoveries()).toBe(1);
    // An equal vote in another object is checked afresh.
    expect(isVoteSigned({ ...v }, c.crypto)).toBe(true);
    expect(c.recoveries()).toBe(2);
    // Signed by another key: refused every time.
    const forged = { ...v, id: addr(2) };
    expect(isVoteSigned(forged, c.crypto)).toBe(false);
    expect(isVoteSigned(forged, c.crypto)).toBe(false);
    expect(c.recoveries()).toBe(4);
  });
});
