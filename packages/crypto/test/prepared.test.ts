import { utf8ToBytes } from "@theta/core-types";
import { describe, expect, it } from "vitest";
import {
  blsAggregatePublicKeys,
  blsAggregateSignatures,
  blsPrepareMessage,
  blsPublicKey,
  blsSign,
  blsVerify,
  blsVerifyPrepared,
  thetaHashToG2,
} from "../src/index.ts";

const sks = [11n, 22n, 33n].map((scalar) => ({ scalar }));
const pks = sks.map(blsPublicKey);
const msg = utf8ToBytes("checkpoint");
const other = utf8ToBytes("another checkpoint");

describe("blsVerifyPrepared (Miller-loop lines of H(msg) computed once)", () => {
  const prepared = blsPrepareMessage(msg);

  it("accepts what blsVerify accepts: a signature and a multiplicity aggregate", () => {
    const sig = blsSign(sks[0]!, msg);
    expect(blsVerify(pks[0]!, msg, sig)).toBe(true);
    expect(blsVerifyPrepared(pks[0]!, prepared, sig)).toBe(true);
    const m = [3, 1, 2];
    const agg = blsAggregateSignatures(
      sks.map((sk) => blsSign(sk, msg)),
      m,
    );
    expect(blsVerifyPrepared(blsAggregatePublicKeys(pks, m), prepared, agg)).toBe(true);
    expect(blsPrepareMessage(msg, thetaHashToG2(msg)).hashed.equals(prepared.hashed)).toBe(true);
  });

  it("refuses what blsVerify refuses: another message, another key, an inflated multiplicity", () => {
    const sig = blsSign(sks[0]!, msg);
    expect(blsVerifyPrepared(pks[1]!, prepared, sig)).toBe(false);
    expect(blsVerifyPrepared(pks[0]!, blsPrepareMessage(other), sig)).toBe(false);
    expect(blsVerify(pks[0]!, other, sig)).toBe(false);
    const agg = blsAggregateSignatures(
      sks.map((sk) => blsSign(sk, msg)),
      [1, 1, 1],
    );
    expect(blsVerifyPrepared(blsAggregatePublicKeys(pks, [1, 2, 1]), prepared, agg)).toBe(false);
  });

  it("refuses the identity as key or signature", () => {
    const sig = blsSign(sks[0]!, msg);
    const zeroKey = blsAggregatePublicKeys([pks[0]!], [0]);
    expect(blsVerifyPrepared(zeroKey, prepared, sig)).toBe(false);
    expect(blsVerifyPrepared(pks[0]!, prepared, blsAggregateSignatures([sig], [0]))).toBe(false);
  });
});
