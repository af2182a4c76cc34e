import { bytesToHex, coins, decodeTx, encodeTx, TxType } from "@theta/core-types";
import { describe, expect, it } from "vitest";
import { createLedger } from "../src/chain/ledger.ts";
import { ExecCode } from "../src/execution/resultCodes.ts";
import { MempoolErrorCode } from "../src/mempool/errors.ts";
import { createMempool, type MempoolOpts } from "../src/mempool/mempool.ts";
import {
  addr,
  blockInfo,
  contractRaw,
  crypto,
  fundedState,
  keys,
  profile,
  sendRaw,
} from "./helpers/chainFixture.ts";
import { squareCall } from "./helpers/fakeRuntime.ts";

const FEE_STEP = 10n ** 12n;

async function setup(opts: Partial<MempoolOpts> = {}) {
  const { db, root, runtime } = await fundedState();
  const ledger = createLedger({ db, profile, crypto, runtime });
  const mempool = createMempool({ ledger, profile, crypto }, { root, height: 9n, ...opts });
  return { ledger, mempool, root };
}

const hex = (b: Uint8Array) => bytesToHex(b);
const hashes = (raws: readonly Uint8Array[]) => raws.map((r) => hex(crypto.txHash(r)));

describe("mempool admission", () => {
  it("admits valid txs, refuses duplicates, undecodable bytes, bad sequences and coinbases", async () => {
    const { mempool } = await setup();
    const a = sendRaw(0, 2, 1n);
    expect(await mempool.add(a)).toMatchObject({ ok: true, status: "ready" });
    expect(await mempool.add(a)).toMatchObject({ ok: false, code: MempoolErrorCode.Duplicate });
    expect(await mempool.add(new Uint8Array([0xff]))).toMatchObject({
      ok: false,
      code: MempoolErrorCode.Invalid,
    });
    expect(await mempool.add(sendRaw(1, 2, 0n))).toMatchObject({ execCode: ExecCode.InvalidSequence });
    const coinbase = encodeTx({
      type: TxType.Coinbase,
      proposer: { address: addr[0]!, coins: coins(0n, 0n), sequence: 1n, signature: new Uint8Array(0) },
      outputs: [],
      blockHeight: 10n,
    });
    expect(await mempool.add(coinbase)).toMatchObject({ ok: false, execCode: ExecCode.UnauthorizedTx });
    expect(mempool.size).toBe(1);
    expect(mempool.has(crypto.txHash(a))).toBe(true);
  });

  it("hands a block's copy of a pooled tx back as the pool's array, anything else as it is", async () => {
    const { mempool } = await setup();
    const a = sendRaw(0, 2, 1n);
    expect((await mempool.add(a)).ok).toBe(true);
    const copy = a.slice();
    expect(mempool.pooledRaw(copy)).toBe(a);
    const other = sendRaw(0, 2, 2n);
    expect(mempool.pooledRaw(other)).toBe(other);
  });

  it("checks a sender's consecutive txs against each other (combined spending)", async () => {
    const { mempool } = await setup();
    expect((await mempool.add(sendRaw(0, 2, 1n, 600n * 10n ** 18n))).ok).toBe(true);
    const second = await mempool.add(sendRaw(0, 2, 2n, 600n * 10n ** 18n));
    expect(second).toMatchObject({ ok: false, execCode: ExecCode.InsufficientFund });
  });

  it("a contract tx reserves its worst case and lets the sender's next tx in", async () => {
    const { mempool } = await setup();
    expect((await mempool.add(contractRaw(0, 1n, squareCall(2n), addr[5]!))).ok).toBe(true);
    expect(await mempool.add(sendRaw(0, 2, 2n))).toMatchObject({ ok: true, status: "ready" });
  });
});

