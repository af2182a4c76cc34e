import { concatBytes, hexToBytes } from "@theta/core-types";
import { describe, expect, it } from "vitest";
import { intrinsicGas } from "../src/index.ts";
import { meter } from "./helpers/gasMeter.ts";
import { applyTx, initFor, viewWith } from "./helpers/state.ts";

/**
 * Theta's SSTORE (docs/interfaces.md §7.1; the reference's StoreView.GetCommittedState returns the current
 * value): the EIP-1283 formulas with the "original" value read from the current state, so within one
 * tx every SSTORE is priced against the value the previous one left: 200 unchanged, 20000 from zero,
 * 5000 for any other change, and no refunds. Genuine EIP-1283 (original = value at the start of the tx)
 * would price the second write to a slot as a 200-gas dirty write instead.
 */
const SENDER = hexToBytes("0x2e833968e5bb786ae419c4d13189fb081cc43bab");
const tx = { from: SENDER, value: 0n, thetaValue: 0n, gasLimit: 500_000n, gasPrice: 1n };
const word = (n: bigint) => hexToBytes(n.toString(16).padStart(64, "0"));
const hex2 = (n: number) => n.toString(16).padStart(2, "0");

/** Runtime code: for each calldata word i, PUSH1 32·i CALLDATALOAD PUSH1 0 SSTORE (9 gas + SSTORE); STOP. */
const writer = (n: number): string =>
  `${Array.from({ length: n }, (_, i) => `60${hex2(32 * i)}35600055`).join("")}00`;

async function deploy(runtimeHex: string) {
  const view = await viewWith({ address: SENDER, tfuel: 10n ** 20n });
  const r = await applyTx(view, { ...tx, to: undefined, data: initFor(runtimeHex) });
  expect(r.vmError).toBe("");
  return { view, address: r.contractAddress };
}

describe("SSTORE gas with several writes to one slot in one tx", () => {
  it("the reported case: 0 → 1 → 2 in one tx costs 21000 + 4·3 + 20000 + 5000 = 46,012", async () => {
    // PUSH1 1 PUSH1 0 SSTORE PUSH1 2 PUSH1 0 SSTORE STOP
    const { view, address } = await deploy("6001600055600260005500");
    const r = await applyTx(view, { ...tx, to: address, data: new Uint8Array(0) });
    expect(r.vmError).toBe("");
    expect(r.gasUsed).toBe(46_012n);
  });

  it("three writes 0 → 1 → 2 → 3 in one tx cost 21000 + 6·3 + 20000 + 5000 + 5000 = 51,018", async () => {
    const { view, address } = await deploy("60016000556002600055600360005500");
    const r = await applyTx(view, { ...tx, to: address, data: new Uint8Array(0) });
    expect(r.vmError).toBe("");
    expect(r.gasUsed).toBe(51_018n);
  });

  // Slot 0 holds `pre` before the tx; the tx writes `values` in order. `sstore` is the hand-computed
  // price of each write under Theta's rule.
  const cases: readonly { pre: bigint; values: readonly bigint[]; sstore: readonly bigint[] }[] = [
    { pre: 0n, values: [1n, 2n], sstore: [20000n, 5000n] },
    { pre: 0n, values: [1n, 1n], sstore: [20000n, 200n] },
    { pre: 0n, values: [1n, 0n], sstore: [20000n, 5000n] },
    { pre: 0n, values: [0n, 0n], sstore: [200n, 200n] },
    { pre: 0n, values: [1n, 2n, 3n], sstore: [20000n, 5000n, 5000n] },
    { pre: 0n, values: [1n, 0n, 1n], sstore: [20000n, 5000n, 20000n] },
    { pre: 5n, values: [6n, 5n], sstore: [5000n, 5000n] },
    { pre: 5n, values: [0n, 5n], sstore: [5000n, 20000n] },
    { pre: 5n, values: [5n, 5n, 5n], sstore: [200n, 200n, 200n] },
    { pre: 5n, values: [6n, 7n, 0n], sstore: [5000n, 5000n, 5000n] },
    { pre: 5n, values: [6n, 6n, 5n], sstore: [5000n, 200n, 5000n] },
  ];
  for (const c of cases) {
    it(`slot ${c.pre} → ${c.values.join(" → ")}: SSTOREs cost ${c.sstore.join(" + ")}`, async () => {
      const code = writer(c.values.length);
      const { view, address } = await deploy(code);
      const storage = new Map<bigint, bigint>();
      if (c.pre !== 0n) {
        const fill = concatBytes(...c.values.map(() => word(c.pre)));
        const r = await applyTx(view, { ...tx, to: address, data: fill });
        expect(r.vmError).toBe("");
        storage.set(0n, c.pre);
      }
      const data = concatBytes(...c.values.map(word));
      const r = await applyTx(view, { ...tx, to: address, data });
      expect(r.vmError).toBe("");
      const byHand =
        intrinsicGas(data, false) + 9n * BigInt(c.values.length) + c.sstore.reduce((a, b) => a + b);
      expect(r.gasUsed).toBe(byHand);
      // The independent meter agrees (it prices each SSTORE against the value it last wrote).
      const metered = meter(hexToBytes(code), data, storage);
      expect(r.gasUsed).toBe(intrinsicGas(data, false) + metered.gas);
      expect(await view.getStorage(address, new Uint8Array(32))).toEqual(word(c.values.at(-1) as bigint));
    });
  }

  it("two slots written twice each, interleaved, are priced per slot", async () => {
    // slot0 ← 1, slot1 ← 1, slot0 ← 2, slot1 ← 0
    const code = "600160005560016001556002600055600060015500";
    const { view, address } = await deploy(code);
    const r = await applyTx(view, { ...tx, to: address, data: new Uint8Array(0) });
    expect(r.vmError).toBe("");
    expect(r.gasUsed).toBe(21_000n + 8n * 3n + 20_000n + 20_000n + 5_000n + 5_000n);
  });
});
