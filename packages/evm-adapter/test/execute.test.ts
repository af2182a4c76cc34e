import { type Account, bytesToHex, hexToBytes, newAccount, ZERO_ADDRESS } from "@theta/core-types";
import { createCrypto } from "@theta/crypto";
import { describe, expect, it } from "vitest";
import { createContractExecutor, createMemoryWorldState, intrinsicGas } from "../src/index.ts";

const crypto = createCrypto();
// Runtime: if calldata is present, store its first word in slot 0; return slot0 * slot0.
const RUNTIME = "3615600b576000356000555b600054800260005260206000f3";
const INIT = `601980600b6000396000f3${RUNTIME}`;
// Runtime that always reverts: PUSH1 0 PUSH1 0 REVERT.
const REVERTER = "60006000fd";
const SENDER = hexToBytes("0x2e833968e5bb786ae419c4d13189fb081cc43bab");
const PROPOSER = hexToBytes("0x1111111111111111111111111111111111111111");
const BLOCK = { height: 100n, parentTimestamp: 1_600_000_000n, proposer: PROPOSER, chainId: 366n };
const PRICE = 4_000_0000_0000n;
const START = 10n ** 20n;

function word(n: number): Uint8Array {
  const w = new Uint8Array(32);
  w[31] = n;
  return w;
}

function setup() {
  const state = createMemoryWorldState();
  state.putAccount({ ...newAccount(SENDER), sequence: 3n, balance: { thetaWei: 5n, tfuelWei: START } });
  return { state, exec: createContractExecutor({ state, keccak256: crypto.keccak256 }) };
}

const deployCall = { from: SENDER, value: 0n, gasLimit: 200_000n, gasPrice: PRICE, data: hexToBytes(INIT) };
// Init code: PUSH1, DUP1, PUSH1, PUSH1 (3 each), CODECOPY 3 + 3 per word + 3 memory, PUSH1 3, RETURN 0;
// then the code deposit, 200 per byte of runtime.
const DEPLOY_EXEC_GAS = 3n * 4n + (3n + 3n + 3n) + 3n + 200n * BigInt(RUNTIME.length / 2);
// SetValue path: CALLDATASIZE 2, ISZERO 3, PUSH1 3, JUMPI 10, PUSH1 3, CALLDATALOAD 3, PUSH1 3,
// SSTORE zero→non-zero 20000, JUMPDEST 1, PUSH1 3, SLOAD 200, DUP1 3, MUL 5, PUSH1 3,
// MSTORE 3 + 3 memory, PUSH1 3, PUSH1 3, RETURN 0.
const SET_EXEC_GAS =
  2n + 3n + 3n + 10n + 3n + 3n + 3n + 20000n + 1n + 3n + 200n + 3n + 5n + 3n + 6n + 3n + 3n;

