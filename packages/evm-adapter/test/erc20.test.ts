import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from "@theta/core-types";
import type { StateView } from "@theta/ledger";
import { beforeAll, describe, expect, it } from "vitest";
import { account, applyTx, BLOCK, crypto, runtime, viewWith } from "./helpers/state.ts";
import { compile } from "./solc.ts";

const SOURCE = `
// SPDX-License-Identifier: MIT
pragma solidity ^0.8.0;
contract Token {
  mapping(address => uint256) public balanceOf;
  event Transfer(address indexed from, address indexed to, uint256 value);
  constructor(uint256 supply) { balanceOf[msg.sender] = supply; emit Transfer(address(0), msg.sender, supply); }
  function transfer(address to, uint256 value) external returns (bool) {
    require(balanceOf[msg.sender] >= value, "balance");
    balanceOf[msg.sender] -= value;
    balanceOf[to] += value;
    emit Transfer(msg.sender, to, value);
    return true;
  }
}
contract Child {
  uint256 public x;
  constructor(uint256 v) { x = v; }
}
contract Factory {
  Child public first;
  constructor() { first = new Child(1); }
  function make(uint256 v) external returns (address) { return address(new Child(v)); }
  function make2(uint256 v, bytes32 salt) external returns (address) { return address(new Child{salt: salt}(v)); }
}`;
const ALICE = hexToBytes("0x2e833968e5bb786ae419c4d13189fb081cc43bab");
const BOB = hexToBytes("0x00000000000000000000000000000000000000b0");
const base = { from: ALICE, value: 0n, thetaValue: 0n, gasLimit: 2_000_000n, gasPrice: 1n };

const selector = (sig: string) => crypto.keccak256(utf8ToBytes(sig)).slice(0, 4);
const word = (n: bigint) => hexToBytes(`0x${n.toString(16).padStart(64, "0")}`);
const addrWord = (a: Uint8Array) => concatBytes(new Uint8Array(12), a);
const transfer = (to: Uint8Array, n: bigint) =>
  concatBytes(selector("transfer(address,uint256)"), addrWord(to), word(n));

let tokenInit: Uint8Array;
let childInit: Uint8Array;
let factoryInit: Uint8Array;
beforeAll(() => {
  tokenInit = hexToBytes(compile(SOURCE, "Token"));
  childInit = hexToBytes(compile(SOURCE, "Child"));
  factoryInit = hexToBytes(compile(SOURCE, "Factory"));
}, 60_000);

async function deployToken(view: StateView) {
  const d = await applyTx(view, { ...base, to: undefined, data: concatBytes(tokenInit, word(1000n)) });
  expect(d.vmError).toBe("");
  return d.contractAddress;
}
const balanceOf = async (view: StateView, token: Uint8Array, who: Uint8Array) => {
  const data = concatBytes(selector("balanceOf(address)"), addrWord(who));
  return bytesToHex((await runtime.run(await view.copy(), { ...base, to: token, data }, BLOCK)).returnValue);
};

