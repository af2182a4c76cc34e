/**
 * A fake `ContractRuntime` for ledger tests: a "square calculator" whose deployed code is the
 * init code itself. A call with selector 0x00000001 and a 32-byte argument returns arg² and
 * stores it in slot 0; any other selector reverts; init code starting 0xfe fails like an invalid
 * opcode (all gas used). Value moves from caller to callee; CREATE bumps the creator's sequence.
 */
import { type Address, bytesToHex, Coin, newAccount, ZERO_ADDRESS } from "@theta/core-types";
import type { ThetaCrypto } from "@theta/crypto";
import type {
  ContractBlockContext,
  ContractCall,
  ContractRunResult,
  ContractRuntime,
} from "../../src/ports.ts";
import type { StateView } from "../../src/state/stateView.ts";

/** The selector of the square function. */
export const SQUARE = new Uint8Array([0, 0, 0, 1]);
/** Gas a successful run uses on top of the intrinsic gas. */
export const EXTRA_GAS = 1_000n;

/** Call data for square(n). */
export function squareCall(n: bigint): Uint8Array {
  const out = new Uint8Array(36);
  out.set(SQUARE);
  out.set(word(n), 4);
  return out;
}

/** A 32-byte big-endian word. */
export function word(n: bigint): Uint8Array {
  const out = new Uint8Array(32);
  let v = n;
  for (let i = 31; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

function readWord(b: Uint8Array): bigint {
  let v = 0n;
  for (const x of b) v = (v << 8n) | BigInt(x);
  return v;
}

function intrinsic(call: ContractCall): bigint {
  let g = call.to === undefined ? 53_000n : 21_000n;
  for (const b of call.data) g += b === 0 ? 4n : 68n;
  return g;
}

/** A fake runtime and the log of the blocks it ran in. */
export interface FakeRuntime extends ContractRuntime {
  readonly runs: { call: ContractCall; block: ContractBlockContext }[];
}

/** Creates the fake runtime. */
export function createFakeRuntime(crypto: ThetaCrypto): FakeRuntime {
  const runs: { call: ContractCall; block: ContractBlockContext }[] = [];
  const fail = (call: ContractCall, gasUsed: bigint, vmError: string, at: Address): ContractRunResult => ({
    returnValue: new Uint8Array(0),
    contractAddress: at,
    gasUsed: gasUsed > call.gasLimit ? call.gasLimit : gasUsed,
    vmError,
    logs: [],
  });
  async function move(state: StateView, from: Address, to: Address, value: bigint): Promise<boolean> {
    const a = await state.getAccount(from);
    if (a === undefined || a.balance.tfuelWei < value) return false;
    await state.setAccount({ ...a, balance: Coin.minus(a.balance, { thetaWei: 0n, tfuelWei: value }) });
    const b = (await state.getAccount(to)) ?? newAccount(to);
    await state.setAccount({ ...b, balance: Coin.plus(b.balance, { thetaWei: 0n, tfuelWei: value }) });
    return true;
  }
  return {
    runs,
    async run(state, call, block) {
      runs.push({ call, block });
      const base = intrinsic(call);
      if (base > call.gasLimit) return fail(call, 0n, "out of gas", call.to ?? ZERO_ADDRESS);
      const gasUsed = base + EXTRA_GAS;
      if (call.to === undefined) {
        const creator = await state.getAccount(call.from);
        if (creator === undefined) return fail(call, 0n, "insufficient balance for transfer", ZERO_ADDRESS);
        const at = crypto.contractAddress(call.from, creator.sequence);
        if (call.data[0] === 0xfe) return fail(call, call.gasLimit, "invalid opcode 0xfe", at);
        await state.setAccount({ ...creator, sequence: creator.sequence + 1n });
        const codeHash = crypto.keccak256(call.data);
        await state.setCode(codeHash, call.data);
        await state.setAccount({ ...newAccount(at), codeHash });
        if (!(await move(state, call.from, at, call.value))) {
          return fail(call, gasUsed, "insufficient balance for transfer", at);
        }
        return { returnValue: call.data, contractAddress: at, gasUsed, vmError: "", logs: [] };
      }
      const selector = bytesToHex(call.data.subarray(0, 4));
      if (selector !== bytesToHex(SQUARE)) return fail(call, gasUsed, "evm: execution reverted", call.to);
      if (!(await move(state, call.from, call.to, call.value))) {
        return fail(call, gasUsed, "insufficient balance for transfer", call.to);
      }
      const n = readWord(call.data.subarray(4, 36));
      const result = word(n * n);
      await state.setStorage(call.to, new Uint8Array(32), result);
      return {
        returnValue: result,
        contractAddress: call.to,
        gasUsed,
        vmError: "",
        logs: [{ address: call.to, topics: [crypto.keccak256(SQUARE)], data: result }],
      };
    },
  };
}
