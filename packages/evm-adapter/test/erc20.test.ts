import { bytesToHex, concatBytes, hexToBytes, newAccount, utf8ToBytes } from "@theta/core-types";
import { createCrypto } from "@theta/crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createContractExecutor, createMemoryWorldState } from "../src/index.ts";
import { compile } from "./solc.ts";

const crypto = createCrypto();
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
contract SquareCalculator {
  uint256 public value;
  function SetValue(uint256 v) external { value = v; }
  function CalculateSquare() external view returns (uint256) { return value * value; }
}`;
const ALICE = hexToBytes("0x2e833968e5bb786ae419c4d13189fb081cc43bab");
const BOB = hexToBytes("0x00000000000000000000000000000000000000b0");
const BLOCK = { height: 5n, parentTimestamp: 1n, proposer: new Uint8Array(20), chainId: 366n };
const base = { from: ALICE, value: 0n, gasLimit: 2_000_000n, gasPrice: 1n };

const selector = (sig: string) => crypto.keccak256(utf8ToBytes(sig)).slice(0, 4);
const word = (n: bigint) => hexToBytes(`0x${n.toString(16).padStart(64, "0")}`);
const addrWord = (a: Uint8Array) => concatBytes(new Uint8Array(12), a);

let tokenInit: Uint8Array;
let squareInit: Uint8Array;
beforeAll(() => {
  tokenInit = hexToBytes(compile(SOURCE, "Token"));
  squareInit = hexToBytes(compile(SOURCE, "SquareCalculator"));
}, 60_000);

function setup() {
  const state = createMemoryWorldState();
  state.putAccount({ ...newAccount(ALICE), balance: { thetaWei: 0n, tfuelWei: 10n ** 18n } });
  return { state, exec: createContractExecutor({ state, keccak256: crypto.keccak256 }) };
}

describe("compiled contracts", () => {
  it("SquareCalculator: deploy dry run, deploy, SetValue(3), CalculateSquare dry run", async () => {
    const { state, exec } = setup();
    const dry = await exec.dryRun({ ...base, data: squareInit }, BLOCK);
    expect(dry.vmError).toBe("");
    expect(state.getAccount(dry.contractAddress)).toBeUndefined();
    const d = await exec.execute({ ...base, data: squareInit }, BLOCK);
    expect(d.contractAddress).toEqual(crypto.contractAddress(ALICE, 0n));
    expect(d.gasUsed).toBe(dry.gasUsed);
    const set = await exec.execute(
      { ...base, to: d.contractAddress, data: concatBytes(selector("SetValue(uint256)"), word(3n)) },
      BLOCK,
    );
    expect(set.vmError).toBe("");
    const calc = await exec.dryRun(
      { ...base, to: d.contractAddress, data: selector("CalculateSquare()") },
      BLOCK,
    );
    expect(calc.vmError).toBe("");
    expect(bytesToHex(calc.returnValue)).toBe(bytesToHex(word(9n)));
  });

  it("ERC-20: deploy, transfer, balanceOf and the Transfer event", async () => {
    const { exec } = setup();
    const d = await exec.execute({ ...base, data: concatBytes(tokenInit, word(1000n)) }, BLOCK);
    expect(d.vmError).toBe("");
    const token = d.contractAddress;
    const tx = await exec.execute(
      {
        ...base,
        to: token,
        data: concatBytes(selector("transfer(address,uint256)"), addrWord(BOB), word(250n)),
      },
      BLOCK,
    );
    expect(tx.vmError).toBe("");
    expect(bytesToHex(tx.returnValue)).toBe(bytesToHex(word(1n)));
    expect(tx.logs).toHaveLength(1);
    expect(tx.logs[0]?.topics.map(bytesToHex)).toEqual(
      [
        crypto.keccak256(utf8ToBytes("Transfer(address,address,uint256)")),
        addrWord(ALICE),
        addrWord(BOB),
      ].map(bytesToHex),
    );
    expect(bytesToHex(tx.logs[0]?.data ?? new Uint8Array(0))).toBe(bytesToHex(word(250n)));
    const balanceOf = (who: Uint8Array) =>
      exec.dryRun(
        { ...base, to: token, data: concatBytes(selector("balanceOf(address)"), addrWord(who)) },
        BLOCK,
      );
    expect(bytesToHex((await balanceOf(BOB)).returnValue)).toBe(bytesToHex(word(250n)));
    expect(bytesToHex((await balanceOf(ALICE)).returnValue)).toBe(bytesToHex(word(750n)));

    const tooMuch = await exec.execute(
      {
        ...base,
        to: token,
        data: concatBytes(selector("transfer(address,uint256)"), addrWord(BOB), word(10_000n)),
      },
      BLOCK,
    );
    expect(tooMuch.vmError).not.toBe("");
    expect(tooMuch.gasUsed).toBeGreaterThan(0n);
    expect(bytesToHex((await balanceOf(BOB)).returnValue)).toBe(bytesToHex(word(250n)));
  });
});