describe("compiled contracts (solc, petersburg)", () => {
  it("ERC-20: deploy, transfer, balanceOf and the Transfer event", async () => {
    const view = await viewWith({ address: ALICE, tfuel: 10n ** 18n });
    const token = await deployToken(view);
    const tx = await applyTx(view, { ...base, to: token, data: transfer(BOB, 250n) });
    expect(tx.vmError).toBe("");
    expect(bytesToHex(tx.returnValue)).toBe(bytesToHex(word(1n)));
    expect(tx.logs).toHaveLength(1);
    expect(tx.logs[0]?.address).toEqual(token);
    expect(tx.logs[0]?.topics.map(bytesToHex)).toEqual(
      [
        crypto.keccak256(utf8ToBytes("Transfer(address,address,uint256)")),
        addrWord(ALICE),
        addrWord(BOB),
      ].map(bytesToHex),
    );
    expect(bytesToHex(tx.logs[0]?.data ?? new Uint8Array(0))).toBe(bytesToHex(word(250n)));
    expect(await balanceOf(view, token, BOB)).toBe(bytesToHex(word(250n)));
    expect(await balanceOf(view, token, ALICE)).toBe(bytesToHex(word(750n)));
  });

  it("a reverting and an out-of-gas transfer charge gas and change no other state", async () => {
    const view = await viewWith({ address: ALICE, tfuel: 10n ** 18n });
    const token = await deployToken(view);
    const tokenBefore = await account(view, token);
    const runOnCopy = async (data: Uint8Array, gasLimit: bigint) => {
      const copy = await view.copy();
      const rootBefore = await copy.root();
      const r = await runtime.run(copy, { ...base, to: token, data, gasLimit }, BLOCK);
      expect(await copy.root()).toEqual(rootBefore);
      return r;
    };
    const reverted = await runOnCopy(transfer(BOB, 10_000n), 100_000n);
    expect(reverted.vmError).toBe("evm: execution reverted");
    expect(reverted.gasUsed).toBeGreaterThan(21_000n);
    expect(reverted.gasUsed).toBeLessThan(100_000n);
    // Solidity's Error("balance") revert data comes back as the return value.
    expect(bytesToHex(reverted.returnValue.slice(0, 4))).toBe(bytesToHex(selector("Error(string)")));

    const oog = await runOnCopy(transfer(BOB, 1n), 30_000n);
    expect(oog).toMatchObject({ vmError: "out of gas", gasUsed: 30_000n, logs: [] });

    const r = await applyTx(view, { ...base, to: token, data: transfer(BOB, 10_000n), gasLimit: 100_000n });
    expect(r.gasUsed).toBe(reverted.gasUsed);
    expect(await account(view, token)).toEqual(tokenBefore);
    expect(await balanceOf(view, token, BOB)).toBe(bytesToHex(word(0n)));
  });

  it("nested CREATE and CREATE2 derive Theta addresses (contracts start at sequence 0)", async () => {
    const view = await viewWith({ address: ALICE, tfuel: 10n ** 18n });
    const d = await applyTx(view, { ...base, to: undefined, data: factoryInit });
    expect(d.vmError).toBe("");
    const factory = d.contractAddress;
    const first = crypto.contractAddress(factory, 0n);
    const firstCall = await runtime.run(
      await view.copy(),
      { ...base, to: factory, data: selector("first()") },
      BLOCK,
    );
    expect(bytesToHex(firstCall.returnValue)).toBe(bytesToHex(addrWord(first)));
    expect((await account(view, first)).sequence).toBe(0n);
    expect(await view.getStorage(first, new Uint8Array(32))).toEqual(word(1n));
    expect((await account(view, factory)).sequence).toBe(1n);

    const made = await applyTx(view, {
      ...base,
      to: factory,
      data: concatBytes(selector("make(uint256)"), word(7n)),
    });
    expect(made.vmError).toBe("");
    const second = crypto.contractAddress(factory, 1n);
    expect(bytesToHex(made.returnValue)).toBe(bytesToHex(addrWord(second)));
    expect(await view.getStorage(second, new Uint8Array(32))).toEqual(word(7n));

    const salt = word(0x5a17n);
    const data = concatBytes(selector("make2(uint256,bytes32)"), word(9n), salt);
    const made2 = await applyTx(view, { ...base, to: factory, data });
    expect(made2.vmError).toBe("");
    const third = crypto.create2Address(factory, salt, concatBytes(childInit, word(9n)));
    expect(bytesToHex(made2.returnValue)).toBe(bytesToHex(addrWord(third)));
    expect((await account(view, factory)).sequence).toBe(3n);
    // The same salt again collides: the factory's call fails.
    const again = await applyTx(view, { ...base, to: factory, data });
    expect(again.vmError).toBe("evm: execution reverted");
  });
});