describe("mempool ordering", () => {
  it("reaps senders by effective gas price, ties by arrival, each sender in sequence order", async () => {
    const { mempool } = await setup();
    const low = sendRaw(0, 5, 1n, 1n, 0n);
    const high = sendRaw(1, 5, 1n, 1n, 5n * FEE_STEP);
    const tieA = sendRaw(2, 5, 1n, 1n, FEE_STEP);
    const tieB = sendRaw(3, 5, 1n, 1n, FEE_STEP);
    const highNext = sendRaw(1, 5, 2n, 1n, 0n);
    for (const r of [low, tieA, high, tieB, highNext]) expect((await mempool.add(r)).ok).toBe(true);
    expect(hashes(mempool.reap(10))).toEqual(hashes([high, tieA, tieB, low, highNext]));
    expect(hashes(mempool.reap(2))).toEqual(hashes([high, tieA]));
  });

  it("a tx whose sequence is ahead waits and is promoted when the gap fills", async () => {
    const { mempool } = await setup();
    const s3 = sendRaw(0, 5, 3n);
    const s2 = sendRaw(0, 5, 2n);
    const s1 = sendRaw(0, 5, 1n);
    expect(await mempool.add(s3)).toMatchObject({ ok: true, status: "waiting" });
    expect(await mempool.add(s2)).toMatchObject({ ok: true, status: "waiting" });
    expect(mempool.reap(10)).toEqual([]);
    expect(await mempool.add(s1)).toMatchObject({ ok: true, status: "ready" });
    expect(hashes(mempool.reap(10))).toEqual(hashes([s1, s2, s3]));
    expect(mempool.pending().map((p) => [hex(p.txHash), p.status])).toEqual(
      hashes([s3, s2, s1]).map((h) => [h, "ready"]),
    );
  });
});

describe("mempool waiting txs", () => {
  it("a tx with a future sequence and a forged signature is refused, not kept waiting", async () => {
    const { mempool } = await setup();
    const tx = decodeTx(sendRaw(0, 5, 3n));
    if (tx.type !== TxType.Send) throw new Error("expected a SendTx");
    const forged = {
      ...tx,
      inputs: [{ ...tx.inputs[0]!, signature: crypto.sign(new Uint8Array([1]), keys[0]!) }],
    };
    expect(await mempool.add(encodeTx(forged))).toMatchObject({
      ok: false,
      execCode: ExecCode.InvalidSignature,
    });
    expect(mempool.size).toBe(0);
  });

  it("a sender may keep only so many txs waiting", async () => {
    const { mempool } = await setup({ maxWaitingPerSender: 2 });
    expect((await mempool.add(sendRaw(0, 5, 3n))).ok).toBe(true);
    expect((await mempool.add(sendRaw(0, 5, 4n))).ok).toBe(true);
    expect(await mempool.add(sendRaw(0, 5, 5n))).toMatchObject({
      ok: false,
      execCode: ExecCode.InvalidSequence,
    });
    expect((await mempool.add(sendRaw(1, 5, 3n))).ok).toBe(true);
  });
});

