/**
 * 0xce / 0xcf: TFuel staked to and withdrawn from elite edge nodes, every expected value worked out
 * from the spec: per-deposit 10,000–500,000 TFUEL, at most 500,000 active per node, the active
 * total under `ls/eentas`, a withdrawal returning at P + 28800 = 28809 (privatenet, H = 10) and
 * listed under that height. Before the WrappedTheta height 0xcc–0xcf are plain empty accounts.
 */
import { mainnet } from "@theta/core-types";
import type { StateView } from "@theta/ledger";
import { describe, expect, it } from "vitest";
import { createContractRuntime } from "../src/index.ts";
import {
  activeStake,
  blsKey,
  call,
  E18,
  eenInput,
  GAS_LIMIT,
  guardianInput,
  handIntrinsic,
  holder,
  holderInput,
  precompile,
  SOURCE,
  summary,
} from "./helpers/staking.ts";
import { account, BLOCK, crypto, runtime, viewWith } from "./helpers/state.ts";

const CE = precompile(0xce);
const CF = precompile(0xcf);
const E = holder(21);
const RETURN_AT = 9n + 28_800n;
const START = 1_000_000n * E18;

const funded = () => viewWith({ address: SOURCE, tfuel: START, theta: 5_000n * E18 });
const stake = (view: StateView, data: Uint8Array, from = SOURCE) =>
  runtime.run(view, { ...call, from, to: CE, data }, BLOCK);

describe("0xce stake to an elite edge node", () => {
  it("moves TFuel into a new node with its BLS key and raises the active total; bytes 229–261 are unread", async () => {
    const view = await funded();
    const data = eenInput(summary(E), 10_000n * E18, new Uint8Array(32).fill(0xab));
    const r = await stake(view, data);
    expect(r).toMatchObject({ vmError: "", gasUsed: handIntrinsic(data) + 21_000n });
    expect(r.returnValue).toEqual(new Uint8Array(0));
    expect((await account(view, SOURCE)).balance.tfuelWei).toBe(START - 10_000n * E18);
    expect(await view.getEliteEdgeNode(E.address)).toEqual({
      holder: E.address,
      stakes: [activeStake(SOURCE, 10_000n * E18)],
      blsPubkey: blsKey(3),
    });
    expect(await view.getEenTotalActiveStake()).toBe(10_000n * E18);
  });

  it("merges deposits up to the 500,000 TFUEL node cap, and refuses beyond it", async () => {
    const view = await funded();
    const second = holder(22).address;
    await view.setAccount({ ...(await account(view, SOURCE)), address: second });
    expect((await stake(view, eenInput(summary(E), 490_000n * E18))).vmError).toBe("");
    // 490,000 + 10,001 > 500,000 (from another source: the cap counts the node's whole active stake).
    const over = await stake(view, eenInput(summary(E), 10_001n * E18), second);
    expect(over).toMatchObject({ vmError: "invalid stake operation", gasUsed: GAS_LIMIT });
    expect((await stake(view, eenInput(summary(E), 10_000n * E18), second)).vmError).toBe("");
    expect((await view.getEliteEdgeNode(E.address))?.stakes).toEqual([
      activeStake(SOURCE, 490_000n * E18),
      activeStake(second, 10_000n * E18),
    ]);
    expect(await view.getEenTotalActiveStake()).toBe(500_000n * E18);
    expect((await account(view, second)).balance.tfuelWei).toBe(START - 10_000n * E18);
  });

  it("fails with 'invalid stake operation', all gas used and no change", async () => {
    const view = await funded();
    expect((await stake(view, eenInput(summary(E), 20_000n * E18))).vmError).toBe("");
    const poor = holder(23).address;
    await view.setAccount({
      ...(await account(view, SOURCE)),
      address: poor,
      balance: { thetaWei: 0n, tfuelWei: 15_000n * E18 },
    });
    const root = await view.root();
    const cases: [string, Uint8Array, typeof SOURCE][] = [
      ["below 10,000 TFUEL", eenInput(summary(holder(24)), 10_000n * E18 - 1n), SOURCE],
      ["above 500,000 TFUEL in one deposit", eenInput(summary(holder(24)), 500_000n * E18 + 1n), SOURCE],
      ["more than the balance", eenInput(summary(holder(24)), 15_000n * E18 + 1n), poor],
      [
        "a new node's summary signed by another key",
        eenInput(summary(holder(24), 3, E.sk), 10_000n * E18),
        SOURCE,
      ],
      // The amount is at 261, not 229: an amount placed at 229 reads as 0, below the minimum.
      [
        "the amount placed right after the summary",
        guardianInput(summary(holder(24)), 10_000n * E18),
        SOURCE,
      ],
    ];
    for (const [what, data, from] of cases) {
      const r = await stake(view, data, from);
      expect({ what, vmError: r.vmError, gasUsed: r.gasUsed }).toEqual({
        what,
        vmError: "invalid stake operation",
        gasUsed: GAS_LIMIT,
      });
    }
    expect(await view.root()).toEqual(root);
    expect(await view.getEenTotalActiveStake()).toBe(20_000n * E18);
  });
});

