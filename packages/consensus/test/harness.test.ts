import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Channel, createSeededRandom, type InboundMessage } from "../src/index.ts";
import { createSimNetwork, createVirtualClock } from "../src/testing/index.ts";

describe("virtual clock", () => {
  it("fires timers in time order, ties in insertion order, and skips cancelled ones", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 100 }), { maxLength: 60 }),
        fc.array(fc.boolean(), { maxLength: 60 }),
        (delays, cancels) => {
          const clock = createVirtualClock();
          const fired: [number, number][] = [];
          delays.forEach((d, i) => {
            const h = clock.setTimer(d, () => fired.push([clock.now(), i]));
            if (cancels[i] === true) h.cancel();
          });
          clock.runUntilIdle(1000);
          const expected = delays
            .map((d, i) => [d, i] as [number, number])
            .filter(([, i]) => cancels[i] !== true)
            .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
          expect(fired).toEqual(expected);
        },
      ),
    );
  });

  it("advanceTo runs only due events", () => {
    const clock = createVirtualClock();
    const seen: number[] = [];
    clock.setTimer(10, () => seen.push(10));
    clock.setTimer(30, () => seen.push(30));
    clock.advanceTo(20);
    expect(seen).toEqual([10]);
    expect(clock.now()).toBe(20);
    expect(clock.pending()).toBe(1);
  });
});

function runNetwork(seed: bigint): { log: string[]; stats: { delivered: number; dropped: number } } {
  const clock = createVirtualClock();
  const net = createSimNetwork(clock, createSeededRandom(seed), {
    minDelayMs: 5,
    maxDelayMs: 50,
    lossRate: 0.1,
  });
  const ids = ["a", "b", "c", "d"];
  const log: string[] = [];
  const ports = ids.map((id) => {
    const p = net.port(id);
    p.subscribe((m: InboundMessage) => log.push(`${clock.now()}:${m.from}->${id}:${m.payload[0]}`));
    return p;
  });
  for (let i = 0; i < 20; i++) ports[i % 4]?.broadcast(Channel.Vote, Uint8Array.of(i));
  clock.runUntilIdle(10_000);
  return { log, stats: net.stats() };
}

describe("simulated network", () => {
  it("replays exactly for the same seed", () => {
    expect(runNetwork(7n)).toEqual(runNetwork(7n));
  });

  it("loses some messages and delivers the rest (60 sends)", () => {
    const { stats } = runNetwork(7n);
    expect(stats.delivered + stats.dropped).toBe(60);
    expect(stats.delivered).toBeGreaterThan(0);
  });

  it("partitions block cross-group traffic until healed; crashed nodes receive nothing", () => {
    const clock = createVirtualClock();
    const net = createSimNetwork(clock, createSeededRandom(1n), {
      minDelayMs: 1,
      maxDelayMs: 3,
      lossRate: 0,
    });
    const got = new Map<string, number>();
    const ports = ["a", "b", "c"].map((id) => {
      const p = net.port(id);
      p.subscribe(() => got.set(id, (got.get(id) ?? 0) + 1));
      return p;
    });
    net.partition([["a", "b"], ["c"]]);
    ports[0]?.broadcast(Channel.Vote, Uint8Array.of(1));
    clock.runUntilIdle(100);
    expect(got.get("b")).toBe(1);
    expect(got.get("c")).toBeUndefined();
    net.heal();
    net.setCrashed("b", true);
    ports[0]?.broadcast(Channel.Vote, Uint8Array.of(2));
    clock.runUntilIdle(100);
    expect(got.get("b")).toBe(1);
    expect(got.get("c")).toBe(1);
  });
});
