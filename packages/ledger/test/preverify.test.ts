import { decodeTx, type Tx, TxType } from "@theta/core-types";
import { inlineVerifier, type SignatureBatchVerifier, type ThetaCrypto } from "@theta/crypto";
import { describe, expect, it } from "vitest";
import { createLedger } from "../src/chain/ledger.ts";
import { preverifySignatures, signatureChecksOf } from "../src/chain/preverify.ts";
import { withSignatureCache } from "../src/chain/signatureCache.ts";
import { blockInfo, crypto, fundedState, keys, profile, sendRaw } from "./helpers/chainFixture.ts";

function counting(base: ThetaCrypto): { crypto: ThetaCrypto; calls: () => number } {
  let n = 0;
  const verify: ThetaCrypto["verify"] = (m, s, a) => {
    n++;
    return base.verify(m, s, a);
  };
  return { crypto: { ...base, verify }, calls: () => n };
}

/** A verifier that counts the checks it is given. */
function countingVerifier(): SignatureBatchVerifier & { checks: () => number } {
  let n = 0;
  const inner = inlineVerifier(crypto);
  return {
    verifyMany(cs) {
      n += cs.length;
      return inner.verifyMany(cs);
    },
    checks: () => n,
  };
}

describe("signatures checked ahead of a block", () => {
  it("primes the ledger's cache: the block applies with no signature check of its own, same root", async () => {
    const { db, root } = await fundedState();
    const raws = [sendRaw(0, 2, 1n), sendRaw(1, 3, 1n), sendRaw(2, 4, 1n)];
    const txs = raws.map((r) => decodeTx(r));
    const plain = await createLedger({ db, profile, crypto }).applyBlock(root, blockInfo(10n), raws);

    const c = counting(crypto);
    const cached = withSignatureCache(c.crypto, 1000);
    const verifier = countingVerifier();
    expect(await preverifySignatures(cached, verifier, profile, txs)).toBe(3);
    expect(verifier.checks()).toBe(3);
    const primed = await createLedger({ db, profile, crypto: cached }).applyBlock(root, blockInfo(10n), raws);
    expect(c.calls()).toBe(0);
    expect(primed.ok && plain.ok).toBe(true);
    if (primed.ok && plain.ok) expect(primed.value.stateRoot).toEqual(plain.value.stateRoot);
  });

  it("a ledger given a signatureVerifier checks each applied block's signatures through it first", async () => {
    const { db, root } = await fundedState();
    const raws = [sendRaw(0, 2, 1n), sendRaw(1, 3, 1n), new Uint8Array([0xff, 1, 2])];
    const c = counting(crypto);
    const verifier = countingVerifier();
    const withVerifier = createLedger({
      db,
      profile,
      crypto: withSignatureCache(c.crypto, 1000),
      signatureVerifier: verifier,
    });
    const good = await withVerifier.applyBlock(root, blockInfo(10n), raws.slice(0, 2));
    expect(verifier.checks()).toBe(2);
    expect(c.calls()).toBe(0);
    // Checks the cache already holds are not sent again.
    await withVerifier.applyBlock(root, blockInfo(10n), raws.slice(0, 2));
    expect(verifier.checks()).toBe(2);
    const plain = await createLedger({ db, profile, crypto }).applyBlock(
      root,
      blockInfo(10n),
      raws.slice(0, 2),
    );
    expect(good.ok && plain.ok).toBe(true);
    if (good.ok && plain.ok) expect(good.value.stateRoot).toEqual(plain.value.stateRoot);
    // An undecodable tx is skipped by the check ahead and still fails the block, naming its index.
    const bad = await withVerifier.applyBlock(root, blockInfo(10n), raws);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toContain("tx 2");
  });

  it("a forged signature primed as false still fails the block as without priming", async () => {
    const { db, root } = await fundedState();
    const good = decodeTx(sendRaw(0, 2, 1n));
    if (good.type !== TxType.Send) throw new Error("expected a SendTx");
    const forged: Tx = {
      ...good,
      inputs: [{ ...good.inputs[0]!, signature: crypto.sign(new Uint8Array([9]), keys[0]!) }],
    };
    const cached = withSignatureCache(crypto, 1000);
    expect(await preverifySignatures(cached, inlineVerifier(crypto), profile, [forged])).toBe(1);
    const { encodeTx } = await import("@theta/core-types");
    const r = await createLedger({ db, profile, crypto: cached }).applyBlock(root, blockInfo(10n), [
      encodeTx(forged),
    ]);
    expect(r.ok).toBe(false);
  });

  it("lists one check per signed input over the V1 sign bytes, none for unsigned or proposer txs", () => {
    const tx = decodeTx(sendRaw(0, 2, 1n));
    expect(signatureChecksOf(profile.chainId, tx)).toHaveLength(1);
    if (tx.type !== TxType.Send) throw new Error("expected a SendTx");
    const unsigned: Tx = { ...tx, inputs: [{ ...tx.inputs[0]!, signature: new Uint8Array(0) }] };
    expect(signatureChecksOf(profile.chainId, unsigned)).toEqual([]);
  });

  it("primes nothing for a crypto without a cache", async () => {
    const tx = decodeTx(sendRaw(0, 2, 1n));
    expect(await preverifySignatures(crypto, inlineVerifier(crypto), profile, [tx])).toBe(0);
  });
});
