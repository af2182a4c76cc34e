/**
 * Decoded txs and tx hashes remembered by raw-bytes object. One raw tx travels as the same
 * `Uint8Array` from the RPC handler through mempool admission, each block's re-check, the
 * proposal and the finalized block, and each step decoded and hashed it again. The memo is
 * keyed by the object (a WeakMap: it goes when the bytes go) and checked against a copy of the
 * bytes, so a caller that changes the array in place gets a fresh decoding, never a stale one.
 */
import { decodeTx, equalBytes, type Hash, type Tx } from "@theta/core-types";
import type { ThetaCrypto } from "@theta/crypto";

interface Memo {
  readonly bytes: Uint8Array;
  tx?: Tx;
  hash?: Hash;
}

const memos = new WeakMap<Uint8Array, Memo>();

function memoOf(raw: Uint8Array): Memo {
  const m = memos.get(raw);
  if (m !== undefined && equalBytes(m.bytes, raw)) return m;
  const fresh: Memo = { bytes: raw.slice() };
  memos.set(raw, fresh);
  return fresh;
}

/** `decodeTx(raw)`, remembered for this array while its bytes stay the same (throws as it does). */
export function decodeTxMemo(raw: Uint8Array): Tx {
  const m = memoOf(raw);
  m.tx ??= decodeTx(raw);
  return m.tx;
}

/** `crypto.txHash(raw)`, remembered for this array while its bytes stay the same (a fresh copy each time). */
export function txHashMemo(crypto: Pick<ThetaCrypto, "txHash">, raw: Uint8Array): Hash {
  const m = memoOf(raw);
  m.hash ??= crypto.txHash(raw);
  return m.hash.slice();
}

/**
 * Forgets what is remembered for `raws`: once a block is built or applied its txs are not decoded
 * again, while the consensus engine may keep the block (and so the arrays) for hundreds of blocks.
 */
export function forgetTxMemos(raws: readonly Uint8Array[]): void {
  for (const raw of raws) memos.delete(raw);
}
