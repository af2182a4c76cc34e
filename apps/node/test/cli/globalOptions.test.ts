import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { resolvePassword, resolvePaths } from "../../src/cmds/globalOptions.ts";

describe("theta flags", () => {
  it("default to $HOME/.theta, <config>/snapshot, and the config dir for data and keys", () => {
    const p = resolvePaths({}, "/home/op");
    expect(p).toEqual({
      configDir: "/home/op/.theta",
      snapshot: "/home/op/.theta/snapshot",
      dataRoot: "/home/op/.theta",
      keyRoot: "/home/op/.theta",
    });
  });

  it("take explicit paths, resolved to absolute ones", () => {
    const p = resolvePaths({ config: "n", snapshot: "s", data: "d", key: "k" }, "/home/op");
    expect(p).toEqual({
      configDir: resolve("n"),
      snapshot: resolve("s"),
      dataRoot: resolve("d"),
      keyRoot: resolve("k"),
    });
    expect(resolvePaths({ config: "/x" }).snapshot).toBe(join("/x", "snapshot"));
  });

  it("--password wins over THETA_NODE_PASSWORD, which is used when the flag is absent", () => {
    expect(resolvePassword({ password: "flag" }, { THETA_NODE_PASSWORD: "env" })).toBe("flag");
    expect(resolvePassword({}, { THETA_NODE_PASSWORD: "env" })).toBe("env");
    expect(resolvePassword({}, {})).toBeUndefined();
  });
});
