/**
 * Transaction gossip in batches over the p2p direct streams (docs/consensus.md §5.7): a flood to the
 * connected peers, without gossipsub's per-message Ed25519 signature (every tx carries its own).
 * Txs this node accepted, and txs it hears from a peer for the first time, wait in one pending batch
 * that goes out when it holds `maxBatchTxs` txs or `maxBatchBytes` bytes, or `maxDelayMs` after its
 * first tx, whichever comes first. Each batch names the peers known to hold its txs or to be getting
 * them (this node, its peers), and a tx heard from a peer goes on only to peers outside what that
 * peer named (on a fully connected network: to nobody). A bounded set of recently seen txs stops the
 * relay (a tx is forwarded at most once per node) and spares the mempool the copies that come back.
 */
import { hash as digest } from "node:crypto";
import type { Clock, PeerId } from "@theta/consensus";
import { ThetaError } from "@theta/core-types";

/** Stable codes of the tx gossip. */
export const TxGossipErrorCode = { BadOptions: "NODE_TX_GOSSIP_BAD_OPTIONS" } as const;

/** Where batches go. */
export interface TxGossipTransport {
  /** Connected peers. */
  peers(): readonly PeerId[];
  /** This node's peer id. */
  peerId(): PeerId;
  /** Sends one batch of raw txs to one peer, naming the peers known to hold them or to be getting them. */
  sendTxs(to: PeerId, txs: readonly Uint8Array[], known: readonly PeerId[]): void;
}

/** Batching settings. */
export interface TxGossipOpts {
  /** Txs in a batch that make it go out at once (default 256). */
  readonly maxBatchTxs?: number;
  /** Milliseconds a batch waits for more txs after its first (default 5). */
  readonly maxDelayMs?: number;
  /** Bytes of raw txs that make a batch go out at once (default 512 KiB, half the message limit). */
  readonly maxBatchBytes?: number;
  /** Seen txs remembered (default 65,536; the oldest is forgotten first). */
  readonly seenCapacity?: number;
  /** The key a tx is remembered by (default: its SHA-256). */
  readonly key?: (raw: Uint8Array) => string;
}

/** The batcher. */
export interface TxGossip {
  /** A tx this node accepted itself (RPC): gossiped to every peer. */
  local(raw: Uint8Array): void;
  /**
   * A tx heard from `from`, which named `known` as holding it: false when it was seen before (drop
   * it); otherwise it is relayed to the peers outside `known` and `from`, and true is returned (admit it).
   */
  received(raw: Uint8Array, from: PeerId, known?: readonly PeerId[]): boolean;
  /** Sends the pending batch now. */
  flush(): void;
  /** Cancels the timer; what is pending is dropped. */
  stop(): void;
  /** Counters (for tests and logs). */
  stats(): { batchesSent: number; txsQueued: number; duplicates: number; pending: number };
}

/** Default txs per batch. */
export const TX_BATCH_DEFAULT_TXS = 256;
/** Default wait of a batch, in milliseconds. */
export const TX_BATCH_DEFAULT_DELAY_MS = 5;
const DEFAULT_BATCH_BYTES = 512 * 1024;
const DEFAULT_SEEN = 65_536;

const sha256Key = (raw: Uint8Array): string => digest("sha256", raw, "base64");

/** Creates the batcher over `transport`, timing batches with `clock`. */
export function createTxGossip(
  transport: TxGossipTransport,
  clock: Pick<Clock, "setTimer">,
  opts: TxGossipOpts = {},
): TxGossip {
  const maxTxs = opts.maxBatchTxs ?? TX_BATCH_DEFAULT_TXS;
  const maxDelayMs = opts.maxDelayMs ?? TX_BATCH_DEFAULT_DELAY_MS;
  const maxBytes = opts.maxBatchBytes ?? DEFAULT_BATCH_BYTES;
  const seenCapacity = opts.seenCapacity ?? DEFAULT_SEEN;
  const key = opts.key ?? sha256Key;
  if (!(maxTxs >= 1 && maxDelayMs >= 0 && maxBytes >= 1 && seenCapacity >= 1))
    throw new ThetaError(
      TxGossipErrorCode.BadOptions,
      `tx gossip: maxBatchTxs, maxBatchBytes and seenCapacity must be at least 1 and maxDelayMs at least 0 (got ${maxTxs}, ${maxBytes}, ${seenCapacity}, ${maxDelayMs})`,
    );
  const seen = new Set<string>();
  /** Txs waiting to go out, each with the peers that hold it already (undefined: none known). */
  let pending: { raw: Uint8Array; holders: ReadonlySet<PeerId> | undefined }[] = [];
  let pendingBytes = 0;
  let timer: { cancel(): void } | undefined;
  const counts = { batchesSent: 0, txsQueued: 0, duplicates: 0 };
  let last: { from: PeerId; known: readonly PeerId[]; holders: ReadonlySet<PeerId> } | undefined;

  /** Marks `raw` seen; false when it already was. */
  const remember = (raw: Uint8Array): boolean => {
    const k = key(raw);
    if (seen.has(k)) return false;
    seen.add(k);
    if (seen.size > seenCapacity) seen.delete(seen.values().next().value!);
    return true;
  };

  const flush = (): void => {
    timer?.cancel();
    timer = undefined;
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    pendingBytes = 0;
    const peers = transport.peers();
    // Every tx of this flush goes to every peer that does not hold it: each receiver may take this
    // node and all its peers as holders.
    const known = [transport.peerId(), ...peers];
    const all = batch.map((e) => e.raw);
    for (const peer of peers) {
      const txs = batch.some((e) => e.holders?.has(peer))
        ? batch.filter((e) => e.holders?.has(peer) !== true).map((e) => e.raw)
        : all;
      if (txs.length === 0) continue;
      transport.sendTxs(peer, txs, known);
      counts.batchesSent++;
    }
  };

  const enqueue = (raw: Uint8Array, holders: ReadonlySet<PeerId> | undefined): void => {
    if (pending.length > 0 && pendingBytes + raw.length > maxBytes) flush();
    pending.push({ raw, holders });
    pendingBytes += raw.length;
    counts.txsQueued++;
    if (pending.length >= maxTxs || pendingBytes >= maxBytes) flush();
    else if (timer === undefined) timer = clock.setTimer(maxDelayMs, flush);
  };

  return {
    local(raw) {
      remember(raw);
      enqueue(raw, undefined);
    },
    received(raw, from, known = []) {
      if (!remember(raw)) {
        counts.duplicates++;
        return false;
      }
      // The txs of one batch share their sender and list: one set for all of them.
      if (last === undefined || last.from !== from || last.known !== known)
        last = { from, known, holders: new Set([...known, from]) };
      const holders = last.holders;
      // Nobody left to tell: the tx is only remembered (and admitted by the caller).
      if (transport.peers().every((p) => holders.has(p))) return true;
      enqueue(raw, holders);
      return true;
    },
    flush,
    stop() {
      timer?.cancel();
      timer = undefined;
      pending = [];
      pendingBytes = 0;
    },
    stats: () => ({ ...counts, pending: pending.length }),
  };
}
