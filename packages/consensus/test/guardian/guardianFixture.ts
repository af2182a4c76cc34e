/**
 * Four guardians with real BLS keys for the focused guardian tests. Only `@theta/crypto` runs at load
 * time; everything from the guardian sources is built inside the tests (so each mutant runs only the
 * tests that reach it). Pools use empty proofs of possession (accepted: the ledger checked them at
 * staking) unless a test checks the proofs, which keeps pairings to the aggregates under test.
 */
import { aggregatedVotesSignBytes } from "@theta/core-types";
import {
  type BlsSecretKey,
  type BlsSignature,
  blsAggregateSignatures,
  blsPublicKey,
  blsSecretKeyFromBytes,
  blsSign,
  blsSignatureFromBytes,
} from "@theta/crypto";
import type { GuardianAggregate } from "../../src/guardian/aggregate.ts";
import type { GuardianEntry } from "../../src/ports.ts";

export const N = 4;
export const sks: BlsSecretKey[] = Array.from({ length: N }, (_, i) => {
  const b = new Uint8Array(32);
  b[0] = 0x3a;
  b[31] = i + 1;
  return blsSecretKeyFromBytes(b);
});
/** A key outside the pool. */
export const outsider = blsSecretKeyFromBytes(new Uint8Array(32).fill(0x5c));

/** Stakes 2, 1, 1, 2 (total 6): {0,1,2} hold exactly 4/6, {0,1,3} hold 5/6. */
export const STAKES = [2n, 1n, 1n, 2n];

/** The pool's entries, empty PoPs. */
export const entries: GuardianEntry[] = sks.map((sk, i) => ({
  address: new Uint8Array(20).fill(0x60 + i),
  stake: STAKES[i] as bigint,
  blsPubkey: blsPublicKey(sk).bytes,
  blsPop: new Uint8Array(0),
}));

export const block = new Uint8Array(32).fill(0x21);
export const otherBlock = new Uint8Array(32).fill(0x22);
export const gcp = new Uint8Array(32).fill(0x31);
export const otherGcp = new Uint8Array(32).fill(0x32);
/** The checkpoint message of (`block`, `gcp`). */
export const message = aggregatedVotesSignBytes(block, gcp);

const sigCache = new Map<string, BlsSignature>();
/** Guardian `i`'s signature on `msg` (cached). */
export function sig(i: number, msg: Uint8Array = message): BlsSignature {
  const key = `${i}:${Buffer.from(msg).toString("hex")}`;
  let s = sigCache.get(key);
  if (s === undefined) {
    s = blsSign(i < 0 ? outsider : (sks[i] as BlsSecretKey), msg);
    sigCache.set(key, s);
  }
  return s;
}

/** An aggregate claiming `multiplies`, signed by each guardian in `signers` once (no checks). */
export function agg(
  multiplies: readonly number[],
  signers: readonly number[],
  msg = message,
): GuardianAggregate {
  const signature = blsAggregateSignatures(signers.map((i) => sig(i, msg)));
  return { multiplies: Uint32Array.from(multiplies), signature };
}

/** The honest aggregate of `signers`, each once, over `N` guardians. */
export function honest(signers: readonly number[], msg = message): GuardianAggregate {
  const m = new Array<number>(N).fill(0);
  for (const i of signers) m[i] = 1;
  return agg(m, signers, msg);
}

/** An honest aggregate with multiplicity `times` for guardian `i` (signature σᵢ·times). */
export function scaled(i: number, times: bigint, msg = message): BlsSignature {
  const p = sig(i, msg).point.multiply(times);
  return blsSignatureFromBytes(p.toBytes(true));
}
