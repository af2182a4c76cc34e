import { describe, expect, it } from "vitest";
import { createTxGossip, TxGossipErrorCode, type TxGossipTransport } from "../../src/compose/txGossip.ts";

/** A timer port whose timers fire only when the test says so. */
function manualTimers() {
  const timers: { ms: number; cb: () => void; cancelled: boolean }[] = [];
  return {
    timers,
    clock: {
      setTimer(ms: number, cb: () => void) {
        const t = { ms, cb, cancelled: false };
        timers.push(t);
        return {
          cancel: () => {
            t.cancelled = true;
          },
        };
      },
    },
    fire() {
      for (const t of timers.splice(0)) if (!t.cancelled) t.cb();
    },
    live: () => timers.filter((t) => !t.cancelled).length,
  };
}

function recorder(peers: string[]) {
  const sent: { to: string; txs: Uint8Array[] }[] = [];
  const known: (readonly string[])[] = [];
  const transport: TxGossipTransport = {
    peers: () => peers,
    peerId: () => "me",
    sendTxs(to, txs, k) {
      sent.push({ to, txs: [...txs] });
      known.push(k);
    },
  };
  return { sent, known, transport };
}

const tx = (i: number, size = 8) => new Uint8Array(size).fill(i & 0xff).map((b, k) => (k === 0 ? i >> 8 : b));

describe("tx gossip batcher", () => {
  it("flushes at once when a batch reaches its count, to every peer", () => {
    const t = manualTimers();
    const r = recorder(["p1", "p2"]);
    const g = createTxGossip(r.transport, t.clock, { maxBatchTxs: 4, maxDelayMs: 7 });
    for (let i = 0; i < 9; i++) g.local(tx(i));
    expect(r.sent.map((s) => [s.to, s.txs.length])).toEqual([
      ["p1", 4],
      ["p2", 4],
      ["p1", 4],
      ["p2", 4],
    ]);
    expect(r.sent[2]!.txs).toEqual([tx(4), tx(5), tx(6), tx(7)]);
    expect(g.stats().pending).toBe(1);
    expect(t.timers.at(-1)!.ms).toBe(7);
  });

  it("flushes a partial batch when its timer fires, and arms one timer per batch", () => {
    const t = manualTimers();
    const r = recorder(["p1"]);
    const g = createTxGossip(r.transport, t.clock, { maxBatchTxs: 100, maxDelayMs: 5 });
    g.local(tx(1));
    g.local(tx(2));
    expect(t.live()).toBe(1);
    expect(r.sent).toEqual([]);
    t.fire();
    expect(r.sent).toEqual([{ to: "p1", txs: [tx(1), tx(2)] }]);
    t.fire();
    expect(r.sent).toHaveLength(1);
    g.local(tx(3));
    expect(t.live()).toBe(1);
  });

  it("flushes before a batch would pass its byte limit", () => {
    const t = manualTimers();
    const r = recorder(["p1"]);
    const g = createTxGossip(r.transport, t.clock, { maxBatchTxs: 100, maxBatchBytes: 250 });
    for (let i = 0; i < 5; i++) g.local(tx(i, 100));
    expect(r.sent.map((s) => s.txs.length)).toEqual([2, 2]);
    expect(r.sent.every((s) => s.txs.reduce((n, x) => n + x.length, 0) <= 250)).toBe(true);
    expect(g.stats().pending).toBe(1);
  });

  it("relays a tx heard from a peer only to peers outside what it named, once", () => {
    const t = manualTimers();
    const r = recorder(["p1", "p2", "p3", "p4"]);
    const g = createTxGossip(r.transport, t.clock, { maxBatchTxs: 2 });
    expect(g.received(tx(1), "p2", ["p2", "p3"])).toBe(true);
    expect(g.received(tx(1), "p3")).toBe(false);
    g.local(tx(2));
    expect(r.sent).toEqual([
      { to: "p1", txs: [tx(1), tx(2)] },
      { to: "p2", txs: [tx(2)] },
      { to: "p3", txs: [tx(2)] },
      { to: "p4", txs: [tx(1), tx(2)] },
    ]);
    expect(r.known[0]).toEqual(["me", "p1", "p2", "p3", "p4"]);
    expect(g.received(tx(2), "p1")).toBe(false);
    expect(g.stats().duplicates).toBe(2);
  });

  it("does not relay when the sender named every peer (a fully connected network)", () => {
    const t = manualTimers();
    const r = recorder(["p1", "p2", "p3"]);
    const g = createTxGossip(r.transport, t.clock, { maxBatchTxs: 1 });
    const known = ["p1", "me", "p2", "p3"];
    for (let i = 0; i < 5; i++) expect(g.received(tx(i), "p1", known)).toBe(true);
    expect(r.sent).toEqual([]);
    expect(t.live()).toBe(0);
    expect(g.received(tx(3), "p2", known)).toBe(false);
  });

  it("forgets the oldest seen tx past its capacity", () => {
    const t = manualTimers();
    const r = recorder([]);
    const g = createTxGossip(r.transport, t.clock, { seenCapacity: 2 });
    g.received(tx(1), "p");
    g.received(tx(2), "p");
    g.received(tx(3), "p");
    expect(g.received(tx(2), "p")).toBe(false);
    expect(g.received(tx(1), "p")).toBe(true);
  });

  it("stop cancels the timer and drops what is pending", () => {
    const t = manualTimers();
    const r = recorder(["p1"]);
    const g = createTxGossip(r.transport, t.clock);
    g.local(tx(1));
    g.stop();
    t.fire();
    expect(r.sent).toEqual([]);
    expect(() => createTxGossip(r.transport, t.clock, { maxBatchTxs: 0 })).toThrow(
      expect.objectContaining({ code: TxGossipErrorCode.BadOptions }),
    );
  });
});
