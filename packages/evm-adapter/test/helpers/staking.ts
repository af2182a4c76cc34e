/**
 * Shared setup of the staking precompile tests: holder keys and their BLS summaries, the input
 * layouts of 0xcc–0xcf, the intrinsic gas of a call counted by hand from the spec's formula, and
 * a forwarding contract (calldata byte 0 = the precompile id, the rest its input).
 */
import { type Address, concatBytes, hexToBytes, MAX_RETURN_HEIGHT, type Stake } from "@theta/core-types";
import { blsPopProve, blsPublicKey, blsSecretKeyFromBytes } from "@theta/crypto";
import { crypto } from "./state.ts";

export const E18 = 10n ** 18n;
export const SOURCE = hexToBytes("0x2e833968e5bb786ae419c4d13189fb081cc43bab");
export const GAS_LIMIT = 100_000n;
/** A direct call from SOURCE with no value. */
export const call = { from: SOURCE, value: 0n, thetaValue: 0n, gasLimit: GAS_LIMIT, gasPrice: 1n };

/** The address 0x00…<id>. */
export const precompile = (id: number): Address => concatBytes(new Uint8Array(19), Uint8Array.of(id));

/** A holder: its secp256k1 key and address. */
export interface Holder {
  readonly sk: Uint8Array;
  readonly address: Address;
}

/** A holder from a private key filled with `fill`. */
export function holder(fill: number): Holder {
  const sk = new Uint8Array(32).fill(fill);
  return { sk, address: crypto.privateKeyToAddress(sk) };
}

/** The 48-byte BLS public key of the BLS secret key filled with `blsFill`. */
export const blsKey = (blsFill: number): Uint8Array =>
  blsPublicKey(blsSecretKeyFromBytes(new Uint8Array(32).fill(blsFill))).bytes;

/**
 * A 229-byte summary: holder address ‖ BLS key ‖ PoP ‖ the signature of the PoP by `signer`
 * (the holder itself unless given).
 */
export function summary(h: Holder, blsFill = 3, signer: Uint8Array = h.sk): Uint8Array {
  const bsk = blsSecretKeyFromBytes(new Uint8Array(32).fill(blsFill));
  const pop = blsPopProve(bsk).bytes;
  const out = concatBytes(h.address, blsPublicKey(bsk).bytes, pop, crypto.sign(pop, signer));
  if (out.length !== 229) throw new Error(`summary: expected 229 bytes, got ${out.length}`);
  return out;
}

/** `n` as a 32-byte big-endian word. */
export const word = (n: bigint) => hexToBytes(n.toString(16).padStart(64, "0"));

/** 0xcc input: summary ‖ amount. */
export const guardianInput = (s: Uint8Array, amount: bigint) => concatBytes(s, word(amount));

/** 0xce input: summary ‖ 32 unread bytes (`gap`) ‖ amount. */
export const eenInput = (s: Uint8Array, amount: bigint, gap = new Uint8Array(32)) =>
  concatBytes(s, gap, word(amount));

/** 0xcd / 0xcf input: the holder address left-padded to a word. */
export const holderInput = (a: Address) => concatBytes(new Uint8Array(12), a);

/** Intrinsic gas of a call by the spec: 21000 + 68 per non-zero byte + 4 per zero byte. */
export function handIntrinsic(data: Uint8Array): bigint {
  let gas = 21_000n;
  for (const b of data) gas += b === 0 ? 4n : 68n;
  return gas;
}

/** A fresh stake as the spec writes it: not withdrawn, return height 2^64 − 1. */
export const activeStake = (source: Address, amount: bigint): Stake => ({
  source,
  amount,
  withdrawn: false,
  returnHeight: MAX_RETURN_HEIGHT,
});

/**
 * Runtime code forwarding calldata[1:] to the precompile calldata[0] with CALL (all gas, no
 * value; STATICCALL with `static`) and returning the success flag as a word; with `revertAfter`,
 * it reverts after the call.
 */
export function forwarder(opts: { revertAfter?: boolean; static?: boolean } = {}): string {
  const copy = "3660019003" + "80600160003760006000" + "82";
  const callIt =
    opts.static === true ? "6000" + "600035" + "60f81c" + "5afa" : "600060006000" + "3560f81c" + "5af1";
  const end = opts.revertAfter === true ? "60006000fd" : "60005260206000f3";
  return copy + callIt + end;
}
