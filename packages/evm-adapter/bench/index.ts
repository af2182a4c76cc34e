/**
 * ERC-20 transfers per second through the ContractRuntime on a ledger StateView over LevelDB
 * (trie-store's versioned state on classic-level, one committed version per 100-tx block, the
 * ledger's fee and sequence bump applied after each run), against @ethereumjs/vm `runTx` on its
 * own in-memory Merkle state manager (Petersburg, legacy txs signed outside the timing), in the
 * same run: interleaved rounds of 200 transfers per side, the best round of each side counts.
 * The runtime over an in-memory store is printed too. The token is compiled with solc.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Common, Hardfork, Mainnet } from "@ethereumjs/common";
import { createLegacyTx } from "@ethereumjs/tx";
import { Account as EvmAccount, Address as EvmAddress, privateToAddress } from "@ethereumjs/util";
import { createVM, runTx } from "@ethereumjs/vm";
import {
  concatBytes,
  decodeAccount,
  EMPTY_ROOT_HASH,
  equalBytes,
  hexToBytes,
  isThetaError,
  newAccount,
  privatenet,
  utf8ToBytes,
  ZERO_HASH,
} from "@theta/core-types";
import { createCrypto } from "@theta/crypto";
import { type ContractCall, openStateView, type StateView } from "@theta/ledger";
import { openLevelKvStore } from "@theta/platform-node/level";
import {
  createMemoryKvStore,
  createTrieDatabase,
  createVersionedState,
  type KvStore,
} from "@theta/trie-store";
import { createContractRuntime } from "../src/index.ts";
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
const ROUNDS = 5;
const BATCH = 200;
const BLOCK_TXS = 100;
const crypto = createCrypto();
const word = (n: bigint) => hexToBytes(`0x${n.toString(16).padStart(64, "0")}`);
const init = concatBytes(hexToBytes(compile(SOURCE, "Token")), word(10n ** 30n));
const selector = crypto.keccak256(utf8ToBytes("transfer(address,uint256)")).slice(0, 4);
const transferData = (i: number) => concatBytes(selector, word(BigInt(0x1000 + (i % 64))), word(1n));
const key = hexToBytes(`0x${"11".repeat(32)}`);
const from = privateToAddress(key);

/** A side of the comparison: `batch(n)` runs the next n transfers and returns transfers/s. */
interface Session {
  batch(n: number): Promise<number>;
  close(): Promise<void>;
}

const rate = (n: number, t0: number) => n / ((performance.now() - t0) / 1000);

async function baseline(): Promise<Session> {
  const common = new Common({ chain: Mainnet, hardfork: Hardfork.Petersburg });
  const vm = await createVM({ common });
  await vm.stateManager.putAccount(new EvmAddress(from), new EvmAccount(0n, 10n ** 24n));
  const opts = { skipBlockGasLimitValidation: true, skipHardForkValidation: true };
  const deploy = createLegacyTx({ nonce: 0, gasPrice: 1, gasLimit: 2_000_000, data: init }, { common }).sign(
    key,
  );
  const token = (await runTx(vm, { tx: deploy, ...opts })).createdAddress as EvmAddress;
  let nonce = 1;
  return {
    async batch(n) {
      // Signing happens outside the timed loop; runTx still recovers the sender.
      const txs = Array.from({ length: n }, (_, i) =>
        createLegacyTx(
          { nonce: nonce + i, gasPrice: 1, gasLimit: 100_000, to: token, data: transferData(nonce + i) },
          { common },
        ).sign(key),
      );
      nonce += n;
      const t0 = performance.now();
      for (const tx of txs) await runTx(vm, { tx, ...opts });
      return rate(n, t0);
    },
    close: async () => {},
  };
}

async function ledgerPart(view: StateView, call: ContractCall, gasUsed: bigint, isCall: boolean) {
  const acc = (await view.getAccount(call.from)) ?? newAccount(call.from);
  await view.setAccount({
    ...acc,
    sequence: acc.sequence + (isCall ? 1n : 0n),
    balance: { ...acc.balance, tfuelWei: acc.balance.tfuelWei - gasUsed * call.gasPrice },
  });
}

/** Storage roots a state leaf references (accounts with storage), so commits keep their nodes. */
function storageRootsOf(leaf: Uint8Array): readonly Uint8Array[] {
  try {
    const root = decodeAccount(leaf).root;
    return equalBytes(root, ZERO_HASH) || equalBytes(root, EMPTY_ROOT_HASH) ? [] : [root];
  } catch (e) {
    if (isThetaError(e)) return [];
    throw e;
  }
}

async function adapter(kv: KvStore, cleanup: () => Promise<void> = async () => {}): Promise<Session> {
  const state = createVersionedState(kv, { storageRootsOf });
  const view = await openStateView({ db: createTrieDatabase({ state }) }, EMPTY_ROOT_HASH);
  await view.setAccount({ ...newAccount(from), balance: { thetaWei: 0n, tfuelWei: 10n ** 24n } });
  const runtime = createContractRuntime({ keccak256: crypto.keccak256 }, { profile: privatenet });
  const block = (height: bigint) => ({
    height,
    parentTimestamp: 0n,
    proposer: new Uint8Array(20),
    chainId: "privatenet",
  });
  const base = { from, value: 0n, thetaValue: 0n, gasPrice: 1n };
  const deploy = { ...base, to: undefined, gasLimit: 2_000_000n, data: init };
  const d = await runtime.run(view, deploy, block(1n));
  await ledgerPart(view, deploy, d.gasUsed, false);
  await state.commit(1n, await view.commit());
  let done = 0;
  return {
    async batch(n) {
      const t0 = performance.now();
      for (let k = 0; k < n; k++, done++) {
        const call = { ...base, to: d.contractAddress, gasLimit: 100_000n, data: transferData(done) };
        const height = 2n + BigInt(Math.floor(done / BLOCK_TXS));
        const r = await runtime.run(view, call, block(height));
        if (r.vmError !== "") throw new Error(`transfer ${done}: ${r.vmError}`);
        await ledgerPart(view, call, r.gasUsed, true);
        if ((done + 1) % BLOCK_TXS === 0) await state.commit(height, await view.commit());
      }
      return rate(n, t0);
    },
    async close() {
      await kv.close();
      await cleanup();
    },
  };
}

async function onLevel(): Promise<Session> {
  const dir = await mkdtemp(join(tmpdir(), "evm-adapter-bench-"));
  return adapter(await openLevelKvStore(dir), () => rm(dir, { recursive: true, force: true }));
}

// Interleaved rounds so that load from other processes hits every side alike; best round counts.
const sides = {
  base: await baseline(),
  level: await onLevel(),
  memory: await adapter(createMemoryKvStore()),
};
const best = { base: 0, level: 0, memory: 0 };
for (const s of Object.values(sides)) await s.batch(BATCH); // warm-up
for (let round = 0; round < ROUNDS; round++) {
  for (const k of ["base", "level", "memory"] as const)
    best[k] = Math.max(best[k], await sides[k].batch(BATCH));
}
for (const s of Object.values(sides)) await s.close();
const { base, level, memory } = best;
const line = (name: string, ops: number) =>
  console.log(
    `${name.padEnd(62)} ${ops.toFixed(0).padStart(6)} transfers/s  time ratio vs baseline ${(base / ops).toFixed(2)}x`,
  );
line("baseline: @ethereumjs/vm runTx, in-memory MerkleStateManager", base);
line("ContractRuntime on a StateView over LevelDB (classic-level)", level);
line("ContractRuntime on a StateView over the in-memory KvStore", memory);
console.log("target: LevelDB time ratio <= 1.5x");
