import { isThetaError } from "@theta/core-types";
import { createMemoryKvStore } from "@theta/trie-store";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { BlockLogs } from "../../src/rpc/blockLogs.ts";
import { decodeBlockLogs, encodeBlockLogs } from "../../src/store/blockLogs.ts";
import { createTxIndex } from "../../src/store/txIndex.ts";

const bytes = (n: number) => fc.uint8Array({ minLength: n, maxLength: n });
const logArb = fc.record({
  address: bytes(20),
  topics: fc.array(bytes(32), { maxLength: 4 }),
  data: fc.uint8Array({ maxLength: 80 }),
});
const blockLogsArb: fc.Arbitrary<BlockLogs> = fc.record({
  height: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
  blockHash: bytes(32),
  timestamp: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
  txs: fc.array(
    fc.record({
      txIndex: fc.nat(100_000),
      txHash: bytes(32),
      logs: fc.array(logArb, { minLength: 1, maxLength: 3 }),
    }),
    { maxLength: 4 },
  ),
});

describe("the log index record", () => {
  it("round-trips", () => {
    fc.assert(
      fc.property(blockLogsArb, (b) => {
        expect(decodeBlockLogs(b.height, encodeBlockLogs(b))).toEqual(b);
      }),
    );
  });

  it("rejects random bytes with a ThetaError, never another error", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (raw) => {
        try {
          decodeBlockLogs(1n, raw);
        } catch (e) {
          expect(isThetaError(e)).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("is written for finalized blocks with logs only, and read back by height range", async () => {
    const kv = createMemoryKvStore();
    const index = createTxIndex(kv);
    const hash = (n: number) => new Uint8Array(32).fill(n);
    const log = { address: new Uint8Array(20).fill(9), topics: [hash(7)], data: Uint8Array.of(1, 2) };
    const receipt = (n: number, logs: (typeof log)[]) => ({
      txHash: hash(n),
      logs,
      evmReturn: new Uint8Array(0),
      contractAddress: new Uint8Array(20),
      gasUsed: 21_000n,
      evmError: "",
    });
    for (let h = 1; h <= 5; h++) {
      const withLogs = h % 2 === 1;
      const entries = [
        { hash: hash(100 + h) },
        { hash: hash(h), ethHash: hash(50 + h), receipt: receipt(h, withLogs ? [log, log] : []) },
      ];
      await kv.batch(
        index.opsForBlock(hash(200 + h), entries, { height: BigInt(h), timestamp: 1_000n + BigInt(h) }),
      );
    }
    // Without the block's height the index is not written.
    await kv.batch(index.opsForBlock(hash(250), [{ hash: hash(60), receipt: receipt(60, [log]) }]));
    const got = await index.blockLogs(1n, 4n);
    expect(got.map((b) => b.height)).toEqual([1n, 3n]);
    expect(got[0]!.blockHash).toEqual(hash(201));
    expect(got[0]!.timestamp).toBe(1_001n);
    expect(got[0]!.txs).toEqual([{ txIndex: 1, txHash: hash(51), logs: [log, log] }]);
    expect((await index.blockLogs(5n, 5n)).map((b) => b.height)).toEqual([5n]);
    expect(await index.blockLogs(4n, 3n)).toEqual([]);
  });
});
