import { describe, expect, it } from "vitest";
import type { DirectLinks } from "../src/directLink.ts";
import type { Host } from "../src/libp2pNode.ts";
import { createSendQueues, MAX_COALESCED_BYTES } from "../src/sendQueues.ts";
import { DropReason } from "../src/stats.ts";

const host = {} as Host;

/** Links that record each write; `gate` holds every write until released. */
function fakeLinks(fail = false) {
  const writes: { to: string; messages: Uint8Array[] }[] = [];
  let release: () => void = () => undefined;
  let gate: Promise<void> | undefined;
  const links: DirectLinks = {
    async write(_h, to, messages) {
      writes.push({ to, messages: [...messages] });
      if (gate !== undefined) await gate;
      if (fail) throw new Error("stream reset");
    },
    forget: () => undefined,
    clear: () => undefined,
  };
  return {
    links,
    writes,
    hold() {
      gate = new Promise((r) => {
        release = r;
      });
    },
    release: () => {
      gate = undefined;
      release();
    },
  };
}

function queues(links: DirectLinks) {
  const counts = { sent: 0, dropped: new Map<DropReason, number>() };
  const q = createSendQueues(
    links,
    { maxMessages: 256, maxBytes: 64 * 1024 * 1024 },
    {
      sent: () => void counts.sent++,
      drop: (r) => void counts.dropped.set(r, (counts.dropped.get(r) ?? 0) + 1),
    },
  );
  return { q, counts };
}

const msg = (i: number, size = 100): Uint8Array => new Uint8Array(size).fill(i);

describe("coalesced point-to-point writes", () => {
  it("messages queued in one task go out in one write, in order, per peer", async () => {
    const f = fakeLinks();
    const { q, counts } = queues(f.links);
    for (let i = 0; i < 16; i++) q.enqueue(host, "a", msg(i), {});
    q.enqueue(host, "b", msg(99), {});
    await q.drain();
    expect(f.writes.map((w) => [w.to, w.messages.length])).toEqual([
      ["a", 16],
      ["b", 1],
    ]);
    expect(f.writes[0]?.messages.map((m) => m[0])).toEqual([...Array(16).keys()]);
    expect(counts.sent).toBe(17);
    expect(q.queued).toEqual({ messages: 0, bytes: 0 });
  });

  it("what is queued during a write goes in the next one; one write holds at most MAX_COALESCED_BYTES", async () => {
    const f = fakeLinks();
    const { q, counts } = queues(f.links);
    f.hold();
    q.enqueue(host, "a", msg(0), {});
    await new Promise((r) => setImmediate(r));
    expect(f.writes).toHaveLength(1);
    const big = MAX_COALESCED_BYTES / 4;
    for (let i = 1; i <= 6; i++) q.enqueue(host, "a", msg(i, big), {});
    expect(q.queued.messages).toBe(7);
    f.release();
    await q.drain();
    // 6 quarter-limit messages: 4 fit one write, 2 the next.
    expect(f.writes.map((w) => w.messages.map((m) => m[0]))).toEqual([[0], [1, 2, 3, 4], [5, 6]]);
    expect(counts.sent).toBe(7);
  });

  it("a failed write drops each of its messages, counted as send failures", async () => {
    const f = fakeLinks(true);
    const { q, counts } = queues(f.links);
    for (let i = 0; i < 5; i++) q.enqueue(host, "a", msg(i), {});
    await q.drain();
    expect(f.writes).toHaveLength(1);
    expect(counts.dropped.get(DropReason.SendFailed)).toBe(5);
    expect(counts.sent).toBe(0);
    expect(q.queued).toEqual({ messages: 0, bytes: 0 });
  });
});
