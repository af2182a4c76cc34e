import { bytesToHex, utf8ToBytes } from "@theta/core-types";
import { defaultCrypto } from "@theta/crypto";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { loadNodeCrypto } from "../../src/compose/nodeCrypto.ts";

/** A logger that keeps its records. */
function recordingLogger() {
  const records: { level: number; msg: string; err?: string }[] = [];
  const log = pino({ level: "debug" }, { write: (line: string) => records.push(JSON.parse(line)) });
  return { log, records };
}

describe("crypto.backend: the optional @theta/crypto-native", () => {
  it("native: loads @theta/crypto-native (installed in the workspace) and signs as noble does", async () => {
    const { log, records } = recordingLogger();
    const crypto = await loadNodeCrypto("native", log);
    expect(crypto.backend.name).toBe("native");
    const key = new Uint8Array(32).fill(9);
    const message = utf8ToBytes("node crypto");
    expect(bytesToHex(crypto.sign(message, key))).toBe(bytesToHex(defaultCrypto.sign(message, key)));
    expect(records.filter((r) => r.level >= 40)).toEqual([]);
  });

  it("noble: the default crypto, without loading the native package", async () => {
    const { log } = recordingLogger();
    expect(await loadNodeCrypto("noble", log)).toBe(defaultCrypto);
  });
});
