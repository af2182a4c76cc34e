/**
 * 0xcc / 0xcd: THETA staked to and withdrawn from guardians from a contract or a direct call, with
 * every expected value worked out from the spec: privatenet at H = 10 (P = 9), so the guardian
 * minimum is 1,000 THETA and a withdrawal returns at 9 + 28800 = 28809.
 */
import { bytesToHex, concatBytes, encodeGcp, hexToBytes } from "@theta/core-types";
import type { StateView } from "@theta/ledger";
import { describe, expect, it } from "vitest";
import {
  activeStake,
  blsKey,
  call,
  E18,
  forwarder,
  GAS_LIMIT,
  guardianInput,
  handIntrinsic,
  holder,
  holderInput,
  precompile,
  SOURCE,
  summary,
  word,
} from "./helpers/staking.ts";
import { account, applyTx, BLOCK, initFor, runtime, viewWith } from "./helpers/state.ts";

const CC = precompile(0xcc);
const CD = precompile(0xcd);
const CA = precompile(0xca);
const G = holder(7);
const RETURN_AT = 9n + 28_800n;

const funded = () => viewWith({ address: SOURCE, tfuel: 10n ** 20n, theta: 5_000n * E18 });

async function stakeDirect(view: StateView, data: Uint8Array, block = BLOCK) {
  return runtime.run(view, { ...call, to: CC, data }, block);
}