describe("mempool limits", () => {
  it("evicts the cheapest sender tail to admit a better-paying tx, and refuses when nothing is cheaper", async () => {
    const { mempool } = await setup({ maxTxs: 2 });
    const cheap = sendRaw(0, 5, 1n, 1n, 0n);
    const mid = sendRaw(1, 5, 1n, 1n, FEE_STEP);
    const rich = sendRaw(2, 5, 1n, 1n, 9n * FEE_STEP);
    await mempool.add(cheap);
    await mempool.add(mid);
    expect((await mempool.add(rich)).ok).toBe(true);
    expect(mempool.has(crypto.txHash(cheap))).toBe(false);
    expect(await mempool.add(sendRaw(3, 5, 1n, 1n, 0n))).toMatchObject({
      ok: false,
      code: MempoolErrorCode.Full,
    });
    expect(mempool.size).toBe(2);
  });

  it("after evicting a sender's ready tx, that sender's later txs wait for the next block's re-check", async () => {
    const { mempool, root } = await setup({ maxTxs: 2 });
    await mempool.add(sendRaw(0, 5, 1n, 1n, 0n));
    await mempool.add(sendRaw(1, 5, 1n, 1n, FEE_STEP));
    const rich = sendRaw(2, 5, 1n, 1n, 5n * FEE_STEP);
    expect((await mempool.add(rich)).ok).toBe(true);
    const next = sendRaw(0, 5, 2n, 1n, 9n * FEE_STEP);
    expect(await mempool.add(next)).toMatchObject({ ok: true, status: "waiting" });
    expect(hashes(mempool.reap(10))).toEqual(hashes([rich]));
    await mempool.update([], root, 9n);
    expect(mempool.pending().map((p) => p.status)).toEqual(["ready", "waiting"]);
  });

  it("limits the bytes too, and refuses a tx larger than the limit", async () => {
    const one = sendRaw(0, 5, 1n);
    const { mempool } = await setup({ maxBytes: one.length * 2 });
    await mempool.add(one);
    await mempool.add(sendRaw(1, 5, 1n, 1n, 2n * FEE_STEP));
    expect((await mempool.add(sendRaw(2, 5, 1n, 1n, 3n * FEE_STEP))).ok).toBe(true);
    expect(mempool.bytes).toBeLessThanOrEqual(one.length * 2);
    const small = await setup({ maxBytes: 10 });
    expect(await small.mempool.add(one)).toMatchObject({ code: MempoolErrorCode.TooLarge });
  });
});

describe("mempool after a block", () => {
  it("removes committed txs, drops the ones the new state invalidates, promotes waiting ones", async () => {
    const { ledger, mempool, root } = await setup();
    const mine = sendRaw(0, 5, 1n);
    const conflicting = sendRaw(1, 5, 1n, 7n);
    const waiting = sendRaw(3, 5, 2n);
    for (const r of [mine, conflicting, waiting]) await mempool.add(r);
    const elsewhere = [sendRaw(1, 5, 1n, 8n), sendRaw(3, 5, 1n)];
    const body = [...mempool.reap(1), ...elsewhere];
    const block = await ledger.applyBlock(root, blockInfo(10n), body);
    if (!block.ok) throw new Error(block.message);
    const dropped = await mempool.update(
      body.map((r) => crypto.txHash(r)),
      block.value.stateRoot,
      10n,
    );
    expect(dropped.map((d) => hex(d.txHash))).toEqual(hashes([conflicting]));
    expect(dropped[0]?.reason).toMatch(/sequence/);
    expect(mempool.pending().map((p) => [hex(p.txHash), p.status])).toEqual([
      [hashes([waiting])[0], "ready"],
    ]);
  });

  it("drops txs pending for longer than the age limit", async () => {
    const { mempool, root } = await setup({ maxAgeBlocks: 1 });
    await mempool.add(sendRaw(0, 5, 2n));
    expect(await mempool.update([], root, 10n)).toEqual([]);
    const dropped = await mempool.update([], root, 11n);
    expect(dropped[0]?.reason).toMatch(/expired/);
    expect(mempool.size).toBe(0);
  });

  it("counts the one-minute expiry in blocks of the interval the chain runs at, not the profile's", async () => {
    const intervalMs = profile.blockIntervalMs / 2;
    const minute = 60_000 / intervalMs;
    const { mempool, root } = await setup({ blockIntervalMs: intervalMs });
    await mempool.add(sendRaw(0, 5, 2n)); // waits for sequence 1, which never comes
    for (let h = 1; h <= minute; h++) expect(await mempool.update([], root, 9n + BigInt(h))).toEqual([]);
    expect(mempool.size).toBe(1);
    const dropped = await mempool.update([], root, 10n + BigInt(minute));
    expect(dropped.map((d) => d.reason)).toEqual([`expired: pending for more than ${minute} blocks`]);
  });
});