describe("0xcf withdraw from an elite edge node", () => {
  it("marks the stake withdrawn, lowers the active total and lists it for return at P + 28800", async () => {
    const view = await funded();
    const second = holder(22).address;
    await view.setAccount({ ...(await account(view, SOURCE)), address: second });
    await stake(view, eenInput(summary(E), 30_000n * E18));
    await stake(view, eenInput(summary(E), 12_000n * E18), second);
    const data = holderInput(E.address);
    const r = await runtime.run(view, { ...call, to: CF, data }, BLOCK);
    expect(r).toMatchObject({ vmError: "", gasUsed: handIntrinsic(data) + 21_000n });
    const withdrawn = { source: SOURCE, amount: 30_000n * E18, withdrawn: true, returnHeight: RETURN_AT };
    expect((await view.getEliteEdgeNode(E.address))?.stakes).toEqual([
      withdrawn,
      activeStake(second, 12_000n * E18),
    ]);
    expect(await view.getEenTotalActiveStake()).toBe(12_000n * E18);
    expect(await view.getEenStakeReturns(RETURN_AT)).toEqual([{ holder: E.address, stake: withdrawn }]);
    expect((await account(view, SOURCE)).balance.tfuelWei).toBe(START - 30_000n * E18);
    // A second source withdrawing in the same block is appended to the same list.
    expect((await runtime.run(view, { ...call, from: second, to: CF, data: E.address }, BLOCK)).vmError).toBe(
      "",
    );
    const second2 = { source: second, amount: 12_000n * E18, withdrawn: true, returnHeight: RETURN_AT };
    expect(await view.getEenStakeReturns(RETURN_AT)).toEqual([
      { holder: E.address, stake: withdrawn },
      { holder: E.address, stake: second2 },
    ]);
    expect(await view.getEenTotalActiveStake()).toBe(0n);
  });

  it("fails for an unknown node, a source without a stake and a second withdrawal", async () => {
    const view = await funded();
    await stake(view, eenInput(summary(E), 10_000n * E18));
    const stranger = holder(25).address;
    const root = await view.root();
    const unknown = await runtime.run(view, { ...call, to: CF, data: holder(26).address }, BLOCK);
    const noStake = await runtime.run(view, { ...call, from: stranger, to: CF, data: E.address }, BLOCK);
    for (const r of [unknown, noStake]) {
      expect(r).toMatchObject({ vmError: "invalid stake operation", gasUsed: GAS_LIMIT });
    }
    expect(await view.root()).toEqual(root);
    expect((await runtime.run(view, { ...call, to: CF, data: E.address }, BLOCK)).vmError).toBe("");
    const twice = await runtime.run(view, { ...call, to: CF, data: E.address }, BLOCK);
    expect(twice).toMatchObject({ vmError: "invalid stake operation", gasUsed: GAS_LIMIT });
  });
});

describe("the WrappedTheta height", () => {
  const mainnetRuntime = createContractRuntime({ keccak256: crypto.keccak256 }, { profile: mainnet });
  const at = (height: bigint) => ({ ...BLOCK, height, chainId: "mainnet" });
  const wrapped = mainnet.heights.supportWrappedTheta;

  it("below it, 0xcc–0xcf run no code: intrinsic gas only, no account created, nothing staked", async () => {
    const view = await funded();
    const root = await view.root();
    const inputs: [number, Uint8Array][] = [
      [0xcc, guardianInput(summary(E), 1_000n * E18)],
      [0xcd, holderInput(E.address)],
      [0xce, eenInput(summary(E), 10_000n * E18)],
      [0xcf, holderInput(E.address)],
    ];
    for (const [id, data] of inputs) {
      const r = await mainnetRuntime.run(view, { ...call, to: precompile(id), data }, at(wrapped - 1n));
      expect({ id, vmError: r.vmError, gasUsed: r.gasUsed }).toEqual({
        id,
        vmError: "",
        gasUsed: handIntrinsic(data),
      });
    }
    expect(await view.root()).toEqual(root);
  });

  it("from it, they run (mainnet: 1,000 THETA guardian minimum, return at P + 28800)", async () => {
    const view = await funded();
    const g = await mainnetRuntime.run(
      view,
      { ...call, to: precompile(0xcc), data: guardianInput(summary(E), 1_000n * E18) },
      at(wrapped),
    );
    expect(g.vmError).toBe("");
    const w = await mainnetRuntime.run(view, { ...call, to: precompile(0xcd), data: E.address }, at(wrapped));
    expect(w.vmError).toBe("");
    expect((await view.getGcp())?.sortedGuardians[0]?.stakes).toEqual([
      { source: SOURCE, amount: 1_000n * E18, withdrawn: true, returnHeight: 17_285_755n - 1n + 28_800n },
    ]);
  });
});
