import { type Account, newAccount } from "@theta/core-types";
import { createCrypto } from "@theta/crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createContractExecutor, createMemoryWorldState } from "../src/index.ts";

const crypto = createCrypto();
const FROM = new Uint8Array(20).fill(0xaa);
const TARGET = new Uint8Array(20).fill(0xbb);
const BLOCK = { height: 1n, parentTimestamp: 0n, proposer: new Uint8Array(20), chainId: 366n };

describe("properties", () => {
  it("any code and calldata give a receipt: gas within the limit, fee charged, sequence bumped", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 64 }),
        fc.uint8Array({ maxLength: 64 }),
        fc.bigInt({ min: 21_000n, max: 200_000n }),
        async (code, data, gasLimit) => {
          const state = createMemoryWorldState();
          state.putAccount({ ...newAccount(FROM), balance: { thetaWei: 0n, tfuelWei: 10n ** 18n } });
          const codeHash = crypto.keccak256(code);
          state.putCode(codeHash, code);
          state.putAccount({ ...newAccount(TARGET), codeHash });
          const exec = createContractExecutor({ state, keccak256: crypto.keccak256 });
          const r = await exec.execute(
            { from: FROM, to: TARGET, value: 0n, gasLimit, gasPrice: 3n, data },
            BLOCK,
          );
          expect(r.gasUsed <= gasLimit).toBe(true);
          expect(r.fee).toBe(r.gasUsed * 3n);
          const from = state.getAccount(FROM) as Account;
          expect(from.balance.tfuelWei).toBe(10n ** 18n - r.fee);
          expect(from.sequence).toBe(1n);
          if (r.vmError !== "") expect(r.logs).toHaveLength(0);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("revert restores the memory world state exactly", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ maxLength: 4 })), {
          maxLength: 10,
        }),
        (writes) => {
          const state = createMemoryWorldState();
          const slot = new Uint8Array(32);
          state.putStorage(FROM, slot, new Uint8Array([9]));
          state.checkpoint();
          for (const [k, v] of writes) state.putStorage(FROM, k, v);
          state.revert();
          expect(state.getStorage(FROM, slot)).toEqual(new Uint8Array([9]));
          for (const [k] of writes) {
            if (k.some((b) => b !== 0)) expect(state.getStorage(FROM, k).length).toBe(0);
          }
        },
      ),
    );
  });
});