describe("0xcc stake to a guardian", () => {
  it("moves THETA from the caller into a new guardian with its BLS key, for intrinsic + 21000 gas", async () => {
    const view = await funded();
    const data = guardianInput(summary(G), 2_000n * E18);
    const r = await stakeDirect(view, data);
    expect(r.vmError).toBe("");
    expect(r.returnValue).toEqual(new Uint8Array(0));
    expect(r.gasUsed).toBe(handIntrinsic(data) + 21_000n);
    expect((await account(view, SOURCE)).balance.thetaWei).toBe(3_000n * E18);
    // Theta's Call creates the absent precompile account, as for 0xc9.
    expect(await view.getAccount(CC)).toBeDefined();
    expect(await view.getGcp()).toEqual({
      sortedGuardians: [
        { holder: G.address, stakes: [activeStake(SOURCE, 2_000n * E18)], blsPubkey: blsKey(3) },
      ],
    });
    // 0xca now counts it.
    const staked = await runtime.run(view, { ...call, to: CA, data: holderInput(SOURCE) }, BLOCK);
    expect(staked.returnValue).toEqual(word(2_000n * E18));
  });

  it("merges a second deposit of a source, keeps the first key, and inserts guardians by address", async () => {
    const view = await funded();
    expect((await stakeDirect(view, guardianInput(summary(G), 1_000n * E18))).vmError).toBe("");
    // A known guardian: the summary must decode but its signature is not checked, its key not used.
    const other = holder(9);
    const unsigned = summary(G, 4, other.sk);
    expect((await stakeDirect(view, guardianInput(unsigned, 1_500n * E18))).vmError).toBe("");
    const [low, high] = [holder(1), holder(2)].sort((a, b) =>
      bytesToHex(a.address) < bytesToHex(b.address) ? -1 : 1,
    );
    // Whichever of the new holders sorts below G goes before it; the pool stays address-ordered.
    for (const h of [high!, low!]) {
      expect((await stakeDirect(view, guardianInput(summary(h, 5), 1_000n * E18))).vmError).toBe("");
    }
    const gcp = await view.getGcp();
    const addresses = gcp?.sortedGuardians.map((g) => bytesToHex(g.holder)) ?? [];
    expect(addresses).toEqual([...addresses].sort());
    expect(addresses).toHaveLength(3);
    const g = gcp?.sortedGuardians.find((x) => bytesToHex(x.holder) === bytesToHex(G.address));
    expect(g).toEqual({
      holder: G.address,
      stakes: [activeStake(SOURCE, 2_500n * E18)],
      blsPubkey: blsKey(3),
    });
    expect((await account(view, SOURCE)).balance.thetaWei).toBe(
      (5_000n - 1_000n - 1_500n - 1_000n - 1_000n) * E18,
    );
  });

  it("from a contract, the contract is the source and pays from its own THETA", async () => {
    const view = await funded();
    const deploy = await applyTx(view, {
      ...call,
      gasLimit: 200_000n,
      to: undefined,
      data: initFor(forwarder()),
    });
    const c = deploy.contractAddress;
    const acc = await account(view, c);
    await view.setAccount({ ...acc, balance: { ...acc.balance, thetaWei: 1_200n * E18 } });
    const data = concatBytes(Uint8Array.of(0xcc), guardianInput(summary(G), 1_200n * E18));
    const r = await runtime.run(view, { ...call, gasLimit: 200_000n, to: c, data }, BLOCK);
    expect(r.vmError).toBe("");
    expect(r.returnValue).toEqual(word(1n));
    expect((await account(view, c)).balance.thetaWei).toBe(0n);
    expect((await account(view, SOURCE)).balance.thetaWei).toBe(5_000n * E18);
    expect((await view.getGcp())?.sortedGuardians[0]?.stakes).toEqual([activeStake(c, 1_200n * E18)]);
  });

  it("a caller frame that reverts after the call takes the stake back", async () => {
    const view = await funded();
    const deploy = await applyTx(view, {
      ...call,
      gasLimit: 200_000n,
      to: undefined,
      data: initFor(forwarder({ revertAfter: true })),
    });
    const c = deploy.contractAddress;
    const acc = await account(view, c);
    await view.setAccount({ ...acc, balance: { ...acc.balance, thetaWei: 1_200n * E18 } });
    const root = await view.root();
    const data = concatBytes(Uint8Array.of(0xcc), guardianInput(summary(G), 1_200n * E18));
    const r = await runtime.run(view, { ...call, gasLimit: 200_000n, to: c, data }, BLOCK);
    expect(r.vmError).toBe("evm: execution reverted");
    expect(await view.getGcp()).toBeUndefined();
    expect(await view.root()).toEqual(root);
  });

  it("fails the frame with 'invalid stake operation', all gas used and no change", async () => {
    const view = await funded();
    expect((await stakeDirect(view, guardianInput(summary(G), 1_000n * E18))).vmError).toBe("");
    const root = await view.root();
    const badKey = summary(G);
    badKey.fill(0xff, 20, 68);
    const cases: [string, Uint8Array][] = [
      ["below the minimum", guardianInput(summary(holder(8)), 1_000n * E18 - 1n)],
      ["more than the balance", guardianInput(summary(holder(8)), 4_000n * E18 + 1n)],
      [
        "a new holder's summary signed by another key",
        guardianInput(summary(holder(8), 3, G.sk), 1_000n * E18),
      ],
      ["a summary whose BLS key does not decode (known holder)", guardianInput(badKey, 1_000n * E18)],
    ];
    for (const [what, data] of cases) {
      const r = await stakeDirect(view, data);
      expect({ what, vmError: r.vmError, gasUsed: r.gasUsed }).toEqual({
        what,
        vmError: "invalid stake operation",
        gasUsed: GAS_LIMIT,
      });
    }
    expect(await view.root()).toEqual(root);
    expect((await account(view, SOURCE)).balance.thetaWei).toBe(4_000n * E18);
    // 21000 gas must be left for the precompile after the intrinsic gas.
    const data = guardianInput(summary(holder(8)), 1_000n * E18);
    const short = await runtime.run(
      view,
      { ...call, to: CC, data, gasLimit: handIntrinsic(data) + 20_999n },
      BLOCK,
    );
    expect(short).toMatchObject({ vmError: "out of gas", gasUsed: handIntrinsic(data) + 20_999n });
  });
});

