import { coins, decodeTx, encodeTx, parseAddress, TxType } from "@theta/core-types";
import { defaultCrypto } from "@theta/crypto";
import { describe, expect, it } from "vitest";
import { decodeTxMemo, forgetTxMemos, txHashMemo } from "../src/chain/txMemo.ts";

const raw = () =>
  encodeTx({
    type: TxType.Send,
    fee: coins(0n, 10n ** 12n),
    inputs: [
      {
        address: parseAddress("0x2E833968E5bB786Ae419c4d13189fB081Cc43bab"),
        coins: coins(0n, 10n ** 12n + 1n),
        sequence: 1n,
        signature: new Uint8Array(65),
      },
    ],
    outputs: [{ address: parseAddress("0x9F1233798E905E173560071255140b4A8aBd3Ec6"), coins: coins(0n, 1n) }],
  });

describe("tx memo", () => {
  it("decodes and hashes as decodeTx and txHash do, once per array", () => {
    const r = raw();
    const tx = decodeTxMemo(r);
    expect(tx).toEqual(decodeTx(r));
    expect(decodeTxMemo(r)).toBe(tx);
    const h = txHashMemo(defaultCrypto, r);
    expect(h).toEqual(defaultCrypto.txHash(r));
    h.fill(0); // a caller changing its copy changes nothing remembered
    expect(txHashMemo(defaultCrypto, r)).toEqual(defaultCrypto.txHash(r));
  });

  it("notices an array changed in place and decodes it again", () => {
    const r = raw();
    const before = decodeTxMemo(r);
    const hash = txHashMemo(defaultCrypto, r);
    r[r.length - 1] ^= 2; // the last output's amount: 1 becomes 3
    expect(decodeTxMemo(r)).not.toEqual(before);
    expect(decodeTxMemo(r)).toEqual(decodeTx(r));
    expect(txHashMemo(defaultCrypto, r)).not.toEqual(hash);
    expect(txHashMemo(defaultCrypto, r)).toEqual(defaultCrypto.txHash(r));
  });

  it("decodes again once forgotten", () => {
    const r = raw();
    const tx = decodeTxMemo(r);
    forgetTxMemos([r]);
    const again = decodeTxMemo(r);
    expect(again).not.toBe(tx);
    expect(again).toEqual(tx);
  });

  it("throws as decodeTx does on bytes that are not a tx, and remembers nothing", () => {
    const bad = new Uint8Array([0xc0]);
    expect(() => decodeTxMemo(bad)).toThrow();
    expect(() => decodeTxMemo(bad)).toThrow();
  });
});
