import { describe, expect, it } from "vitest";
import { colourWanted, compactLogLine, linePrefixer, paint } from "../../src/devnet/logLines.ts";
import { statusLine } from "../../src/devnet/status.ts";

const ESC = "\x1b[";

describe("devnet output", () => {
  it("colours only on a terminal without NO_COLOR", () => {
    expect(colourWanted(true, {})).toBe(true);
    expect(colourWanted(true, { NO_COLOR: "" })).toBe(true);
    expect(colourWanted(true, { NO_COLOR: "1" })).toBe(false);
    expect(colourWanted(false, {})).toBe(false);
    expect(colourWanted(undefined, {})).toBe(false);
  });

  it("gives each node its own colour and leaves text plain without colour", () => {
    const names = ["validator-1", "validator-2", "guardian-1"];
    const coloured = names.map((n, i) => paint(n, i, true));
    for (const [i, c] of coloured.entries()) {
      expect(c.startsWith(ESC)).toBe(true);
      expect(c).toContain(names[i]);
    }
    const codes = coloured.map((c) => c.slice(0, c.indexOf("m")));
    expect(new Set(codes).size).toBe(names.length);
    expect(linePrefixer("guardian-1", 4, 11, false)("hello")).toBe("guardian-1  | hello");
    expect(linePrefixer("guardian-1", 4, 11, true)("hello")).toContain(ESC);
  });

  it("shortens a JSON log line to level, message and the other fields", () => {
    expect(
      compactLogLine('{"level":40,"time":1,"pid":2,"hostname":"h","msg":"seed unreachable","seed":"x"}'),
    ).toBe('WARN  seed unreachable {"seed":"x"}');
    expect(compactLogLine("Using config file: a")).toBe("Using config file: a");
    expect(compactLogLine("{not json")).toBe("{not json");
  });

  it("prints the highest height and per node height, finalized, guardian-finalized and peers", () => {
    const line = statusLine(
      [
        { name: "validator-1", index: 0 },
        { name: "guardian-1", index: 4 },
      ],
      [{ height: 7n, finalized: 5n, guardianFinalized: 1n, peers: 3 }, undefined],
      false,
    );
    expect(line).toBe("height 7 | validator-1 h7 f5 g1 p3 | guardian-1 -");
  });
});
