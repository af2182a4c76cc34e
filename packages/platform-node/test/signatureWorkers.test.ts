import { createCrypto, defaultCrypto, type SignatureCheck } from "@theta/crypto";
import { nativeBackend } from "@theta/crypto/native";
import { afterAll, describe, expect, it } from "vitest";
import { createSignatureWorkers, type SignatureWorkerPool } from "../src/index.ts";

const native = createCrypto(nativeBackend);
const key = (i: number) => Uint8Array.from({ length: 32 }, (_, j) => (j === 31 ? i : j === 0 ? 7 : 0));

/** n checks; every third one is wrong (another address, a flipped signature byte, or no signature). */
function checks(n: number): { checks: SignatureCheck[]; expected: boolean[] } {
  const out: SignatureCheck[] = [];
  const expected: boolean[] = [];
  for (let i = 0; i < n; i++) {
    const sk = key((i % 200) + 1);
    const message = new TextEncoder().encode(`message ${i}`);
    const signature = native.sign(message, sk);
    const address = native.privateKeyToAddress(sk);
    switch (i % 9) {
      case 3:
        out.push({ message, signature, address: native.privateKeyToAddress(key(201)) });
        expected.push(false);
        break;
      case 6: {
        const bad = signature.slice();
        bad[10]! ^= 1;
        out.push({ message, signature: bad, address });
        expected.push(false);
        break;
      }
      case 8:
        out.push({ message, signature: new Uint8Array(0), address });
        expected.push(false);
        break;
      default:
        out.push({ message, signature, address });
        expected.push(true);
    }
  }
  return { checks: out, expected };
}

const pools: SignatureWorkerPool[] = [];
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
});

describe("signature worker pool", () => {
  it("answers like crypto.verify, in order, across two threads (native and noble)", async () => {
    const { checks: cs, expected } = checks(300);
    expect(cs.map((c) => defaultCrypto.verify(c.message, c.signature, c.address))).toEqual(expected);
    for (const backend of ["native", "noble"] as const) {
      const pool = await createSignatureWorkers({ threads: 2, backend, minChecksPerThread: 16 });
      pools.push(pool);
      expect(pool.threads).toBe(2);
      expect(await pool.verifyMany(cs)).toEqual(expected);
      expect(await pool.verifyMany(cs.slice(0, 5))).toEqual(expected.slice(0, 5));
      expect(await pool.verifyMany([])).toEqual([]);
    }
  });
  it("runs concurrent batches and refuses work after close", async () => {
    const pool = await createSignatureWorkers({ threads: 2, minChecksPerThread: 8 });
    const { checks: cs, expected } = checks(90);
    const [a, b] = await Promise.all([pool.verifyMany(cs.slice(0, 45)), pool.verifyMany(cs.slice(45))]);
    expect([...a, ...b]).toEqual(expected);
    await pool.close();
    await expect(pool.verifyMany(cs)).rejects.toMatchObject({ code: "SIGNATURE_WORKERS_CLOSED" });
  });
});
