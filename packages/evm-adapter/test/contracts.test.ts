import { bytesToHex, hexToBytes, SELF_DESTRUCT_CODE_HASH } from "@theta/core-types";
import { describe, expect, it } from "vitest";
import { account, applyTx, initFor, viewWith } from "./helpers/state.ts";

const SENDER = hexToBytes("0x2e833968e5bb786ae419c4d13189fb081cc43bab");
const BENEFICIARY = hexToBytes("0x00000000000000000000000000000000000000be");
const base = { from: SENDER, value: 0n, thetaValue: 0n, gasLimit: 300_000n, gasPrice: 1n };
const hex = (a: Uint8Array) => bytesToHex(a);

// Stores calldata word 0 in slot 0 when given; returns slot0² (accepts value).
const SQUARE = "3615600b576000356000555b600054800260005260206000f3";
/** CALL(gas, to, 100 wei, no data) then STOP. */
const send100 = (to: Uint8Array) => `6000600060006000606473${hex(to)}5af100`;

async function setup() {
  const view = await viewWith({ address: SENDER, tfuel: 10n ** 18n });
  const deploy = async (runtime: string, value = 0n) => {
    const r = await applyTx(view, { ...base, to: undefined, value, data: initFor(runtime) });
    expect(r.vmError).toBe("");
    return r.contractAddress;
  };
  const call = (to: Uint8Array, gasLimit = base.gasLimit) =>
    applyTx(view, { ...base, to, gasLimit, data: new Uint8Array(0) });
  return { view, deploy, call };
}

describe("contract behaviours on a ledger StateView", () => {
  it("a contract sends TFuel to an account", async () => {
    const { view, deploy, call } = await setup();
    const c = await deploy(send100(BENEFICIARY), 1000n);
    expect((await call(c)).vmError).toBe("");
    expect((await account(view, BENEFICIARY)).balance.tfuelWei).toBe(100n);
    expect((await account(view, c)).balance.tfuelWei).toBe(900n);
  });

  it("a contract calls another contract with value", async () => {
    const { view, deploy, call } = await setup();
    const square = await deploy(SQUARE);
    const caller = await deploy(send100(square), 500n);
    expect((await call(caller)).vmError).toBe("");
    expect((await account(view, square)).balance.tfuelWei).toBe(100n);
    expect((await account(view, caller)).balance.tfuelWei).toBe(400n);
  });

  it("SELFDESTRUCT moves the TFuel, keeps THETA and sets the sentinel code hash; the code is gone", async () => {
    const { view, deploy, call } = await setup();
    const c = await deploy(`73${hex(BENEFICIARY)}ff`, 700n);
    const acc = await account(view, c);
    await view.setAccount({ ...acc, balance: { ...acc.balance, thetaWei: 5n } });
    expect((await call(c)).vmError).toBe("");
    const after = await account(view, c);
    expect(after.codeHash).toEqual(SELF_DESTRUCT_CODE_HASH);
    expect(after.balance).toEqual({ thetaWei: 5n, tfuelWei: 0n });
    expect((await account(view, BENEFICIARY)).balance.tfuelWei).toBe(700n);
    expect(await view.getCode(after.codeHash)).toBeUndefined();
    // Calling it again runs no code: only the intrinsic gas.
    expect((await call(c)).gasUsed).toBe(21000n);
  });

  it("LOG1 comes back in the result, and not after a failure", async () => {
    const { deploy, call } = await setup();
    // MSTORE(0, 42); LOG1(0, 32, topic 7); STOP
    const c = await deploy("602a600052600760206000a100");
    const r = await call(c);
    expect(r.vmError).toBe("");
    expect(r.logs).toHaveLength(1);
    expect(r.logs[0]?.address).toEqual(c);
    expect(r.logs[0]?.topics.map(hex)).toEqual([`${"00".repeat(31)}07`]);
    expect(hex(r.logs[0]?.data ?? new Uint8Array(0))).toBe(`${"00".repeat(31)}2a`);
    const oog = await call(c, 21_010n);
    expect(oog.vmError).toBe("out of gas");
    expect(oog.logs).toHaveLength(0);
  });

  it("a call with no value to an absent account creates nothing", async () => {
    const { view } = await setup();
    const before = await view.root();
    const r = await applyTx(view, { ...base, to: BENEFICIARY, data: new Uint8Array(0) });
    expect(r).toMatchObject({ vmError: "", gasUsed: 21000n, contractAddress: BENEFICIARY });
    expect(await view.getAccount(BENEFICIARY)).toBeUndefined();
    expect(await view.root()).not.toEqual(before); // only the sender's fee and sequence changed
  });
});
