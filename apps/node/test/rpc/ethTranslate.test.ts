import {
  bytesToHex,
  decodeEthLegacyTx,
  encodeUint,
  ethSigningPreimage,
  ethTxEncoding,
  rlpEncode,
  ZERO_ADDRESS,
} from "@theta/core-types";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EthTranslateErrorCode, ethChainIdOfV, translateEthTx } from "../../src/rpc/ethTranslate.ts";
import { ALICE, crypto, KEYS, RECEIVER } from "./chain/chainData.ts";
import { type EthTxFields, ethPreimage, signEthTx } from "./chain/ethTx.ts";

const fields: EthTxFields = {
  nonce: 4n,
  gasPrice: 4_000_000_000_000n,
  gasLimit: 50_000n,
  to: RECEIVER,
  value: 10n ** 18n,
  data: new Uint8Array([0xa9, 0x05, 0x9c, 0xbb]),
};

describe("translateEthTx", () => {
  it("recovers the sender of an EIP-155 tx and keeps every field (privatenet EVM chain id 366)", () => {
    const raw = signEthTx(fields, KEYS.alice, 366n);
    const r = translateEthTx(raw, crypto);
    if (!r.ok) throw new Error(r.message);
    const tx = r.value;
    expect(bytesToHex(tx.from.address)).toBe(bytesToHex(ALICE));
    expect(tx.from.sequence).toBe(5n);
    expect(tx.from.coins).toEqual({ thetaWei: 0n, tfuelWei: 10n ** 18n });
    expect(tx.to).toEqual({ address: RECEIVER, coins: { thetaWei: 0n, tfuelWei: 0n } });
    expect([tx.gasLimit, tx.gasPrice, bytesToHex(tx.data)]).toEqual([
      50_000n,
      4_000_000_000_000n,
      "a9059cbb",
    ]);
    expect([27, 28]).toContain(tx.from.signature[64]);
    // core-types' Ethereum view of the translated tx gives back the wallet's bytes and preimage.
    expect(bytesToHex(ethTxEncoding(tx, 366n))).toBe(bytesToHex(raw));
    expect(bytesToHex(ethSigningPreimage(tx, 366n))).toBe(bytesToHex(ethPreimage(fields, 366n)));
  });

  it("translates a creation (no to) into a call to the zero address", () => {
    const r = translateEthTx(signEthTx({ ...fields, to: new Uint8Array(0) }, KEYS.validator, 366n), crypto);
    expect(r.ok && bytesToHex(r.value.to.address)).toBe(bytesToHex(ZERO_ADDRESS));
  });

  it("reads an unprotected tx (v 27/28) as chain id 0", () => {
    const r = translateEthTx(signEthTx(fields, KEYS.alice, undefined), crypto);
    expect(r.ok && bytesToHex(r.value.from.address)).toBe(bytesToHex(ALICE));
    expect(ethChainIdOfV(27n)).toBe(0n);
    expect(ethChainIdOfV(767n)).toBe(366n);
  });

  it("recovers another sender when the chain id in v is not the one signed", () => {
    const raw = signEthTx(fields, KEYS.alice, 366n);
    const eth = decodeEthLegacyTx(raw);
    const recovery = eth.v - 366n * 2n - 35n;
    const relabelled = rlpEncode([
      encodeUint(eth.nonce),
      encodeUint(eth.gasPrice),
      encodeUint(eth.gasLimit),
      eth.to,
      encodeUint(eth.value),
      eth.data,
      encodeUint(365n * 2n + 35n + recovery),
      encodeUint(eth.r),
      encodeUint(eth.s),
    ]);
    const r = translateEthTx(relabelled, crypto);
    if (r.ok) expect(bytesToHex(r.value.from.address)).not.toBe(bytesToHex(ALICE));
    else expect(r.code).toBe(EthTranslateErrorCode.BadSignature);
  });

  it("refuses a high S, a v that is no recovery id, and undecodable bytes", () => {
    const eth = decodeEthLegacyTx(signEthTx(fields, KEYS.alice, 366n));
    const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
    const withVrs = (v: bigint, r: bigint, s: bigint) =>
      rlpEncode([
        encodeUint(eth.nonce),
        encodeUint(eth.gasPrice),
        encodeUint(eth.gasLimit),
        eth.to,
        encodeUint(eth.value),
        eth.data,
        encodeUint(v),
        encodeUint(r),
        encodeUint(s),
      ]);
    for (const raw of [
      withVrs(eth.v, eth.r, n - eth.s),
      withVrs(29n, eth.r, eth.s),
      withVrs(0n, eth.r, eth.s),
    ]) {
      expect(translateEthTx(raw, crypto)).toEqual({
        ok: false,
        code: EthTranslateErrorCode.BadSignature,
        message: "invalid v, r, s values",
      });
    }
    const bad = translateEthTx(new Uint8Array([0xc0]), crypto);
    expect(bad.ok ? "" : bad.code).toBe(EthTranslateErrorCode.Undecodable);
  });

  it("round-trips any signed wallet tx (property)", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 2n ** 64n - 2n }),
        fc.bigInt({ min: 0n, max: 2n ** 128n }),
        fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
        fc.boolean(),
        fc.bigInt({ min: 0n, max: 2n ** 200n }),
        fc.uint8Array({ maxLength: 64 }),
        (nonce, gasPrice, gasLimit, create, value, data) => {
          const f = { nonce, gasPrice, gasLimit, to: create ? new Uint8Array(0) : RECEIVER, value, data };
          const raw = signEthTx(f, KEYS.validator, 366n);
          const r = translateEthTx(raw, crypto);
          if (!r.ok) throw new Error(r.message);
          expect(r.value.from.sequence).toBe(nonce + 1n);
          expect(bytesToHex(ethTxEncoding(r.value, 366n))).toBe(bytesToHex(raw));
        },
      ),
      { numRuns: 60 },
    );
  });

  it("answers a Result for any bytes, never throwing (property)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (raw) => {
        const r = translateEthTx(raw, crypto);
        if (!r.ok) expect(Object.values(EthTranslateErrorCode)).toContain(r.code);
      }),
    );
  });
});
