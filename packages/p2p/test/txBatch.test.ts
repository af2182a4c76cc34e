import { encodeUint, rlpEncode } from "@theta/core-types";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decodeTxBatchMessage,
  encodeTxBatchMessage,
  isTxBatchMessage,
  MAX_TX_BATCH_BYTES,
  TxBatchErrorCode,
} from "../src/txBatch.ts";
import { encodeWireMessage } from "../src/wire.ts";

const CODES: readonly string[] = Object.values(TxBatchErrorCode);
const tx = fc.uint8Array({ minLength: 1, maxLength: 120 });

describe("tx batches", () => {
  it("round-trip any list of non-empty txs and known peers, and are told apart from a single-tx message", () => {
    const peer = fc.string({ minLength: 1, maxLength: 60 });
    fc.assert(
      fc.property(
        fc.array(tx, { minLength: 1, maxLength: 40 }),
        fc.array(peer, { maxLength: 5 }),
        (txs, known) => {
          const wire = encodeTxBatchMessage(txs, known);
          expect(isTxBatchMessage(wire)).toBe(true);
          expect(decodeTxBatchMessage(wire)).toEqual({ ok: true, value: { txs, known } });
          expect(isTxBatchMessage(encodeWireMessage(7, txs[0]!))).toBe(false);
        },
      ),
    );
  });

  it("random bytes are refused with a batch code (or are a canonical batch), never throw", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (raw) => {
        const r = decodeTxBatchMessage(raw);
        if (r.ok) expect(encodeTxBatchMessage(r.value.txs, r.value.known)).toEqual(raw);
        else expect(CODES).toContain(r.code);
      }),
      { numRuns: 5000 },
    );
  });

  it("random bytes inside a batch's outer shape are refused or decode canonically, never throw", () => {
    const prefix = fc.constantFrom(
      Uint8Array.of(0xc2, 0x07),
      Uint8Array.of(0xf8, 0x40, 0x07),
      Uint8Array.of(0xc5, 0x07, 0xc3),
      Uint8Array.of(0xd0, 0x08, 0xce),
      Uint8Array.of(0xd0, 0x07, 0xc2, 0x01, 0x02, 0xca),
    );
    fc.assert(
      fc.property(prefix, fc.uint8Array({ maxLength: 80 }), (head, tail) => {
        const raw = new Uint8Array([...head, ...tail]);
        const r = decodeTxBatchMessage(raw);
        if (r.ok) expect(encodeTxBatchMessage(r.value.txs, r.value.known)).toEqual(raw);
        else expect(CODES).toContain(r.code);
      }),
      { numRuns: 5000 },
    );
  });

  it("enforces the count limit, the byte limit and the channel", () => {
    const txs = Array.from({ length: 11 }, (_, i) => Uint8Array.of(0xc1, i + 1));
    const wire = encodeTxBatchMessage(txs);
    expect(decodeTxBatchMessage(wire, { maxTxs: 11 }).ok).toBe(true);
    const many = decodeTxBatchMessage(wire, { maxTxs: 10 });
    expect(many.ok ? undefined : many.code).toBe(TxBatchErrorCode.TooMany);
    const big = decodeTxBatchMessage(wire, { maxBytes: wire.length - 1 });
    expect(big.ok ? undefined : big.code).toBe(TxBatchErrorCode.Oversized);
    const large = encodeTxBatchMessage([new Uint8Array(MAX_TX_BATCH_BYTES)]);
    const r = decodeTxBatchMessage(large);
    expect(r.ok ? undefined : r.code).toBe(TxBatchErrorCode.Oversized);
    const other = rlpEncode([encodeUint(6), [Uint8Array.of(1, 2)]]);
    const w = decodeTxBatchMessage(other);
    expect(w.ok ? undefined : w.code).toBe(TxBatchErrorCode.WrongChannel);
  });

  it("refuses an empty list, an empty tx, a nested list, bad known peers and trailing bytes", () => {
    const bad = [
      rlpEncode([encodeUint(7), []]),
      rlpEncode([encodeUint(7), [new Uint8Array(0)]]),
      rlpEncode([encodeUint(7), [[Uint8Array.of(1)]]]),
      rlpEncode([encodeUint(7), [Uint8Array.of(1, 2)], Uint8Array.of(3)]),
      rlpEncode([encodeUint(7), [Uint8Array.of(1, 2)], []]),
      rlpEncode([encodeUint(7), [Uint8Array.of(1, 2)], [Uint8Array.of(0xff)]]),
      rlpEncode([encodeUint(7), [Uint8Array.of(1, 2)], [new Uint8Array(129).fill(0x41)]]),
      rlpEncode([
        encodeUint(7),
        [Uint8Array.of(1, 2)],
        Array.from({ length: 257 }, () => Uint8Array.of(0x41)),
      ]),
      rlpEncode([encodeUint(7), [Uint8Array.of(1, 2)], [Uint8Array.of(0x41)], []]),
      new Uint8Array([...encodeTxBatchMessage([Uint8Array.of(1, 2)]), 0]),
    ];
    for (const raw of bad) {
      const r = decodeTxBatchMessage(raw);
      expect(r.ok ? undefined : r.code).toBe(TxBatchErrorCode.Malformed);
    }
  });

  it("stops at the count limit of a list of a million one-byte txs", () => {
    const n = 1_000_000; // 0x0f4240
    const msg = new Uint8Array(4 + 1 + 4 + n).fill(0x01);
    msg.set([0xfa, 0x0f, 0x42, 0x45, 0x07, 0xfa, 0x0f, 0x42, 0x40]);
    expect(decodeTxBatchMessage(msg, { maxBytes: msg.length, maxTxs: n }).ok).toBe(true);
    const r = decodeTxBatchMessage(msg, { maxBytes: msg.length, maxTxs: 100 });
    expect(r.ok ? undefined : r.code).toBe(TxBatchErrorCode.TooMany);
  });
});
