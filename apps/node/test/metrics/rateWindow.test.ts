import { describe, expect, it } from "vitest";
import { createRateWindow } from "../../src/metrics/rateWindow.ts";

describe("rate window", () => {
  it("counts the events of the last window only, per second", () => {
    const w = createRateWindow(10_000);
    expect(w.add(0, 50)).toBe(5);
    expect(w.add(5_000, 30)).toBe(8);
    // At 12 s the events of time 0 are out of the window; those of 5 s are in.
    expect(w.add(12_000, 20)).toBe(5);
    expect(w.add(30_000, 0)).toBe(0);
  });
});
