/**
 * The @ethereumjs StateManagerInterface over the {@link StateCache} of the current run, with
 * Theta's account semantics (docs/interfaces.md §7, docs/ledger.md §9.4):
 * EVM balance = TFuel (THETA and the rest of the account pass through), nonce = sequence, code
 * by hash with the self-destruct sentinel read as no code, storage slots unhashed, the
 * "original" storage value of EIP-1283 read from the current state (so SSTORE costs 200 when
 * unchanged, 20000 from zero, 5000 otherwise), new contracts at sequence 0, and no account
 * written for an empty, absent address except where Theta's EVM creates one.
 */
import type { AccountFields, StateManagerInterface } from "@ethereumjs/common";
import { Account as EvmAccount, type Address as EvmAddress, setLengthLeft } from "@ethereumjs/util";
import {
  type Account,
  type Address,
  bytesToHex,
  EMPTY_CODE_HASH,
  equalBytes,
  newAccount,
  SELF_DESTRUCT_CODE_HASH,
  ThetaError,
  ZERO_COINS,
  ZERO_HASH,
} from "@theta/core-types";
import { EvmAdapterErrorCode } from "./errors.ts";
import type { StateCache } from "./stateCache.ts";

/** What the state manager needs to know about the run it serves. */
export interface RunScope {
  readonly cache: StateCache;
  /** THETA moves with calls and a new contract keeps the balance sent to its address beforehand. */
  readonly supportTheta: boolean;
  /** Whether `address` is a precompile (Theta creates an account when one is CALLed). */
  isPrecompile(address: Address): boolean;
  /** The caller, target and static flag of the message that started most recently. */
  lastMessage:
    | { readonly caller: Address; readonly to: Address | undefined; readonly isStatic: boolean }
    | undefined;
  /** Contracts created in this run (written even while empty). */
  readonly created: Set<string>;
  /** The contract whose next account read reports nonce −1 (cancels the EVM's EIP-161 bump). */
  pendingNonceReset: string | undefined;
}

/** A state manager whose run scope is swapped per run (`scope` must be set before each run). */
export interface ViewStateManager extends StateManagerInterface {
  scope: RunScope | undefined;
  /** Theta's CreateAccount for a new contract address (called on the EVM's `newContract` event). */
  createContract(address: Address): Promise<void>;
  /** Theta's Suicide: the sentinel code hash and zero TFuel (THETA stays). */
  selfDestruct(address: Address): Promise<void>;
}

function toEvm(acc: Account): EvmAccount {
  return new EvmAccount(acc.sequence, acc.balance.tfuelWei, undefined, acc.codeHash);
}

function isEmptyEvm(acc: EvmAccount): boolean {
  return acc.nonce === 0n && acc.balance === 0n && equalBytes(acc.codeHash, EMPTY_CODE_HASH);
}

function hasNoCode(codeHash: Uint8Array): boolean {
  return equalBytes(codeHash, EMPTY_CODE_HASH) || equalBytes(codeHash, SELF_DESTRUCT_CODE_HASH);
}

