import { describe, expect, it } from "vitest";
import { bytesToHex, hexToBytes } from "../src/bytes.ts";
import { decodeTx } from "../src/tx/codec.ts";
import { SignBytesWrapper, txSignBytes } from "../src/tx/signBytes.ts";
import { signedTxVectors } from "./vectors/signedTxs.ts";

describe("sign bytes remembered per tx object", () => {
  it("answers per chain id and wrapper exactly as a fresh object does, and the same bytes on a repeat", () => {
    let ran = 0;
    for (const v of signedTxVectors) {
      const tx = decodeTx(hexToBytes(v.raw));
      for (const chainId of [v.chainId, "another-chain", v.chainId]) {
        for (const w of [SignBytesWrapper.V1, SignBytesWrapper.V2, SignBytesWrapper.V1]) {
          const fresh = txSignBytes(chainId, decodeTx(hexToBytes(v.raw)), w);
          expect(bytesToHex(txSignBytes(chainId, tx, w))).toBe(bytesToHex(fresh));
        }
      }
      expect(txSignBytes(v.chainId, tx)).toBe(txSignBytes(v.chainId, tx));
      expect(bytesToHex(txSignBytes(v.chainId, tx))).toBe(v.signBytes);
      ran++;
    }
    expect(ran).toBe(signedTxVectors.length);
  });
});
