import type { Worker } from "node:worker_threads";
import { createCrypto, defaultCrypto, type SignatureCheck } from "@theta/crypto";
import { nativeBackend } from "@theta/crypto-native";
import { afterAll, describe, expect, it } from "vitest";
import { createSignatureWorkers, type SignatureWorkerPool, type SliceDispatch } from "../src/index.ts";

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

describe("signature worker pool: lost threads never lose a batch", () => {
  /** A pool whose `onDispatch` runs `sabotage` once, on the first slice sent to thread 0. */
  const poolWith = async (sabotage: (d: SliceDispatch) => void, extra: { sliceTimeoutMs?: number } = {}) => {
    const seen: SliceDispatch[] = [];
    let victim: Worker | undefined;
    const pool = await createSignatureWorkers({
      threads: 2,
      backend: "noble",
      minChecksPerThread: 16,
      ...extra,
      onDispatch: (d) => {
        seen.push(d);
        if (victim === undefined && d.thread === 0) {
          victim = d.worker;
          sabotage(d);
        }
      },
    });
    pools.push(pool);
    return { pool, seen, victim: () => victim };
  };

  /** After a loss: the replacement serves thread 0, both threads answer, nothing more runs inline. */
  const keepsWorking = async (p: Awaited<ReturnType<typeof poolWith>>) => {
    const { checks: cs, expected } = checks(120);
    await p.pool.whenReady();
    const before = p.pool.stats();
    p.seen.length = 0;
    expect(await p.pool.verifyMany(cs)).toEqual(expected);
    expect(p.seen.map((d) => d.thread)).toEqual([0, 1]);
    expect(p.seen[0]!.worker).not.toBe(p.victim());
    expect(p.pool.stats()).toEqual(before);
  };

  it("a thread terminated mid-batch: the batch resolves right (its slice checked inline), the thread is replaced", async () => {
    const p = await poolWith((d) => void d.worker.terminate());
    const { checks: cs, expected } = checks(300);
    expect(await p.pool.verifyMany(cs)).toEqual(expected);
    expect(p.pool.stats()).toEqual({ lostThreads: 1, inlineSlices: 1 });
    await keepsWorking(p);
  }, 20_000);

  it("a thread that crashes inside (an uncaught error before it answers): same", async () => {
    // A malformed request ahead of the slice: the thread throws on it and dies with the slice unanswered.
    const p = await poolWith((d) => d.worker.postMessage({ id: -1, checks: null }));
    const { checks: cs, expected } = checks(300);
    expect(await p.pool.verifyMany(cs)).toEqual(expected);
    expect(p.pool.stats()).toEqual({ lostThreads: 1, inlineSlices: 1 });
    await keepsWorking(p);
  }, 20_000);

  it("concurrent batches on a thread that dies all resolve right", async () => {
    const p = await poolWith((d) => void d.worker.terminate());
    const { checks: cs, expected } = checks(240);
    const parts = await Promise.all([
      p.pool.verifyMany(cs.slice(0, 80)),
      p.pool.verifyMany(cs.slice(80, 160)),
      p.pool.verifyMany(cs.slice(160)),
    ]);
    expect(parts.flat()).toEqual(expected);
    expect(p.pool.stats().lostThreads).toBe(1);
    await keepsWorking(p);
  }, 20_000);

  it("a thread that does not answer in time (a zero slice timeout) is replaced; its slices are checked inline", async () => {
    const pool = await createSignatureWorkers({
      threads: 2,
      backend: "noble",
      minChecksPerThread: 16,
      sliceTimeoutMs: 0,
    });
    pools.push(pool);
    const { checks: cs, expected } = checks(300);
    expect(await pool.verifyMany(cs)).toEqual(expected);
    expect(pool.stats().lostThreads).toBeGreaterThan(0);
    await pool.whenReady();
    expect(await pool.verifyMany(cs)).toEqual(expected);
  }, 20_000);

  it("close() rejects a batch still in flight with the Closed code", async () => {
    const pool = await createSignatureWorkers({ threads: 1, backend: "noble" });
    const outcome = expect(pool.verifyMany(checks(200).checks)).rejects.toMatchObject({
      code: "SIGNATURE_WORKERS_CLOSED",
    });
    await pool.close();
    await outcome;
  });
});
