import { Common, Hardfork, Mainnet } from "@ethereumjs/common";
import { createEVM } from "@ethereumjs/evm";
import { Address as EvmAddress } from "@ethereumjs/util";
import {
  type Account,
  EMPTY_CODE_HASH,
  equalBytes,
  hexToBytes,
  newAccount,
  SELF_DESTRUCT_CODE_HASH,
} from "@theta/core-types";
import { createCrypto } from "@theta/crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createMemoryWorldState, createThetaStateManager, trimWord } from "../src/index.ts";

const crypto = createCrypto();
// Runtime: if calldata is present, store its first word in slot 0; return slot0 * slot0.
const RUNTIME = "3615600b576000356000555b600054800260005260206000f3";
// Init: copy the 25-byte runtime (at offset 11) to memory and return it.
const INIT = `601980600b6000396000f3${RUNTIME}`;

function setup() {
  const state = createMemoryWorldState();
  const sm = createThetaStateManager({ state, keccak256: crypto.keccak256 });
  const sender = hexToBytes("0x2e833968e5bb786ae419c4d13189fb081cc43bab");
  const base = newAccount(sender);
  state.putAccount({ ...base, sequence: 7n, balance: { thetaWei: 123n, tfuelWei: 10n ** 18n } });
  return { state, sm, sender };
}

async function evmOver(sm: ReturnType<typeof createThetaStateManager>) {
  return createEVM({
    common: new Common({ chain: Mainnet, hardfork: Hardfork.Petersburg }),
    stateManager: sm,
  });
}

describe("Theta state manager", () => {
  it("maps TFuel to the EVM balance and sequence to the nonce, keeping THETA", async () => {
    const { state, sm, sender } = setup();
    const acc = await sm.getAccount(new EvmAddress(sender));
    expect(acc?.balance).toBe(10n ** 18n);
    expect(acc?.nonce).toBe(7n);
    await sm.modifyAccountFields(new EvmAddress(sender), { balance: 5n });
    const after = state.getAccount(sender) as Account;
    expect(after.balance).toEqual({ thetaWei: 123n, tfuelWei: 5n });
    expect(after.sequence).toBe(7n);
  });

  it("deploys code, stores trimmed words unhashed and runs a call", async () => {
    const { state, sm, sender } = setup();
    const evm = await evmOver(sm);
    const caller = new EvmAddress(sender);
    const created = await evm.runCall({ caller, data: hexToBytes(INIT), gasLimit: 1_000_000n });
    expect(created.execResult.exceptionError).toBeUndefined();
    const contract = created.createdAddress as EvmAddress;
    expect(contract.bytes).toEqual(crypto.contractAddress(sender, 7n));
    const contractAcc = state.getAccount(contract.bytes) as Account;
    expect(contractAcc.codeHash).toEqual(crypto.keccak256(hexToBytes(RUNTIME)));
    expect(state.getCode(contractAcc.codeHash)).toEqual(hexToBytes(RUNTIME));

    const three = new Uint8Array(32);
    three[31] = 3;
    const set = await evm.runCall({ caller, to: contract, data: three, gasLimit: 100_000n });
    expect(set.execResult.exceptionError).toBeUndefined();
    expect(set.execResult.returnValue[31]).toBe(9);
    expect(state.getStorage(contract.bytes, new Uint8Array(32))).toEqual(new Uint8Array([3]));

    const get = await evm.runCall({ caller, to: contract, gasLimit: 100_000n });
    expect(get.execResult.returnValue[31]).toBe(9);

    const zero = await evm.runCall({ caller, to: contract, data: new Uint8Array(32), gasLimit: 100_000n });
    expect(zero.execResult.exceptionError).toBeUndefined();
    expect(state.getStorage(contract.bytes, new Uint8Array(32)).length).toBe(0);
  });

  it("reverts storage and balances to the checkpoint", async () => {
    const { state, sm, sender } = setup();
    const a = new EvmAddress(sender);
    await sm.checkpoint();
    await sm.putStorage(a, new Uint8Array(32), new Uint8Array([0, 0, 5]));
    await sm.modifyAccountFields(a, { balance: 1n });
    expect(state.getStorage(sender, new Uint8Array(32))).toEqual(new Uint8Array([5]));
    await sm.revert();
    expect(state.getStorage(sender, new Uint8Array(32)).length).toBe(0);
    expect(state.getAccount(sender)?.balance.tfuelWei).toBe(10n ** 18n);
  });

  it("keeps the original value of a slot until the cache is cleared", async () => {
    const { sm, sender } = setup();
    const a = new EvmAddress(sender);
    const slot = new Uint8Array(32);
    await sm.putStorage(a, slot, new Uint8Array([1]));
    expect(await sm.originalStorageCache.get(a, slot)).toEqual(new Uint8Array([1]));
    await sm.putStorage(a, slot, new Uint8Array([2]));
    expect(await sm.originalStorageCache.get(a, slot)).toEqual(new Uint8Array([1]));
    sm.originalStorageCache.clear();
    expect(await sm.originalStorageCache.get(a, slot)).toEqual(new Uint8Array([2]));
  });

  it("marks a deleted (self-destructed) account with the sentinel code hash, keeping THETA", async () => {
    const { state, sm, sender } = setup();
    await sm.deleteAccount(new EvmAddress(sender));
    const acc = state.getAccount(sender) as Account;
    expect(equalBytes(acc.codeHash, SELF_DESTRUCT_CODE_HASH)).toBe(true);
    expect(acc.balance).toEqual({ thetaWei: 123n, tfuelWei: 0n });
    expect((await sm.getAccount(new EvmAddress(sender)))?.codeHash).toEqual(EMPTY_CODE_HASH);
    expect(await sm.getCodeSize(new EvmAddress(sender))).toBe(0);
  });

  it("trimWord strips exactly the leading zeros", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        const t = trimWord(bytes);
        expect(t.length === 0 || t[0] !== 0).toBe(true);
        expect(bytes.subarray(bytes.length - t.length)).toEqual(t);
        expect(bytes.subarray(0, bytes.length - t.length).every((b) => b === 0)).toBe(true);
      }),
    );
  });
});
