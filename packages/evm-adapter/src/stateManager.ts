/**
 * A @ethereumjs StateManagerInterface over Theta's {@link EvmWorldState}: the EVM balance is the
 * account's TFuel, the nonce its sequence; THETA balance, reserved funds and the rest of the
 * Theta account are carried through untouched.
 */
import type { AccountFields, StateManagerInterface } from "@ethereumjs/common";
import { Account as EvmAccount, type Address as EvmAddress } from "@ethereumjs/util";
import {
  type Account,
  bytesToHex,
  EMPTY_CODE_HASH,
  equalBytes,
  newAccount,
  SELF_DESTRUCT_CODE_HASH,
  ThetaError,
  ZERO_HASH,
} from "@theta/core-types";
import { EvmAdapterErrorCode, type EvmWorldState } from "./worldState.ts";

/** Dependencies of {@link createThetaStateManager}. */
export interface ThetaStateManagerDeps {
  readonly state: EvmWorldState;
  readonly keccak256: (data: Uint8Array) => Uint8Array;
}

/** Strips leading zero bytes: Theta stores storage words trimmed, the zero word as absent. */
export function trimWord(value: Uint8Array): Uint8Array {
  let i = 0;
  while (i < value.length && value[i] === 0) i++;
  return value.subarray(i);
}

function toEvmAccount(acc: Account): EvmAccount {
  const codeHash = equalBytes(acc.codeHash, SELF_DESTRUCT_CODE_HASH) ? EMPTY_CODE_HASH : acc.codeHash;
  return new EvmAccount(acc.sequence, acc.balance.tfuelWei, undefined, codeHash);
}

/** The Theta account at `address` after writing the EVM view's nonce, balance and code hash. */
function merge(base: Account, evm: EvmAccount): Account {
  return {
    ...base,
    sequence: evm.nonce,
    balance: { thetaWei: base.balance.thetaWei, tfuelWei: evm.balance },
    codeHash: evm.codeHash,
  };
}

/**
 * Builds the adapter. Self-destructed accounts (deleteAccount) keep their THETA, lose their TFuel
 * and take the {@link SELF_DESTRUCT_CODE_HASH} sentinel as code hash; the EVM then sees them as
 * code-less.
 */
export function createThetaStateManager(deps: ThetaStateManagerDeps): StateManagerInterface {
  const { state, keccak256 } = deps;
  const original = new Map<string, Uint8Array>();
  const load = (address: EvmAddress): Account | undefined => state.getAccount(address.bytes);
  const loadOrNew = (address: EvmAddress): Account => load(address) ?? newAccount(address.bytes.slice());
  const unsupported = (what: string): never => {
    throw new ThetaError(EvmAdapterErrorCode.Unsupported, `${what}: not supported by the Theta EVM adapter`);
  };
  const manager: StateManagerInterface = {
    getAccount: async (address) => {
      const acc = load(address);
      return acc === undefined ? undefined : toEvmAccount(acc);
    },
    putAccount: async (address, account) => {
      if (account === undefined) {
        await manager.deleteAccount(address);
        return;
      }
      state.putAccount(merge(loadOrNew(address), account));
    },
    deleteAccount: async (address) => {
      const acc = load(address);
      if (acc === undefined) return;
      state.putAccount({
        ...acc,
        balance: { thetaWei: acc.balance.thetaWei, tfuelWei: 0n },
        codeHash: SELF_DESTRUCT_CODE_HASH,
      });
    },
    modifyAccountFields: async (address, fields: AccountFields) => {
      const evm = toEvmAccount(loadOrNew(address));
      if (fields.nonce !== undefined) evm.nonce = fields.nonce;
      if (fields.balance !== undefined) evm.balance = fields.balance;
      if (fields.codeHash !== undefined) evm.codeHash = fields.codeHash;
      state.putAccount(merge(loadOrNew(address), evm));
    },
    putCode: async (address, value) => {
      const codeHash = keccak256(value);
      state.putCode(codeHash, value);
      state.putAccount({ ...loadOrNew(address), codeHash });
    },
    getCode: async (address) => {
      const acc = load(address);
      if (acc === undefined) return new Uint8Array(0);
      if (equalBytes(acc.codeHash, EMPTY_CODE_HASH) || equalBytes(acc.codeHash, SELF_DESTRUCT_CODE_HASH)) {
        return new Uint8Array(0);
      }
      return state.getCode(acc.codeHash) ?? new Uint8Array(0);
    },
    getCodeSize: async (address) => (await manager.getCode(address)).length,
    getStorage: async (address, key) => state.getStorage(address.bytes, key).slice(),
    putStorage: async (address, key, value) => {
      state.putStorage(address.bytes, key, trimWord(value).slice());
    },
    clearStorage: async () => {
      // Theta never clears storage wholesale: a self-destructed contract keeps its slots behind
      // the sentinel code hash, and CREATE onto a used address is rejected before this point.
    },
    checkpoint: async () => state.checkpoint(),
    commit: async () => state.commit(),
    revert: async () => state.revert(),
    getStateRoot: async () => ZERO_HASH,
    setStateRoot: async () => unsupported("setStateRoot"),
    hasStateRoot: async () => unsupported("hasStateRoot"),
    originalStorageCache: {
      get: async (address, key) => {
        const k = `${bytesToHex(address.bytes)}/${bytesToHex(key)}`;
        let v = original.get(k);
        if (v === undefined) {
          v = state.getStorage(address.bytes, key).slice();
          original.set(k, v);
        }
        return v;
      },
      clear: () => original.clear(),
    },
    clearCaches: () => original.clear(),
    shallowCopy: () => createThetaStateManager(deps),
  };
  return manager;
}
