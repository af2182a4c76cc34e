/**
 * Shared fixture of the EVM rule tests (gasAndCreation, instructionSet): a funded sender,
 * transaction templates, runtime-code builders and a mainnet runtime.
 */
import { hexToBytes, mainnet } from "@theta/core-types";
import type { ContractBlockContext } from "@theta/ledger";
import { expect } from "vitest";
import { createContractRuntime } from "../../src/index.ts";
import { applyTx, BLOCK, crypto, initFor, viewWith } from "./state.ts";

export const SENDER = hexToBytes("0x2e833968e5bb786ae419c4d13189fb081cc43bab");
export const OTHER = hexToBytes("0x00000000000000000000000000000000000000b0");
export const tx = { from: SENDER, value: 0n, thetaValue: 0n, gasLimit: 200_000n, gasPrice: 1n };
export const create = (data: Uint8Array, extra: object = {}) => ({ ...tx, to: undefined, data, ...extra });
export const word = (n: bigint) => hexToBytes(n.toString(16).padStart(64, "0"));
/** Runtime code: <op>; MSTORE at 0; RETURN 32 bytes. */
export const returning = (op: string) => `${op}60005260206000f3`;
export const mainnetRuntime = createContractRuntime({ keccak256: crypto.keccak256 }, { profile: mainnet });
export const at = (height: bigint, chainId = "mainnet"): ContractBlockContext => ({
  ...BLOCK,
  height,
  chainId,
});
export const H = mainnet.heights;

export async function deployed(runtimeHex: string, value = 0n) {
  const view = await viewWith({ address: SENDER, tfuel: 10n ** 20n, theta: 10n ** 6n });
  const r = await applyTx(view, create(initFor(runtimeHex), { value }));
  expect(r.vmError).toBe("");
  return { view, address: r.contractAddress };
}
