/**
 * What Theta's precompiles share: the gas charge and failure shape of a precompiled call (the
 * gas is charged before the body runs; a failure fails the frame and consumes all its gas) and
 * the input decoding of Go's getData / BytesToAddress.
 */
import { EVMError, type ExecResult } from "@ethereumjs/evm";
import type { Address } from "@theta/core-types";

/** A precompile body: the output, or an error text that fails the frame. */
export type PrecompileBody = (data: Uint8Array) => Promise<Uint8Array | string>;

/** The input and gas of one precompiled call. */
export interface PrecompileInput {
  readonly data: Uint8Array;
  readonly gasLimit: bigint;
}

/** A failed frame: no output, all the gas consumed, `error` as the EVM error. */
export function precompileFailure(gasLimit: bigint, error: string): ExecResult {
  return {
    returnValue: new Uint8Array(0),
    executionGasUsed: gasLimit,
    exceptionError: new EVMError(error as never),
  };
}

/** A precompile charging `gas` before running `body`. */
export const precompile =
  (gas: bigint, body: PrecompileBody) =>
  async (input: PrecompileInput): Promise<ExecResult> => {
    if (input.gasLimit < gas) return precompileFailure(input.gasLimit, EVMError.errorMessages.OUT_OF_GAS);
    const out = await body(input.data);
    return typeof out === "string"
      ? precompileFailure(input.gasLimit, out)
      : { returnValue: out, executionGasUsed: gas };
  };

/** The result of a call to an address that is no precompile at this height: no code runs. */
export const noCode = (): ExecResult => ({ returnValue: new Uint8Array(0), executionGasUsed: 0n });

/** Go's getData: `size` bytes from `start`, zero-padded on the right past the input's end. */
export function inputSlice(data: Uint8Array, start: number, size: number): Uint8Array {
  const out = new Uint8Array(size);
  out.set(data.subarray(Math.min(start, data.length), Math.min(start + size, data.length)));
  return out;
}

/** Go's BytesToAddress: the last 20 bytes, left-padded when shorter. */
export function inputAddress(data: Uint8Array): Address {
  const out = new Uint8Array(20);
  const tail = data.subarray(Math.max(0, data.length - 20));
  out.set(tail, 20 - tail.length);
  return out;
}

/** An unsigned big-endian integer. */
export const toBigInt = (b: Uint8Array): bigint => b.reduce((a, x) => (a << 8n) | BigInt(x), 0n);

/** `value` as a 32-byte big-endian word. */
export function word(value: bigint): Uint8Array {
  const out = new Uint8Array(32);
  let v = value;
  for (let i = 31; i >= 0 && v > 0n; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}
