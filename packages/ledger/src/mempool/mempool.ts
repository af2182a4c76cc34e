/**
 * The mempool (docs/consensus.md §5.4): admission through the ledger's screening, dedup by canonical
 * hash, per-sender sequence order (a tx whose sequence is ahead waits for the gap to fill),
 * count and byte limits with eviction of the cheapest sender tail, reaping by effective gas price
 * and arrival, and a full re-check against each new block's state. Pure: arrival order is a
 * counter and age is counted in blocks; operations are serialized internally.
 */
import { equalBytes, type Hash, isThetaError, type Tx } from "@theta/core-types";
import type { TxScreener } from "../chain/screener.ts";
import { decodeTxMemo, txHashMemo } from "../chain/txMemo.ts";
import { ExecCode, type ExecFailure } from "../execution/resultCodes.ts";
import { MempoolErrorCode } from "./errors.ts";
import { keyOf, PendingStatus, type PoolEntry, TxPool } from "./txPool.ts";

export { PendingStatus };

import type {
  AddTxResult,
  DroppedPendingTx,
  Mempool,
  MempoolDeps,
  MempoolLedger,
  MempoolOpts,
  PendingTx,
} from "./mempoolApi.ts";
import { senderSignatureValid } from "./senderSignature.ts";
import { effectiveGasPrice, txSender } from "./txPriority.ts";

export type { AddTxResult, DroppedPendingTx, Mempool, MempoolDeps, MempoolLedger, MempoolOpts, PendingTx };

