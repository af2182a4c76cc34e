import { privatenet } from "@theta/core-types";
import { defaultCrypto, inlineVerifier, type SignatureCheck } from "@theta/crypto";
import { withSignatureCache } from "@theta/ledger";
import { describe, expect, it } from "vitest";
import { createPreverifier } from "../src/index.ts";
import { ALICE, BOB, sendTx } from "./helpers/keys.ts";

/** A promise-resolving turn: the batch closes once the calls made synchronously before it have queued. */
const microtask = (): Promise<void> => Promise.resolve();

describe("preverifier", () => {
  it("checks the txs submitted in one turn as one batch and leaves the outcomes in the signature cache", async () => {
    const inner = defaultCrypto;
    let recoveries = 0;
    const counting = {
      ...inner,
      verify: (m: Uint8Array, s: Uint8Array, a: Uint8Array) => {
        recoveries++;
        return inner.verify(m, s, a);
      },
    };
    const crypto = withSignatureCache(counting, 100);
    const batches: SignatureCheck[][] = [];
    const base = inlineVerifier(inner);
    const verifier = {
      verifyMany: (checks: readonly SignatureCheck[]) => {
        batches.push([...checks]);
        return base.verifyMany(checks);
      },
    };
    const preverify = createPreverifier(verifier, crypto, privatenet, microtask);
    const raws = [1n, 2n, 3n].map((seq) => sendTx(privatenet.chainId, ALICE, BOB, 1n, seq));
    await Promise.all([...raws.map((r) => preverify(r)), preverify(new Uint8Array([1, 2, 3]))]);
    expect(batches.map((b) => b.length)).toEqual([3]);
    // Admission's checks are now cache hits: nothing is recovered again on this thread.
    for (const c of batches[0]!) expect(crypto.verify(c.message, c.signature, c.address)).toBe(true);
    expect(recoveries).toBe(0);
    await preverify(raws[0]!);
    expect(batches.length).toBe(1); // already in the cache: nothing sent again
    await preverify(sendTx(privatenet.chainId, ALICE, BOB, 1n, 4n));
    expect(batches.map((b) => b.length)).toEqual([3, 1]); // a later turn is a batch of its own
  });

  it("closes a batch when the injected turn resolves, not before", async () => {
    const batches: number[] = [];
    const base = inlineVerifier(defaultCrypto);
    const verifier = {
      verifyMany: (checks: readonly SignatureCheck[]) => {
        batches.push(checks.length);
        return base.verifyMany(checks);
      },
    };
    const turns: Array<() => void> = [];
    const manual = () => new Promise<void>((resolve) => turns.push(resolve));
    const preverify = createPreverifier(verifier, withSignatureCache(defaultCrypto, 10), privatenet, manual);
    const first = preverify(sendTx(privatenet.chainId, ALICE, BOB, 1n, 1n));
    await Promise.resolve();
    const second = preverify(sendTx(privatenet.chainId, ALICE, BOB, 1n, 2n));
    expect(turns.length).toBe(1); // one turn asked for, both txs waiting on it
    expect(batches).toEqual([]);
    turns[0]!();
    await Promise.all([first, second]);
    expect(batches).toEqual([2]);
  });

  it("leaves a tx it cannot decode to admission", async () => {
    const verifier = { verifyMany: async (): Promise<boolean[]> => [] };
    const preverify = createPreverifier(
      verifier,
      withSignatureCache(defaultCrypto, 10),
      privatenet,
      microtask,
    );
    await expect(preverify(new Uint8Array([0xc0]))).resolves.toBeUndefined();
  });
});
