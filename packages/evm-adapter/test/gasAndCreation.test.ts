import { hexToBytes, newAccount, ZERO_ADDRESS } from "@theta/core-types";
import type { StateView } from "@theta/ledger";
import { describe, expect, it } from "vitest";
import { intrinsicGas } from "../src/index.ts";
import { at, create, deployed, H, mainnetRuntime, OTHER, returning, SENDER, tx } from "./helpers/rules.ts";
import { account, BLOCK, crypto, initFor, runtime, viewWith } from "./helpers/state.ts";

describe("gas limit and intrinsic gas", () => {
  it("intrinsic gas is 53000/21000 + 68 per non-zero + 4 per zero byte", () => {
    expect(intrinsicGas(new Uint8Array([0, 1, 0, 2]), false)).toBe(21000n + 2n * 68n + 2n * 4n);
    expect(intrinsicGas(new Uint8Array(0), true)).toBe(53000n);
  });

  it("a gas limit above the profile's maximum is 'invalid gas limit' with no gas and no change", async () => {
    const view = await viewWith({ address: SENDER, tfuel: 10n ** 20n });
    const root = await view.root();
    const r = await runtime.run(view, create(initFor("00"), { gasLimit: 10_000_001n }), BLOCK);
    expect(r).toMatchObject({ vmError: "invalid gas limit", gasUsed: 0n, contractAddress: ZERO_ADDRESS });
    expect(await view.root()).toEqual(root);
  });

  it("intrinsic gas above the limit is 'out of gas' with nothing used and no sequence bump", async () => {
    const view = await viewWith({ address: SENDER, tfuel: 10n ** 20n, sequence: 4n });
    const r = await runtime.run(view, create(initFor("00"), { gasLimit: 53_000n }), BLOCK);
    expect(r).toMatchObject({ vmError: "out of gas", gasUsed: 0n, contractAddress: ZERO_ADDRESS });
    expect((await account(view, SENDER)).sequence).toBe(4n);
  });
});

describe("creation", () => {
  it("moves the TFuel value and bumps the creator's sequence; a short balance aborts before the bump", async () => {
    const view = await viewWith({ address: SENDER, tfuel: 5000n, sequence: 2n });
    const init = initFor("00");
    const poor = await runtime.run(view, create(init, { value: 5001n }), BLOCK);
    expect(poor).toMatchObject({
      vmError: "insufficient balance for transfer",
      gasUsed: intrinsicGas(init, true),
      contractAddress: ZERO_ADDRESS,
    });
    expect((await account(view, SENDER)).sequence).toBe(2n);
    const r = await runtime.run(view, create(init, { value: 1000n }), BLOCK);
    expect(r.contractAddress).toEqual(crypto.contractAddress(SENDER, 2n));
    expect((await account(view, r.contractAddress)).balance.tfuelWei).toBe(1000n);
    expect(await account(view, SENDER)).toMatchObject({ sequence: 3n, balance: { tfuelWei: 4000n } });
  });

  it("a failing init code burns the gas, creates nothing, and still bumps the creator's sequence", async () => {
    const view = await viewWith({ address: SENDER, tfuel: 10n ** 20n });
    const init = hexToBytes("fe"); // INVALID
    const r = await runtime.run(view, create(init, { value: 10n }), BLOCK);
    expect(r).toMatchObject({ vmError: "invalid opcode 0xfe", gasUsed: tx.gasLimit });
    expect(r.contractAddress).toEqual(crypto.contractAddress(SENDER, 0n));
    expect(await view.getAccount(r.contractAddress)).toBeUndefined();
    expect(await account(view, SENDER)).toMatchObject({ sequence: 1n, balance: { tfuelWei: 10n ** 20n } });
  });

  it("a code deposit shortfall is 'contract creation code storage out of gas'", async () => {
    const view = await viewWith({ address: SENDER, tfuel: 10n ** 20n });
    const init = initFor("00".repeat(100)); // deposit 20000
    const r = await runtime.run(view, create(init, { gasLimit: intrinsicGas(init, true) + 10_000n }), BLOCK);
    expect(r.vmError).toBe("contract creation code storage out of gas");
    expect(r.gasUsed).toBe(intrinsicGas(init, true) + 10_000n);
  });

  it("an init code returning nothing leaves an empty contract account, as Theta's CreateAccount does", async () => {
    const view = await viewWith({ address: SENDER, tfuel: 10n ** 20n });
    const r = await runtime.run(view, create(hexToBytes("00")), BLOCK);
    expect(r).toMatchObject({ vmError: "", gasUsed: intrinsicGas(hexToBytes("00"), true) });
    expect(await account(view, r.contractAddress)).toEqual(newAccount(r.contractAddress));
  });

  it("concurrent runs on separate views do not interfere", async () => {
    const views = await Promise.all(
      [1n, 2n, 3n, 4n].map((seq) => viewWith({ address: SENDER, tfuel: 10n ** 20n, sequence: seq })),
    );
    const results = await Promise.all(
      views.map((v) => runtime.run(v, create(initFor(returning("46"))), BLOCK)),
    );
    for (const [i, r] of results.entries()) {
      expect(r.vmError).toBe("");
      expect(r.contractAddress).toEqual(crypto.contractAddress(SENDER, BigInt(i + 1)));
      expect((await account(views[i] as StateView, SENDER)).sequence).toBe(BigInt(i + 2));
    }
  });

  it("code above 24576 bytes (49152 from the Metachain height) is 'evm: max code size exceeded'", async () => {
    // PUSH3 n PUSH1 0 RETURN: returns n zero bytes.
    const initReturning = (n: number) => hexToBytes(`62${n.toString(16).padStart(6, "0")}6000f3`);
    const run = async (n: number, height: bigint) => {
      const view = await viewWith({ address: SENDER, tfuel: 10n ** 20n });
      return mainnetRuntime.run(view, create(initReturning(n), { gasLimit: 10_000_000n }), at(height));
    };
    expect((await run(24_576, H.enableSmartContract)).vmError).toBe("");
    const big = await run(24_577, H.enableSmartContract);
    expect(big).toMatchObject({ vmError: "evm: max code size exceeded", gasUsed: 10_000_000n });
    expect((await run(24_577, H.enableMetachainSupport)).vmError).toBe("");
    expect((await run(49_153, H.enableMetachainSupport)).vmError).toBe("evm: max code size exceeded");
  });

  it("TFuel sent to a future contract address is wiped before SupportThetaToken and kept after", async () => {
    const run = async (height: bigint) => {
      const view = await viewWith({ address: SENDER, tfuel: 10n ** 20n });
      const target = crypto.contractAddress(SENDER, 0n);
      await view.setAccount({ ...newAccount(target), balance: { thetaWei: 3n, tfuelWei: 70n } });
      const r = await mainnetRuntime.run(view, create(initFor("00"), { value: 5n }), at(height));
      expect(r.vmError).toBe("");
      return (await account(view, target)).balance;
    };
    expect(await run(H.enableSmartContract)).toEqual({ thetaWei: 0n, tfuelWei: 5n });
    expect(await run(H.supportThetaTokenInSmartContract)).toEqual({ thetaWei: 3n, tfuelWei: 75n });
  });
});