/** Creates a mempool on the state `opts.root` at `opts.height`. */
export function createMempool(deps: MempoolDeps, opts: MempoolOpts): Mempool {
  const { ledger, profile, crypto } = deps;
  const limits = { maxTxs: opts.maxTxs ?? 25_600, maxBytes: opts.maxBytes ?? 64 * 1024 * 1024 };
  const maxAge = opts.maxAgeBlocks ?? Math.ceil(60_000 / (opts.blockIntervalMs ?? profile.blockIntervalMs));
  const maxWaiting = opts.maxWaitingPerSender ?? 16;
  const pool = new TxPool();
  let height = opts.height;
  let screener: Promise<TxScreener> = ledger.openScreener(opts.root, height + 1n);
  /**
   * Per sender, the lowest sequence of a ready tx evicted since the last block: its effect is
   * still in the screening state, so that sender's txs from there on wait for the re-check.
   */
  const evictedFloor = new Map<string, bigint>();
  let arrivals = 0;
  let blocks = 0;
  let tail: Promise<unknown> = Promise.resolve();
  const serial = <T>(f: () => Promise<T>): Promise<T> => {
    const run = tail.then(f, f);
    tail = run.catch(() => undefined);
    return run;
  };

  type Outcome = { ok: true } | { ok: false; failure: ExecFailure };
  /** Screens `e`: ready, waiting (sequence ahead) or refused. Adds it to the pool unless refused. */
  async function admit(e: PoolEntry): Promise<Outcome> {
    const s = await screener;
    const r = await s.screen(e.raw);
    if (r.ok) {
      e.status = PendingStatus.Ready;
      pool.add(e);
      await promote(e.senderKey);
      return r;
    }
    if (
      r.failure.code === ExecCode.InvalidSequence &&
      e.sequence > nextSequence(e, await s.sequenceOf(e.sender))
    ) {
      const refused = whyNotWaiting(e, s.height);
      if (refused !== undefined) return { ok: false, failure: refused };
      e.status = PendingStatus.Waiting;
      pool.add(e);
      return { ok: true };
    }
    return r;
  }

  /** Why `e` may not wait for its sequence gap: a forged signature, a taken slot, a full quota. */
  function whyNotWaiting(e: PoolEntry, at: bigint): ExecFailure | undefined {
    if (!senderSignatureValid(crypto, profile, at, e.tx)) {
      return { code: ExecCode.InvalidSignature, message: "sender signature: does not verify" };
    }
    if (pool.waitingAt(e.senderKey, e.sequence) !== undefined) {
      return {
        code: ExecCode.InvalidSequence,
        message: `sequence ${e.sequence}: another tx with it is already waiting`,
      };
    }
    if (pool.waitingCount(e.senderKey) >= maxWaiting) {
      return {
        code: ExecCode.InvalidSequence,
        message: `sequence ${e.sequence}: the sender already has ${maxWaiting} txs waiting for a gap`,
      };
    }
    return undefined;
  }

  function nextSequence(e: PoolEntry, stored: bigint): bigint {
    return (pool.lastReady(e.senderKey)?.sequence ?? stored) + 1n;
  }

  /** Screens the waiting txs of a sender that have become next in line. */
  async function promote(senderKey: string): Promise<void> {
    const s = await screener;
    for (;;) {
      const last = pool.lastReady(senderKey);
      if (last === undefined) return;
      const next = pool.waitingAt(senderKey, last.sequence + 1n);
      if (next === undefined) return;
      const r = await s.screen(next.raw);
      if (!r.ok) {
        pool.remove(next);
        return;
      }
      pool.promote(next);
    }
  }

  async function add(raw: Uint8Array): Promise<AddTxResult> {
    const txHash = txHashMemo(crypto, raw);
    const key = keyOf(txHash);
    const refuse = (code: MempoolErrorCode, message: string, execCode?: ExecCode): AddTxResult =>
      execCode === undefined
        ? { ok: false, txHash, code, message }
        : { ok: false, txHash, code, message, execCode };
    if (pool.byKey.has(key)) return refuse(MempoolErrorCode.Duplicate, `tx 0x${key}: already pending`);
    if (raw.length > limits.maxBytes) {
      return refuse(
        MempoolErrorCode.TooLarge,
        `tx: ${raw.length} bytes exceeds the pool's ${limits.maxBytes}`,
      );
    }
    let tx: Tx;
    try {
      tx = decodeTxMemo(raw);
    } catch (e) {
      if (!isThetaError(e)) throw e;
      return refuse(MempoolErrorCode.Invalid, `tx decoding: ${e.message}`, ExecCode.Generic);
    }
    const sender = txSender(tx);
    if (sender === undefined) {
      const s = await screener;
      const r = await s.screen(raw);
      const failure = r.ok ? { code: ExecCode.UnauthorizedTx, message: "tx: not admissible" } : r.failure;
      return refuse(MempoolErrorCode.Invalid, failure.message, failure.code);
    }
    const senderKey = keyOf(sender.address);
    const price = effectiveGasPrice(profile, height + 1n, tx);
    const victims = pool.planEviction(limits, raw.length, price, senderKey);
    if (victims === undefined) {
      return refuse(
        MempoolErrorCode.Full,
        `mempool full: expected an effective gas price above ${price} to enter`,
      );
    }
    const entry: PoolEntry = {
      raw,
      txHash,
      key,
      tx,
      sender: sender.address,
      senderKey,
      sequence: sender.sequence,
      price,
      arrival: arrivals++,
      admittedAt: blocks,
      status: PendingStatus.Waiting,
    };
    const floor = evictedFloor.get(senderKey);
    if (floor !== undefined && entry.sequence >= floor) {
      const refused = whyNotWaiting(entry, height + 1n);
      if (refused !== undefined) return refuse(MempoolErrorCode.Invalid, refused.message, refused.code);
      pool.add(entry);
    } else {
      const r = await admit(entry);
      if (!r.ok) return refuse(MempoolErrorCode.Invalid, r.failure.message, r.failure.code);
    }
    for (const v of victims) evict(v);
    return { ok: true, txHash, status: entry.status };
  }

  function evict(e: PoolEntry): void {
    if (e.status === PendingStatus.Ready) {
      const floor = evictedFloor.get(e.senderKey);
      if (floor === undefined || e.sequence < floor) evictedFloor.set(e.senderKey, e.sequence);
    }
    pool.remove(e);
  }

  async function update(
    committed: readonly Hash[],
    newRoot: Hash,
    newHeight: bigint,
  ): Promise<DroppedPendingTx[]> {
    for (const h of committed) {
      const e = pool.byKey.get(keyOf(h));
      if (e !== undefined) pool.remove(e);
    }
    blocks++;
    height = newHeight;
    evictedFloor.clear();
    screener = ledger.openScreener(newRoot, newHeight + 1n);
    const dropped: DroppedPendingTx[] = [];
    for (const e of pool.drain()) {
      if (blocks - e.admittedAt > maxAge) {
        dropped.push({ txHash: e.txHash, reason: `expired: pending for more than ${maxAge} blocks` });
        continue;
      }
      const r = await admit(e);
      if (!r.ok) dropped.push({ txHash: e.txHash, reason: r.failure.message });
    }
    return dropped;
  }

  return {
    add: (raw) => serial(() => add(raw)),
    update: (committed, root, h) => serial(() => update(committed, root, h)),
    reap: (max) => pool.reap(max).map((e) => e.raw),
    pending: () =>
      [...pool.byKey.values()]
        .sort((a, b) => a.arrival - b.arrival)
        .map((e) => ({ txHash: e.txHash, raw: e.raw, tx: e.tx, status: e.status })),
    has: (h) => pool.byKey.has(keyOf(h)),
    pooledRaw(raw) {
      // Hashed without the memo: a block's arrays outlive its execution in the consensus engine.
      const e = pool.byKey.get(keyOf(crypto.txHash(raw)));
      return e !== undefined && equalBytes(e.raw, raw) ? e.raw : raw;
    },
    screenedAccount: (address) => serial(async () => (await screener).accountOf(address)),
    get size() {
      return pool.count;
    },
    get bytes() {
      return pool.bytes;
    },
  };
}