describe("SmartContractTx execution", () => {
  it("intrinsic gas counts 68 per non-zero and 4 per zero byte", () => {
    expect(intrinsicGas(new Uint8Array([0, 1, 0, 2]), false)).toBe(21000n + 2n * 68n + 2n * 4n);
    expect(intrinsicGas(new Uint8Array(0), true)).toBe(53000n);
  });

  it("runs the deploy / set / dry-run call flow", async () => {
    const { state, exec } = setup();
    const expectedAddress = crypto.contractAddress(SENDER, 3n);
    const deployGas = intrinsicGas(deployCall.data, true) + DEPLOY_EXEC_GAS;

    const dry = await exec.dryRun(deployCall, BLOCK);
    expect(dry.vmError).toBe("");
    expect(dry.contractAddress).toEqual(expectedAddress);
    expect(dry.gasUsed).toBe(deployGas);
    expect(bytesToHex(dry.returnValue)).toBe(RUNTIME);
    expect(state.getAccount(expectedAddress)).toBeUndefined();
    expect(state.getAccount(SENDER)?.sequence).toBe(3n);

    const deployed = await exec.execute(deployCall, BLOCK);
    expect(deployed).toEqual(dry);
    const sender = state.getAccount(SENDER) as Account;
    expect(sender.sequence).toBe(4n);
    expect(sender.balance).toEqual({ thetaWei: 5n, tfuelWei: START - deployGas * PRICE });
    const contract = state.getAccount(expectedAddress) as Account;
    expect(contract.sequence).toBe(0n);
    expect(contract.codeHash).toEqual(crypto.keccak256(hexToBytes(RUNTIME)));

    const set = { ...deployCall, to: expectedAddress, data: word(3), gasLimit: 100_000n };
    const setR = await exec.execute(set, BLOCK);
    expect(setR.vmError).toBe("");
    expect(setR.gasUsed).toBe(intrinsicGas(word(3), false) + SET_EXEC_GAS);
    expect(setR.contractAddress).toEqual(expectedAddress);
    expect(state.getAccount(SENDER)?.sequence).toBe(5n);

    const calc = await exec.dryRun({ ...set, data: new Uint8Array(0) }, BLOCK);
    expect(bytesToHex(calc.returnValue)).toBe(bytesToHex(word(9)));
    expect(state.getAccount(SENDER)?.sequence).toBe(5n);
  });

  it("transfers TFuel value to a contract", async () => {
    const { state, exec } = setup();
    const r = await exec.execute({ ...deployCall, value: 1000n }, BLOCK);
    expect(r.vmError).toBe("");
    expect(state.getAccount(r.contractAddress)?.balance.tfuelWei).toBe(1000n);
    expect(state.getAccount(SENDER)?.balance.tfuelWei).toBe(START - 1000n - r.fee);
  });

  it("a revert charges gas and changes nothing else", async () => {
    const { state, exec } = setup();
    // Init code returning the 5-byte reverter runtime.
    const init = `600580600b6000396000f3${REVERTER}`;
    const d = await exec.execute({ ...deployCall, data: hexToBytes(init) }, BLOCK);
    const before = state.getAccount(d.contractAddress) as Account;
    const senderBefore = state.getAccount(SENDER) as Account;
    const r = await exec.execute(
      { ...deployCall, to: d.contractAddress, value: 77n, data: new Uint8Array(0) },
      BLOCK,
    );
    expect(r.vmError).toBe("evm: execution reverted");
    expect(r.gasUsed).toBe(21000n + 3n + 3n);
    expect(state.getAccount(d.contractAddress)).toEqual(before);
    const after = state.getAccount(SENDER) as Account;
    expect(after.balance.tfuelWei).toBe(senderBefore.balance.tfuelWei - r.fee);
    expect(after.sequence).toBe(senderBefore.sequence + 1n);
  });

  it("out of gas burns the whole limit", async () => {
    const { state, exec } = setup();
    // Enough for the init code but not for the 5000-gas code deposit.
    const limit = intrinsicGas(deployCall.data, true) + 1000n;
    const r = await exec.execute({ ...deployCall, gasLimit: limit }, BLOCK);
    // Theta reports "contract creation code storage out of gas" here; @ethereumjs/evm reports a
    // plain out-of-gas for this case, so only the failure is asserted (see README, differences).
    expect(r.vmError).not.toBe("");
    expect(r.gasUsed).toBe(limit);
    expect(state.getAccount(SENDER)?.balance.tfuelWei).toBe(START - limit * PRICE);
    expect(state.getAccount(crypto.contractAddress(SENDER, 3n))?.codeHash ?? null).not.toEqual(
      crypto.keccak256(hexToBytes(RUNTIME)),
    );
  });

  it("intrinsic gas above the limit is 'out of gas' with nothing used", async () => {
    const { exec } = setup();
    const r = await exec.dryRun({ ...deployCall, gasLimit: 21_000n }, BLOCK);
    expect(r).toMatchObject({ vmError: "out of gas", gasUsed: 0n, contractAddress: ZERO_ADDRESS });
  });

  it("a gas limit above the profile maximum is 'invalid gas limit' with nothing used", async () => {
    const state = createMemoryWorldState();
    const exec = createContractExecutor({ state, keccak256: crypto.keccak256, maxGasLimit: 100_000n });
    const r = await exec.dryRun({ ...deployCall, gasLimit: 100_001n }, BLOCK);
    expect(r).toMatchObject({ vmError: "invalid gas limit", gasUsed: 0n });
  });
});
