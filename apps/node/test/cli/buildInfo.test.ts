import { execFileSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatDateUTC, readBuildInfo } from "../../src/buildInfo.ts";

describe("build info", () => {
  it("formats dates exactly as `date -u` does in the C locale", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_102_444_800 }), (seconds) => {
        const expected = execFileSync("date", ["-u", "-d", `@${seconds}`], {
          env: { LC_ALL: "C", TZ: "UTC" },
        })
          .toString("utf8")
          .trimEnd();
        expect(formatDateUTC(new Date(seconds * 1000))).toBe(expected);
      }),
      { numRuns: 20 },
    );
  });

  it("reports this package's version and the checkout's commit", () => {
    const info = readBuildInfo();
    expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(info.gitHash).toBe(execFileSync("git", ["rev-parse", "HEAD"]).toString("utf8").trim());
  });
});