/** Builds a state manager; `keccak256` hashes deployed code. */
export function createViewStateManager(keccak256: (data: Uint8Array) => Uint8Array): ViewStateManager {
  const need = (m: ViewStateManager): RunScope => {
    if (m.scope === undefined) throw unsupported("state access outside a run");
    return m.scope;
  };
  const writeEvm = async (s: RunScope, address: Address, evm: EvmAccount): Promise<void> => {
    const base = await s.cache.getAccount(address);
    if (base === undefined && isEmptyEvm(evm) && !createsEmpty(s, address)) return;
    const from = base ?? newAccount(address.slice());
    if (
      base !== undefined &&
      from.sequence === evm.nonce &&
      from.balance.tfuelWei === evm.balance &&
      equalBytes(from.codeHash, evm.codeHash)
    ) {
      return;
    }
    s.cache.putAccount({
      ...from,
      sequence: evm.nonce,
      balance: { thetaWei: from.balance.thetaWei, tfuelWei: evm.balance },
      codeHash: evm.codeHash,
    });
  };
  const manager: ViewStateManager = {
    scope: undefined,
    async getAccount(address) {
      const s = need(manager);
      const acc = await s.cache.getAccount(address.bytes);
      if (acc === undefined) return undefined;
      const evm = toEvm(acc);
      if (s.pendingNonceReset !== undefined && s.pendingNonceReset === bytesToHex(address.bytes)) {
        s.pendingNonceReset = undefined;
        evm.nonce = -1n;
      }
      return evm;
    },
    async putAccount(address, account) {
      if (account === undefined) return manager.deleteAccount(address);
      await writeEvm(need(manager), address.bytes, account);
    },
    deleteAccount: (address) => manager.selfDestruct(address.bytes),
    async modifyAccountFields(address: EvmAddress, fields: AccountFields) {
      const s = need(manager);
      const acc = await s.cache.getAccount(address.bytes);
      const evm = acc === undefined ? new EvmAccount() : toEvm(acc);
      if (fields.nonce !== undefined) evm.nonce = fields.nonce;
      if (fields.balance !== undefined) evm.balance = fields.balance;
      if (fields.codeHash !== undefined) evm.codeHash = fields.codeHash;
      await writeEvm(s, address.bytes, evm);
    },
    async putCode(address, value) {
      const s = need(manager);
      const codeHash = keccak256(value);
      s.cache.putCode(codeHash, value.slice());
      const acc = (await s.cache.getAccount(address.bytes)) ?? newAccount(address.bytes.slice());
      s.cache.putAccount({ ...acc, codeHash });
    },
    async getCode(address) {
      const s = need(manager);
      const acc = await s.cache.getAccount(address.bytes);
      if (acc === undefined || hasNoCode(acc.codeHash)) return new Uint8Array(0);
      return s.cache.getCode(acc.codeHash);
    },
    getCodeSize: async (address) => (await manager.getCode(address)).length,
    getStorage: (address, key) => need(manager).cache.getStorage(address.bytes, key),
    async putStorage(address, key, value) {
      need(manager).cache.putStorage(address.bytes, key.slice(), setLengthLeft(value, 32));
    },
    // Theta's CreateAccount resets the account itself (createContract); nothing else clears storage.
    clearStorage: async () => {},
    checkpoint: async () => need(manager).cache.checkpoint(),
    commit: async () => need(manager).cache.commit(),
    revert: async () => need(manager).cache.revert(),
    getStateRoot: async () => ZERO_HASH,
    setStateRoot: async () => {
      throw unsupported("setStateRoot");
    },
    hasStateRoot: async () => {
      throw unsupported("hasStateRoot");
    },
    // Theta reads the EIP-1283 "original" value from the current state.
    originalStorageCache: {
      get: (address, key) => need(manager).cache.getStorage(address.bytes, key),
      clear: () => {},
    },
    clearCaches: () => {},
    shallowCopy: () => {
      throw unsupported("shallowCopy");
    },
    async createContract(address) {
      const s = need(manager);
      const existing = await s.cache.getAccount(address);
      const balance = s.supportTheta && existing !== undefined ? existing.balance : ZERO_COINS;
      s.cache.putAccount({ ...newAccount(address.slice()), balance });
      const key = bytesToHex(address);
      s.created.add(key);
      s.pendingNonceReset = key;
    },
    async selfDestruct(address) {
      const s = need(manager);
      const acc = await s.cache.getAccount(address);
      if (acc === undefined) return;
      s.cache.putAccount({
        ...acc,
        balance: { thetaWei: acc.balance.thetaWei, tfuelWei: 0n },
        codeHash: SELF_DESTRUCT_CODE_HASH,
      });
    },
  };
  return manager;
}

/**
 * Theta writes an empty account for a contract it creates, and for a precompile reached by a
 * CALL (not a STATICCALL) while absent; any other empty, absent account stays absent.
 */
function createsEmpty(s: RunScope, address: Address): boolean {
  if (s.created.has(bytesToHex(address))) return true;
  const m = s.lastMessage;
  return (
    m !== undefined &&
    !m.isStatic &&
    m.to !== undefined &&
    equalBytes(m.to, address) &&
    s.isPrecompile(address)
  );
}

function unsupported(what: string): ThetaError {
  return new ThetaError(EvmAdapterErrorCode.Unsupported, `${what}: not supported by the Theta EVM adapter`);
}
