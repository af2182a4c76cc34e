/**
 * Contract calls per second through the adapter (createContractExecutor over the in-memory world
 * state) against @ethereumjs/vm `runTx` on its own in-memory state, in the same run. The contract
 * stores its calldata word and returns its square (one SSTORE and one SLOAD per call), the same
 * storage-write shape as an ERC-20 transfer's balance update.
 */
import { Common, Hardfork, Mainnet } from "@ethereumjs/common";
import { createLegacyTx } from "@ethereumjs/tx";
import { Account as EvmAccount, Address as EvmAddress, privateToAddress } from "@ethereumjs/util";
import { createVM, runTx } from "@ethereumjs/vm";
import { hexToBytes, newAccount } from "@theta/core-types";
import { createCrypto } from "@theta/crypto";
import { createContractExecutor, createMemoryWorldState } from "../src/index.ts";

const RUNTIME = hexToBytes("3615600b576000356000555b600054800260005260206000f3");
const N = 2000;
const crypto = createCrypto();
const key = hexToBytes(`0x${"11".repeat(32)}`);
const from = privateToAddress(key);
const contract = hexToBytes(`0x${"c0".repeat(20)}`);
const word = (i: number) => {
  const w = new Uint8Array(32);
  w[28] = (i >> 24) & 0xff;
  w[29] = (i >> 16) & 0xff;
  w[30] = (i >> 8) & 0xff;
  w[31] = (i & 0xff) | 1;
  return w;
};

async function baseline(): Promise<number> {
  const common = new Common({ chain: Mainnet, hardfork: Hardfork.Petersburg });
  const vm = await createVM({ common });
  await vm.stateManager.putAccount(new EvmAddress(from), new EvmAccount(0n, 10n ** 24n));
  await vm.stateManager.putAccount(new EvmAddress(contract), new EvmAccount(1n, 0n));
  await vm.stateManager.putCode(new EvmAddress(contract), RUNTIME);
  const txs = Array.from({ length: N }, (_, i) =>
    createLegacyTx(
      { nonce: i, gasPrice: 1, gasLimit: 100_000, to: contract, data: word(i) },
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
  const codeHash = crypto.keccak256(RUNTIME);
  state.putCode(codeHash, RUNTIME);
  state.putAccount({ ...newAccount(contract), codeHash });
  const exec = createContractExecutor({ state, keccak256: crypto.keccak256 });
  const block = { height: 1n, parentTimestamp: 0n, proposer: new Uint8Array(20), chainId: 366n };
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    await exec.execute(
      { from, to: contract, value: 0n, gasLimit: 100_000n, gasPrice: 1n, data: word(i) },
      block,
    );
  }
  return N / ((performance.now() - t0) / 1000);
}

await adapter(); // warm-up
await baseline();
const base = await baseline();
const ours = await adapter();
console.log(`baseline @ethereumjs/vm runTx: ${base.toFixed(0)} calls/s`);
console.log(`adapter createContractExecutor: ${ours.toFixed(0)} calls/s`);
console.log(`overhead (baseline/adapter): ${(base / ours).toFixed(2)}x`);
