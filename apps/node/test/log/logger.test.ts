import { describe, expect, it } from "vitest";
import { createNodeLogger, parseLogLevels } from "../../src/log/logger.ts";

describe("parseLogLevels", () => {
  it("reads the default from * and per-module levels", () => {
    const l = parseLogLevels("*:info, consensus:debug,rpc:error");
    expect(l.defaultLevel).toBe("info");
    expect([...l.modules]).toEqual([
      ["consensus", "debug"],
      ["rpc", "error"],
    ]);
  });

  it("defaults to warn without * and maps panic to fatal", () => {
    const l = parseLogLevels("p2p:panic");
    expect(l.defaultLevel).toBe("warn");
    expect(l.modules.get("p2p")).toBe("fatal");
  });
});

describe("createNodeLogger", () => {
  it("writes JSON lines tagged with the module, filtered by each module's level", () => {
    const lines: string[] = [];
    const log = createNodeLogger(parseLogLevels("*:warn,rpc:debug"), { write: (s: string) => lines.push(s) });
    log.forModule("rpc").debug({ port: 1 }, "rpc detail");
    log.forModule("node").info("hidden");
    log.forModule("node").warn("shown");
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(parsed.map((p) => [p.module, p.msg])).toEqual([
      ["rpc", "rpc detail"],
      ["node", "shown"],
    ]);
    expect(parsed[0]?.port).toBe(1);
  });
});
