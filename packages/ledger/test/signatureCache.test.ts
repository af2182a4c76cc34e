import type { ThetaCrypto } from "@theta/crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createLedger } from "../src/chain/ledger.ts";
import { withSignatureCache } from "../src/chain/signatureCache.ts";
import { addr, blockInfo, crypto, fundedState, profile, sendRaw } from "./helpers/chainFixture.ts";

function counting(base: ThetaCrypto): { crypto: ThetaCrypto; calls: () => number } {
  let n = 0;
  return {
    crypto: {
      ...base,
      verify: (m, s, a) => {
        n++;
        return base.verify(m, s, a);
      },
    },
    calls: () => n,
  };
}

describe("signature cache", () => {
  it("a tx checked in screening is not verified again when its block is applied", async () => {
    const { db, root } = await fundedState();
    const c = counting(crypto);
    const ledger = createLedger({ db, profile, crypto: c.crypto });
    const raw = sendRaw(0, 2, 1n);
    expect((await ledger.checkTx(root, raw, 10n)).ok).toBe(true);
    const once = c.calls();
    expect(once).toBeGreaterThan(0);
    expect((await ledger.applyBlock(root, blockInfo(10n), [raw])).ok).toBe(true);
    expect(c.calls()).toBe(once);
  });

  it("keeps results apart per message, signature and address, and stays within its capacity", () => {
    const c = counting(crypto);
    const cached = withSignatureCache(c.crypto, 1);
    const sk = new Uint8Array(32).fill(1);
    const m = new Uint8Array([1, 2, 3]);
    const sig = crypto.sign(m, sk);
    expect(cached.verify(m, sig, addr[0]!)).toBe(true);
    expect(cached.verify(m, sig, addr[1]!)).toBe(false);
    expect(cached.verify(new Uint8Array([1, 2]), new Uint8Array([3, ...sig]), addr[0]!)).toBe(false);
    expect(c.calls()).toBe(3);
    expect(cached.verify(m, sig, addr[0]!)).toBe(true);
    expect(c.calls()).toBe(4);
  });

  it("a hit needs equal bytes, not the same arrays (a tx decoded twice); a signature copied onto other bytes misses", () => {
    const c = counting(crypto);
    const cached = withSignatureCache(c.crypto, 10);
    const sk = new Uint8Array(32).fill(2);
    const m = new Uint8Array([9, 8, 7]);
    const sig = crypto.sign(m, sk);
    const signer = crypto.privateKeyToAddress(sk);
    expect(cached.verify(m, sig, signer)).toBe(true);
    expect(cached.verify(m.slice(), sig.slice(), signer.slice())).toBe(true);
    expect(c.calls()).toBe(1);
    expect(cached.verify(new Uint8Array([9, 8, 6]), sig.slice(), signer)).toBe(false);
    expect(c.calls()).toBe(2);
    expect(cached.verify(m, sig, signer)).toBe(true); // still known by its own arrays
    expect(cached.verify(m.slice(), sig.slice(), signer)).toBe(true); // by bytes: the copy replaced it
    expect(c.calls()).toBe(3);
  });

  it("property: a cached answer is the uncached one, for messages differing in any byte (0x80–0x9f too)", () => {
    const sk = new Uint8Array(32).fill(3);
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 40 }),
        fc.nat(39),
        fc.integer({ min: 0x80, max: 0x9f }),
        (m, at, byte) => {
          const cached = withSignatureCache(crypto, 100);
          const sig = crypto.sign(m, sk);
          const other = m.slice();
          other[at % m.length] = other[at % m.length] === byte ? byte + 1 : byte;
          expect(cached.verify(m, sig, addr[2]!)).toBe(crypto.verify(m, sig, addr[2]!));
          expect(cached.verify(other, sig, addr[2]!)).toBe(crypto.verify(other, sig, addr[2]!));
          expect(cached.verify(m, sig, addr[2]!)).toBe(crypto.verify(m, sig, addr[2]!));
        },
      ),
      { numRuns: 30 },
    );
  });

  it("capacity 0 leaves the crypto as it is; a cached crypto is not wrapped twice", () => {
    expect(withSignatureCache(crypto, 0)).toBe(crypto);
    const cached = withSignatureCache(crypto, 10);
    expect(withSignatureCache(cached, 10)).toBe(cached);
  });

  it("ledgers given the same cached crypto share its cache", async () => {
    const { db, root } = await fundedState();
    const c = counting(crypto);
    const shared = withSignatureCache(c.crypto, 100);
    const raw = sendRaw(0, 2, 1n);
    expect((await createLedger({ db, profile, crypto: shared }).checkTx(root, raw, 10n)).ok).toBe(true);
    const once = c.calls();
    expect(
      (await createLedger({ db, profile, crypto: shared }).applyBlock(root, blockInfo(10n), [raw])).ok,
    ).toBe(true);
    expect(c.calls()).toBe(once);
  });
});
