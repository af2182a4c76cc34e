/** Pre-Istanbul intrinsic gas of a SmartContractTx (docs/ledger.md §5.8 sanity step 7). */

/** 53000 for a creation / 21000 for a call, plus 68 per non-zero and 4 per zero byte of `data`. */
export function intrinsicGas(data: Uint8Array, isCreate: boolean): bigint {
  let nonZero = 0;
  for (const b of data) if (b !== 0) nonZero++;
  return (isCreate ? 53000n : 21000n) + 68n * BigInt(nonZero) + 4n * BigInt(data.length - nonZero);
}
