import { defaultCrypto } from "@theta/crypto";
import pino from "pino";
import { describe, expect, it, vi } from "vitest";
import { loadNodeCrypto } from "../../src/compose/nodeCrypto.ts";

// As on an install without the optional package (or whose addons did not load): importing it rejects.
vi.mock("@theta/crypto-native", () => {
  throw new Error("Cannot find package '@theta/crypto-native'");
});

describe("crypto.backend native without @theta/crypto-native", () => {
  it("falls back to noble and warns once, naming the cause", async () => {
    const records: { level: number; msg: string; err?: string }[] = [];
    const log = pino({ level: "debug" }, { write: (line: string) => records.push(JSON.parse(line)) });
    const crypto = await loadNodeCrypto("native", log);
    expect(crypto).toBe(defaultCrypto);
    expect(crypto.backend.name).toBe("noble");
    const warnings = records.filter((r) => r.level === 40);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.msg).toContain("native modules unavailable, using noble");
    expect(warnings[0]!.err).toEqual(expect.any(String));
  });
});