describe("calls", () => {
  it("a revert charges the gas used so far and changes nothing", async () => {
    const { view, address } = await deployed("60006000fd"); // REVERT(0, 0)
    const root = await view.root();
    const r = await runtime.run(view, { ...tx, to: address, value: 77n, data: new Uint8Array(0) }, BLOCK);
    expect(r).toMatchObject({ vmError: "evm: execution reverted", gasUsed: 21000n + 3n + 3n });
    expect(await view.root()).toEqual(root);
  });

  it("THETA moves with a call from SupportThetaToken, is reverted with the call, and is checked", async () => {
    const { view, address } = await deployed("00");
    const r = await runtime.run(
      view,
      { ...tx, to: address, thetaValue: 40n, data: new Uint8Array(0) },
      BLOCK,
    );
    expect(r.vmError).toBe("");
    expect((await account(view, address)).balance.thetaWei).toBe(40n);
    expect((await account(view, SENDER)).balance.thetaWei).toBe(10n ** 6n - 40n);
    const tooMuch = { ...tx, to: address, thetaValue: 10n ** 6n, data: new Uint8Array(0) };
    expect((await runtime.run(view, tooMuch, BLOCK)).vmError).toBe("insufficient Theta balance for transfer");

    const reverting = await deployed("60006000fd");
    const call = { ...tx, to: reverting.address, thetaValue: 40n, data: new Uint8Array(0) };
    expect((await runtime.run(reverting.view, call, BLOCK)).vmError).toBe("evm: execution reverted");
    expect((await account(reverting.view, reverting.address)).balance.thetaWei).toBe(0n);
    expect((await account(reverting.view, SENDER)).balance.thetaWei).toBe(10n ** 6n);
  });

  it("THETA in a call is ignored before SupportThetaToken", async () => {
    const view = await viewWith({ address: SENDER, tfuel: 10n ** 20n, theta: 100n });
    const r = await mainnetRuntime.run(
      view,
      { ...tx, to: OTHER, value: 1n, thetaValue: 50n, data: new Uint8Array(0) },
      at(H.enableSmartContract),
    );
    expect(r.vmError).toBe("");
    expect((await account(view, OTHER)).balance).toEqual({ thetaWei: 0n, tfuelWei: 1n });
  });
});