describe("0xcd withdraw from a guardian", () => {
  it("marks the caller's stake withdrawn, returning at P + 28800; THETA stays in the pool", async () => {
    const view = await funded();
    await stakeDirect(view, guardianInput(summary(G), 2_000n * E18));
    const data = holderInput(G.address);
    const r = await runtime.run(view, { ...call, to: CD, data }, BLOCK);
    expect(r).toMatchObject({ vmError: "", gasUsed: handIntrinsic(data) + 21_000n });
    expect((await view.getGcp())?.sortedGuardians[0]?.stakes).toEqual([
      { source: SOURCE, amount: 2_000n * E18, withdrawn: true, returnHeight: RETURN_AT },
    ]);
    expect((await account(view, SOURCE)).balance.thetaWei).toBe(3_000n * E18);
    const staked = await runtime.run(view, { ...call, to: CA, data: holderInput(SOURCE) }, BLOCK);
    expect(staked.returnValue).toEqual(word(0n));
    // While withdrawn, the same source cannot deposit to that guardian.
    const again = await stakeDirect(view, guardianInput(summary(G), 1_000n * E18));
    expect(again.vmError).toBe("invalid stake operation");
  });

  it("runs under STATICCALL too (Theta's precompiles ignore the read-only flag)", async () => {
    const view = await funded();
    const deploy = await applyTx(view, {
      ...call,
      gasLimit: 200_000n,
      to: undefined,
      data: initFor(forwarder({ static: true })),
    });
    const c = deploy.contractAddress;
    await view.setGcp({
      sortedGuardians: [{ holder: G.address, stakes: [activeStake(c, 1_000n * E18)], blsPubkey: blsKey(3) }],
    });
    const data = concatBytes(Uint8Array.of(0xcd), G.address);
    const r = await runtime.run(view, { ...call, gasLimit: 200_000n, to: c, data }, BLOCK);
    expect(r).toMatchObject({ vmError: "", returnValue: word(1n) });
    expect((await view.getGcp())?.sortedGuardians[0]?.stakes).toEqual([
      { source: c, amount: 1_000n * E18, withdrawn: true, returnHeight: RETURN_AT },
    ]);
  });

  it("reproduces the spec's encoded guardian with a stake returning at 128800", async () => {
    const g = hexToBytes("0x511f5b5af946edca88217eb9404477a95cb5c3f4");
    const view = await funded();
    await view.setGcp({
      sortedGuardians: [
        { holder: g, stakes: [activeStake(SOURCE, 200_000n * E18)], blsPubkey: new Uint8Array(48) },
      ],
    });
    const r = await runtime.run(view, { ...call, to: CD, data: g }, { ...BLOCK, height: 100_001n });
    expect(r.vmError).toBe("");
    const gcp = await view.getGcp();
    expect(gcp).toBeDefined();
    const expected =
      "f873f871f86ff83c94511f5b5af946edca88217eb9404477a95cb5c3f4e6e5942e833968e5bb786ae419c4d13189fb081cc43bab" +
      "8a2a5a058fc295ed000000018301f720b0" +
      "00".repeat(48);
    expect(bytesToHex(encodeGcp(gcp!))).toBe(expected);
  });

  it("fails for an unknown holder, a source without a stake and a second withdrawal", async () => {
    const view = await funded();
    await stakeDirect(view, guardianInput(summary(G), 2_000n * E18));
    const stranger = holder(12).address;
    await view.setAccount({ ...(await account(view, SOURCE)), address: stranger });
    const cases: [string, typeof call][] = [
      ["unknown holder", call],
      ["no stake from this source", { ...call, from: stranger }],
    ];
    const root = await view.root();
    for (const [what, c] of cases) {
      const target = what === "unknown holder" ? holder(13).address : G.address;
      const r = await runtime.run(view, { ...c, to: CD, data: holderInput(target) }, BLOCK);
      expect({ what, vmError: r.vmError, gasUsed: r.gasUsed }).toEqual({
        what,
        vmError: "invalid stake operation",
        gasUsed: GAS_LIMIT,
      });
    }
    expect(await view.root()).toEqual(root);
    expect((await runtime.run(view, { ...call, to: CD, data: G.address }, BLOCK)).vmError).toBe("");
    const twice = await runtime.run(view, { ...call, to: CD, data: G.address }, BLOCK);
    expect(twice).toMatchObject({ vmError: "invalid stake operation", gasUsed: GAS_LIMIT });
  });
});
