import {
  bytesToHex,
  coins,
  encodeUint,
  ethSigningPreimage,
  ethTxEncoding,
  isThetaError,
  privatenet,
  rlpEncode,
  type SmartContractTx,
  TxType,
} from "@theta/core-types";
import { defaultCrypto } from "@theta/crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ethToSmartContractTx, evmChainId } from "../../src/compose/ethTx.ts";

const crypto = defaultCrypto;
const chainId = evmChainId(privatenet, 1n, crypto);
const keyArb = fc
  .uint8Array({ minLength: 32, maxLength: 32 })
  .filter((k) => crypto.backend.isValidPrivateKey(k));

const txArb = fc.record({
  key: keyArb,
  nonce: fc.bigInt({ min: 0n, max: 2n ** 63n }),
  gasPrice: fc.bigInt({ min: 0n, max: 2n ** 100n }),
  gasLimit: fc.bigInt({ min: 0n, max: 2n ** 63n }),
  to: fc.option(
    fc.uint8Array({ minLength: 20, maxLength: 20 }).filter((a) => a.some((b) => b !== 0)),
    {
      nil: undefined,
    },
  ),
  value: fc.bigInt({ min: 0n, max: 2n ** 100n }),
  data: fc.uint8Array({ maxLength: 64 }),
});

describe("Ethereum tx translation", () => {
  it("uses EVM chain id 366 on privatenet", () => {
    expect(chainId).toBe(366n);
  });

  it("recovers the signer and every field of an EIP-155 signed tx (round trip)", () => {
    fc.assert(
      fc.property(txArb, (t) => {
        const from = crypto.privateKeyToAddress(t.key);
        const unsigned: SmartContractTx = {
          type: TxType.SmartContract,
          from: {
            address: from,
            coins: coins(0n, t.value),
            sequence: t.nonce + 1n,
            signature: new Uint8Array(0),
          },
          to: { address: t.to ?? new Uint8Array(20), coins: coins(0n, 0n) },
          gasLimit: t.gasLimit,
          gasPrice: t.gasPrice,
          data: t.data,
        };
        const sig = crypto.sign(ethSigningPreimage(unsigned, chainId), t.key);
        sig[64] = 27 + sig[64]!;
        const signed = { ...unsigned, from: { ...unsigned.from, signature: sig } };
        const r = ethToSmartContractTx(ethTxEncoding(signed, chainId), privatenet, 1n, crypto);
        expect(r.ok).toBe(true);
        if (r.ok) expect(r.value).toEqual(signed);
      }),
      { numRuns: 40 },
    );
  });

  it("accepts a pre-EIP-155 signature (v = 27/28)", () => {
    const [t] = fc.sample(txArb, 1);
    const to = t!.to ?? new Uint8Array(0);
    const pre = rlpEncode([
      encodeUint(t!.nonce),
      encodeUint(t!.gasPrice),
      encodeUint(t!.gasLimit),
      to,
      encodeUint(t!.value),
      t!.data,
    ]);
    const sig = crypto.sign(pre, t!.key);
    const raw = rlpEncode([
      encodeUint(t!.nonce),
      encodeUint(t!.gasPrice),
      encodeUint(t!.gasLimit),
      to,
      encodeUint(t!.value),
      t!.data,
      encodeUint(27n + BigInt(sig[64]!)),
      sig.subarray(0, 32),
      sig.subarray(32, 64),
    ]);
    const r = ethToSmartContractTx(raw, privatenet, 1n, crypto);
    expect(r.ok && bytesToHex(r.value.from.address)).toBe(bytesToHex(crypto.privateKeyToAddress(t!.key)));
  });

  it("turns any bytes into a tx or a Result error, never a throw of anything else", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (b) => {
        try {
          const r = ethToSmartContractTx(b, privatenet, 1n, crypto);
          expect(typeof r.ok).toBe("boolean");
        } catch (e) {
          expect(isThetaError(e)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
