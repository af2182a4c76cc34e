/**
 * The block-end return of elite edge node stakes (docs/ledger.md §7.4): a listed stake is paid
 * back and removed from its node whatever its position, a listed source the node no longer has is
 * paid and skipped, and a list that does not match the state (no such node, a stake not withdrawn
 * or due at another height, a missing source account) is a fatal ReturnMismatch naming the entry.
 */
import { type Address, bytesToHex, coins, mainnet, type Stake } from "@theta/core-types";
import { describe, expect, it } from "vitest";
import { applyStakeReturns } from "../../src/execution/stakeReturns.ts";
import { context, fundedState, key } from "../helpers/stakeFixture.ts";

const S1 = key(101).address;
const S2 = key(102).address;
const E = key(103).address;
/** A mainnet height after Theta3, so the EEN step runs; P = H − 1. */
const H = 20_000_000n;
const P = H - 1n;
const BLS = new Uint8Array(48).fill(1);

const due = (source: Address, amount: bigint, returnHeight = P): Stake => ({
  source,
  amount,
  withdrawn: true,
  returnHeight,
});

async function withNode(stakes: Stake[], listed: { source: Address; amount: bigint }[]) {
  const state = await fundedState([S1, S2], coins(0n, 1_000n));
  await state.setEliteEdgeNode({ holder: E, stakes, blsPubkey: BLS });
  await state.setEenStakeReturns(
    P,
    listed.map((l) => ({ holder: E, stake: due(l.source, l.amount) })),
  );
  return state;
}

const run = (state: Awaited<ReturnType<typeof withNode>>) => applyStakeReturns(context(state, mainnet, H));

describe("EEN stake returns", () => {
  it("returns the first of two stakes: paid, removed from the node, the list deleted", async () => {
    const state = await withNode(
      [due(S1, 300n), { ...due(S2, 500n), withdrawn: false }],
      [{ source: S1, amount: 300n }],
    );
    await run(state);
    expect((await state.getAccount(S1))?.balance.tfuelWei).toBe(1_300n);
    expect((await state.getEliteEdgeNode(E))?.stakes.map((s) => bytesToHex(s.source))).toEqual([
      bytesToHex(S2),
    ]);
    expect(await state.getEenStakeReturns(P)).toEqual([]);
  });

  it("returning the last stake deletes the node", async () => {
    const state = await withNode([due(S1, 300n)], [{ source: S1, amount: 300n }]);
    await run(state);
    expect(await state.getEliteEdgeNode(E)).toBeUndefined();
  });

  it("a listed source the node no longer has is paid and leaves the node as it is", async () => {
    const state = await withNode([{ ...due(S2, 500n), withdrawn: false }], [{ source: S1, amount: 300n }]);
    await run(state);
    expect((await state.getAccount(S1))?.balance.tfuelWei).toBe(1_300n);
    expect((await state.getEliteEdgeNode(E))?.stakes).toHaveLength(1);
  });

  it("a listed node that does not exist is a ReturnMismatch naming it", async () => {
    const state = await fundedState([S1], coins(0n, 1_000n));
    await state.setEenStakeReturns(P, [{ holder: E, stake: due(S1, 300n) }]);
    await expect(run(state)).rejects.toMatchObject({
      code: "STAKING_RETURN_MISMATCH",
      message: `stake return: EEN 0x${bytesToHex(E)} listed for a stake return does not exist`,
    });
  });

  it("a listed stake not withdrawn, or due at another height, is a ReturnMismatch naming it", async () => {
    const message = `stake return: EEN 0x${bytesToHex(E)}: stake of 0x${bytesToHex(S1)} is not due at ${P}`;
    const notWithdrawn = await withNode(
      [{ ...due(S1, 300n), withdrawn: false }],
      [{ source: S1, amount: 300n }],
    );
    await expect(run(notWithdrawn)).rejects.toMatchObject({ code: "STAKING_RETURN_MISMATCH", message });
    const later = await withNode([due(S1, 300n, P + 1n)], [{ source: S1, amount: 300n }]);
    await expect(run(later)).rejects.toMatchObject({ code: "STAKING_RETURN_MISMATCH", message });
  });

  it("a listed stake whose source account is missing names the account", async () => {
    const stranger = key(104).address;
    const state = await withNode([due(stranger, 300n)], [{ source: stranger, amount: 300n }]);
    await expect(run(state)).rejects.toMatchObject({
      code: "STAKING_MISSING_SOURCE_ACCOUNT",
      message: `stake return: source account 0x${bytesToHex(stranger)} does not exist (expected the staker's account)`,
    });
  });
});
