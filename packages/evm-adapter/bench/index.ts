/**
 * ERC-20 transfers per second through the adapter (createContractExecutor over the in-memory world
 * state) against @ethereumjs/vm `runTx` on its own in-memory Merkle state, measured in the same run.
 * The token is compiled with solc (Petersburg) by the test helper.
 */
import { Common, Hardfork, Mainnet } from "@ethereumjs/common";
import { createLegacyTx } from "@ethereumjs/tx";
import { Account as EvmAccount, Address as EvmAddress, privateToAddress } from "@ethereumjs/util";
import { createVM, runTx } from "@ethereumjs/vm";
import { concatBytes, hexToBytes, newAccount, utf8ToBytes } from "@theta/core-types";
import { createCrypto } from "@theta/crypto";
import { createContractExecutor, createMemoryWorldState } from "../src/index.ts";
import { compile } from "../test/solc.ts";

const SOURCE = `
// SPDX-License-Identifier: MIT
pragma solidity ^0.8.0;
contract Token {
  mapping(address => uint256) public balanceOf;
  event Transfer(address indexed from, address indexed to, uint256 value);
  constructor(uint256 supply) { balanceOf[msg.sender] = supply; }
  function transfer(address to, uint256 value) external returns (bool) {
    require(balanceOf[msg.sender] >= value, "balance");
    balanceOf[msg.sender] -= value;
    balanceOf[to] += value;
    emit Transfer(msg.sender, to, value);
    return true;
  }
}`;
const N = 1000;
const crypto = createCrypto();
const word = (n: bigint) => hexToBytes(`0x${n.toString(16).padStart(64, "0")}`);
const init = concatBytes(hexToBytes(compile(SOURCE, "Token")), word(10n ** 30n));
const selector = crypto.keccak256(utf8ToBytes("transfer(address,uint256)")).slice(0, 4);
const transferData = (i: number) => concatBytes(selector, word(BigInt(0x1000 + (i % 64))), word(1n));
const key = hexToBytes(`0x${"11".repeat(32)}`);
const from = privateToAddress(key);

async function baseline(): Promise<number> {
  const common = new Common({ chain: Mainnet, hardfork: Hardfork.Petersburg });
  const vm = await createVM({ common });
  await vm.stateManager.putAccount(new EvmAddress(from), new EvmAccount(0n, 10n ** 24n));
  const deploy = createLegacyTx({ nonce: 0, gasPrice: 1, gasLimit: 2_000_000, data: init }, { common }).sign(
    key,
  );
  const d = await runTx(vm, { tx: deploy, skipBlockGasLimitValidation: true, skipHardForkValidation: true });
  const token = d.createdAddress as EvmAddress;
  const txs = Array.from({ length: N }, (_, i) =>
    createLegacyTx(
      { nonce: i + 1, gasPrice: 1, gasLimit: 100_000, to: token, data: transferData(i) },
      { common },
    ).sign(key),
  );
  const t0 = performance.now();
  for (const tx of txs)
    await runTx(vm, { tx, skipBlockGasLimitValidation: true, skipHardForkValidation: true });
  return N / ((performance.now() - t0) / 1000);
}

async function adapter(): Promise<number> {
  const state = createMemoryWorldState();
  state.putAccount({ ...newAccount(from), balance: { thetaWei: 0n, tfuelWei: 10n ** 24n } });
  const exec = createContractExecutor({ state, keccak256: crypto.keccak256 });
  const block = { height: 1n, parentTimestamp: 0n, proposer: new Uint8Array(20), chainId: 366n };
  const call = { from, value: 0n, gasLimit: 2_000_000n, gasPrice: 1n };
  const token = (await exec.execute({ ...call, data: init }, block)).contractAddress;
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    const r = await exec.execute({ ...call, to: token, gasLimit: 100_000n, data: transferData(i) }, block);
    if (r.vmError !== "") throw new Error(`transfer ${i}: ${r.vmError}`);
  }
  return N / ((performance.now() - t0) / 1000);
}

await adapter(); // warm-up
await baseline();
const base = await baseline();
const ours = await adapter();
console.log(`baseline @ethereumjs/vm runTx (MerkleStateManager, signed txs): ${base.toFixed(0)} transfers/s`);
console.log(`adapter createContractExecutor (memory world state): ${ours.toFixed(0)} transfers/s`);
console.log(`time ratio adapter/baseline: ${(base / ours).toFixed(2)}x (target <= 1.5x)`);
