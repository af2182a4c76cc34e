import { bytesToHex, decodeTx } from "@theta/core-types";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createLedger } from "../src/chain/ledger.ts";
import { createMempool } from "../src/mempool/mempool.ts";
import { txSender } from "../src/mempool/txPriority.ts";
import { blockInfo, crypto, fundedState, profile, sendRaw } from "./helpers/chainFixture.ts";

const SENDERS = 4;
const SEQS = 4;
const FEES = 3;
/** Presigned candidates: sender s, sequence q, fee step f, to account 6. */
const CANDIDATES = Array.from({ length: SENDERS * SEQS * FEES }, (_, i) => {
  const s = Math.floor(i / (SEQS * FEES));
  const q = BigInt(Math.floor(i / FEES) % SEQS) + 1n;
  return sendRaw(s, 6, q, 1n, BigInt(i % FEES) * 10n ** 12n);
});

describe("mempool invariants (fast-check)", () => {
  it("stays within its limits, reaps each sender's txs in consecutive sequence order, and a reaped body is a valid block", async () => {
    const { db, root } = await fundedState();
    const ledger = createLedger({ db, profile, crypto });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat({ max: CANDIDATES.length - 1 }), { minLength: 1, maxLength: 14 }),
        fc.integer({ min: 2, max: 8 }),
        async (picks, maxTxs) => {
          const mempool = createMempool({ ledger, profile, crypto }, { root, height: 9n, maxTxs });
          for (const i of picks) await mempool.add(CANDIDATES[i]!);
          expect(mempool.size).toBeLessThanOrEqual(maxTxs);
          const body = mempool.reap(512);
          const next = new Map<string, bigint>();
          for (const raw of body) {
            const s = txSender(decodeTx(raw))!;
            const k = bytesToHex(s.address);
            expect(s.sequence).toBe((next.get(k) ?? 0n) + 1n);
            next.set(k, s.sequence);
          }
          const block = await ledger.applyBlock(root, blockInfo(10n), body);
          expect(block.ok).toBe(true);
          if (!block.ok) return;
          await mempool.update(
            body.map((r) => crypto.txHash(r)),
            block.value.stateRoot,
            10n,
          );
          for (const raw of body) expect(mempool.has(crypto.txHash(raw))).toBe(false);
          expect(mempool.size).toBeLessThanOrEqual(maxTxs);
        },
      ),
      { numRuns: 40 },
    );
  });
});
