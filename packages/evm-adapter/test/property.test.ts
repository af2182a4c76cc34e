import { hexToBytes, newAccount } from "@theta/core-types";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { intrinsicGas, JournaledMap } from "../src/index.ts";
import { BLOCK, crypto, runtime, viewWith } from "./helpers/state.ts";

const FROM = new Uint8Array(20).fill(0xaa);
const TARGET = new Uint8Array(20).fill(0xbb);

describe("properties", () => {
  it("any code and calldata: gas within [intrinsic, limit]; on an error no state change and no logs", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 48 }),
        fc.uint8Array({ maxLength: 48 }),
        fc.bigInt({ min: 21_000n, max: 120_000n }),
        async (code, data, gasLimit) => {
          const view = await viewWith({ address: FROM, tfuel: 10n ** 18n });
          const codeHash = crypto.keccak256(code);
          await view.setCode(codeHash, code);
          await view.setAccount({ ...newAccount(TARGET), codeHash });
          const root = await view.root();
          const call = { from: FROM, to: TARGET, value: 0n, thetaValue: 0n, gasLimit, gasPrice: 1n, data };
          const r = await runtime.run(view, call, BLOCK);
          expect(r.gasUsed <= gasLimit).toBe(true);
          if (intrinsicGas(data, false) <= gasLimit)
            expect(r.gasUsed >= intrinsicGas(data, false)).toBe(true);
          if (r.vmError !== "") {
            expect(r.logs).toHaveLength(0);
            expect(await view.root()).toEqual(root);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it("JournaledMap matches a model of nested checkpoints", () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant("set" as const), key: fc.integer({ min: 0, max: 4 }), value: fc.nat(9) }),
      fc.constant({ kind: "checkpoint" as const }),
      fc.constant({ kind: "commit" as const }),
      fc.constant({ kind: "revert" as const }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const map = new JournaledMap<number>();
        map.load("0", 100);
        let model = new Map<string, number>([["0", 100]]);
        const stack: Map<string, number>[] = [];
        for (const o of ops) {
          if (o.kind === "set") {
            map.set(String(o.key), o.value);
            model.set(String(o.key), o.value);
          } else if (o.kind === "checkpoint") {
            map.checkpoint();
            stack.push(new Map(model));
          } else if (stack.length > 0) {
            const saved = stack.pop() as Map<string, number>;
            if (o.kind === "commit") map.commit();
            else {
              map.revert();
              model = saved;
            }
          } else {
            expect(() => (o.kind === "commit" ? map.commit() : map.revert())).toThrow(/checkpoint/);
          }
          for (let k = 0; k <= 4; k++) expect(map.get(String(k))?.value).toBe(model.get(String(k)));
        }
      }),
    );
  });

  it("a reverted run writes nothing: random SSTOREs followed by REVERT leave the root", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(255), fc.nat(255)), { maxLength: 6 }), async (writes) => {
        // PUSH1 v PUSH1 k SSTORE ... then REVERT(0, 0)
        const body = writes.map(
          ([k, v]) => `60${v.toString(16).padStart(2, "0")}60${k.toString(16).padStart(2, "0")}55`,
        );
        const code = hexToBytes(`${body.join("")}60006000fd`);
        const view = await viewWith({ address: FROM, tfuel: 10n ** 18n });
        const codeHash = crypto.keccak256(code);
        await view.setCode(codeHash, code);
        await view.setAccount({ ...newAccount(TARGET), codeHash });
        const root = await view.root();
        const call = { from: FROM, to: TARGET, value: 0n, thetaValue: 0n, gasLimit: 300_000n, gasPrice: 1n };
        const r = await runtime.run(view, { ...call, data: new Uint8Array(0) }, BLOCK);
        expect(r.vmError).toBe("evm: execution reverted");
        expect(await view.root()).toEqual(root);
      }),
      { numRuns: 25 },
    );
  });
});
