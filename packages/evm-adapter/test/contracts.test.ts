import { type Account, bytesToHex, hexToBytes, newAccount, SELF_DESTRUCT_CODE_HASH } from "@theta/core-types";
import { createCrypto } from "@theta/crypto";
import { describe, expect, it } from "vitest";
import { createContractExecutor, createMemoryWorldState } from "../src/index.ts";

const crypto = createCrypto();
const SENDER = hexToBytes("0x2e833968e5bb786ae419c4d13189fb081cc43bab");
const BENEFICIARY = hexToBytes("0x00000000000000000000000000000000000000be");
const BLOCK = { height: 9n, parentTimestamp: 1n, proposer: new Uint8Array(20), chainId: 366n };
const base = { from: SENDER, value: 0n, gasLimit: 300_000n, gasPrice: 1n, data: new Uint8Array(0) };
const hex20 = (a: Uint8Array) => bytesToHex(a);

/** Init code that returns `runtime` as the deployed code. */
function initFor(runtime: string): Uint8Array {
  const len = (runtime.length / 2).toString(16).padStart(2, "0");
  return hexToBytes(`60${len}80600b6000396000f3${runtime}`);
}
// Square contract runtime (see execute.test.ts); accepts value on the getter path.
const SQUARE = "3615600b576000356000555b600054800260005260206000f3";
/** CALL(gas, to, 100 wei, no data) then STOP. */
const sender100 = (to: Uint8Array) => `6000600060006000606473${hex20(to)}5af100`;

function setup() {
  const state = createMemoryWorldState();
  state.putAccount({ ...newAccount(SENDER), balance: { thetaWei: 0n, tfuelWei: 10n ** 18n } });
  const exec = createContractExecutor({ state, keccak256: crypto.keccak256 });
  const deploy = async (runtime: string, value = 0n) => {
    const r = await exec.execute({ ...base, value, data: initFor(runtime) }, BLOCK);
    expect(r.vmError).toBe("");
    return r.contractAddress;
  };
  return { state, exec, deploy };
}

describe("contract behaviours", () => {
  it("a contract sends TFuel to an account", async () => {
    const { state, exec, deploy } = setup();
    const c = await deploy(sender100(BENEFICIARY), 1000n);
    const r = await exec.execute({ ...base, to: c }, BLOCK);
    expect(r.vmError).toBe("");
    expect(state.getAccount(BENEFICIARY)?.balance.tfuelWei).toBe(100n);
    expect(state.getAccount(c)?.balance.tfuelWei).toBe(900n);
  });

  it("a contract calls another contract with value", async () => {
    const { state, exec, deploy } = setup();
    const square = await deploy(SQUARE);
    const caller = await deploy(sender100(square), 500n);
    const r = await exec.execute({ ...base, to: caller }, BLOCK);
    expect(r.vmError).toBe("");
    expect(state.getAccount(square)?.balance.tfuelWei).toBe(100n);
    expect(state.getAccount(caller)?.balance.tfuelWei).toBe(400n);
  });

  it("SELFDESTRUCT moves the TFuel and sets the sentinel code hash", async () => {
    const { state, exec, deploy } = setup();
    const c = await deploy(`73${hex20(BENEFICIARY)}ff`, 700n);
    const r = await exec.execute({ ...base, to: c }, BLOCK);
    expect(r.vmError).toBe("");
    const acc = state.getAccount(c) as Account;
    expect(acc.codeHash).toEqual(SELF_DESTRUCT_CODE_HASH);
    expect(acc.balance.tfuelWei).toBe(0n);
    expect(state.getAccount(BENEFICIARY)?.balance.tfuelWei).toBe(700n);
  });

  it("LOG1 comes back in the receipt, and not after a failure", async () => {
    const { exec, deploy } = setup();
    // MSTORE(0, 42); LOG1(0, 32, topic 7); STOP
    const c = await deploy("602a600052600760206000a100");
    const r = await exec.execute({ ...base, to: c }, BLOCK);
    expect(r.vmError).toBe("");
    expect(r.logs).toHaveLength(1);
    const log = r.logs[0];
    expect(log?.address).toEqual(c);
    expect(log?.topics.map(bytesToHex)).toEqual([`${bytesToHex(new Uint8Array(31))}07`]);
    expect(bytesToHex(log?.data ?? new Uint8Array(0))).toBe(`${"00".repeat(31)}2a`);
    const oog = await exec.execute({ ...base, to: c, gasLimit: 21_010n }, BLOCK);
    expect(oog.vmError).not.toBe("");
    expect(oog.logs).toHaveLength(0);
  });
});
