import { bytesToHex, isThetaError } from "@theta/core-types";
import { createMemoryKvStore } from "@theta/trie-store";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { TxBalanceChanges, TxReceipt } from "../../src/rpc/chainQuery.ts";
import { createLastVoteStore, decodeLastVote, encodeLastVote } from "../../src/store/lastVoteStore.ts";
import {
  decodeBalanceChanges,
  decodeReceipt,
  encodeBalanceChanges,
  encodeReceipt,
} from "../../src/store/receiptCodec.ts";
import { createTxIndex } from "../../src/store/txIndex.ts";

const bytes = (n: number) => fc.uint8Array({ minLength: n, maxLength: n });
const receiptArb: fc.Arbitrary<TxReceipt> = fc.record({
  txHash: bytes(32),
  logs: fc.array(
    fc.record({
      address: bytes(20),
      topics: fc.array(bytes(32), { maxLength: 4 }),
      data: fc.uint8Array({ maxLength: 80 }),
    }),
    { maxLength: 3 },
  ),
  evmReturn: fc.uint8Array({ maxLength: 64 }),
  contractAddress: bytes(20),
  gasUsed: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
  evmError: fc.string(),
});
const changesArb: fc.Arbitrary<TxBalanceChanges> = fc.record({
  txHash: bytes(32),
  balanceChanges: fc.array(
    fc.record({
      address: bytes(20),
      tokenType: fc.constantFrom(0 as const, 1 as const),
      isNegative: fc.boolean(),
      delta: fc.bigInt({ min: 0n, max: 2n ** 200n }),
    }),
    { maxLength: 4 },
  ),
  evmReturn: fc.uint8Array({ maxLength: 64 }),
  contractAddress: bytes(20),
  gasUsed: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
  evmError: fc.string(),
});

/** Decoding arbitrary bytes either succeeds or throws a ThetaError. */
function decodesOrThetaError(decode: (b: Uint8Array) => unknown) {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 200 }), (b) => {
      try {
        decode(b);
      } catch (e) {
        expect(isThetaError(e)).toBe(true);
      }
    }),
    { numRuns: 500 },
  );
}

describe("receipt and balance-change codecs", () => {
  it("round-trip", () => {
    fc.assert(
      fc.property(receiptArb, (r) => {
        expect(decodeReceipt(encodeReceipt(r))).toEqual(r);
      }),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(changesArb, (c) => {
        expect(decodeBalanceChanges(encodeBalanceChanges(c))).toEqual(c);
      }),
      { numRuns: 200 },
    );
  });
  it("random bytes decode or throw a ThetaError", () => {
    decodesOrThetaError(decodeReceipt);
    decodesOrThetaError(decodeBalanceChanges);
    decodesOrThetaError(decodeLastVote);
  });
});

describe("tx index", () => {
  it("locates txs by Theta hash and Ethereum hash and returns their receipts", async () => {
    const kv = createMemoryKvStore();
    const index = createTxIndex(kv);
    const [r] = fc.sample(receiptArb, 1);
    const [c] = fc.sample(changesArb, 1);
    const block = new Uint8Array(32).fill(1);
    const a = new Uint8Array(32).fill(2);
    const b = new Uint8Array(32).fill(3);
    const eth = new Uint8Array(32).fill(4);
    await kv.batch(
      index.opsForBlock(block, [{ hash: a }, { hash: b, ethHash: eth, receipt: r!, balanceChanges: c! }]),
    );
    expect(await index.locate(a)).toEqual({ blockHash: block, index: 0, txHash: a });
    expect(await index.locate(b)).toEqual({ blockHash: block, index: 1, txHash: b });
    expect(await index.locate(eth)).toEqual({ blockHash: block, index: 1, txHash: b });
    expect(await index.locate(new Uint8Array(32))).toBeUndefined();
    expect(await index.receipt(b)).toEqual(r);
    expect(await index.balanceChanges(b)).toEqual(c);
    expect(await index.receipt(a)).toBeUndefined();
    // The batched read a block's JSON uses gives the same answers, in the order asked.
    const none = { ethHash: undefined, receipt: undefined, balanceChanges: undefined };
    expect(await index.extrasOf([b, a, new Uint8Array(32)])).toEqual([
      { ethHash: eth, receipt: r, balanceChanges: c },
      none,
      none,
    ]);
    expect(await index.extrasOf([])).toEqual([]);
  });
});

describe("last-vote store", () => {
  it("persists the last vote (round trip)", async () => {
    const store = createLastVoteStore(createMemoryKvStore());
    expect(await store.load()).toBeUndefined();
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          epoch: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
          height: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
          blockHash: bytes(32),
        }),
        async (v) => {
          await store.save(v);
          expect(await store.load()).toEqual(v);
          expect(bytesToHex(encodeLastVote(decodeLastVote(encodeLastVote(v))))).toBe(
            bytesToHex(encodeLastVote(v)),
          );
        },
      ),
      { numRuns: 100 },
    );
  });
});
