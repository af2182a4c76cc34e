import { isThetaError, type ThetaError } from "@theta/core-types";
import { describe, expect, it } from "vitest";
import { ConfigErrorCode, loadConfig } from "../../src/config/loadConfig.ts";

const fromYaml = (text: string) => loadConfig({ yaml: { text, file: "config.yaml" } });

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(isThetaError(e, ConfigErrorCode.Invalid)).toBe(true);
    return (e as ThetaError).message;
  }
  throw new Error("expected a ThetaError");
}

describe("p2p.listenAddress, p2p.announceAddress, p2p.minPeers", () => {
  it("default to all interfaces, no announce address and 8 peers", () => {
    const cfg = loadConfig({});
    expect(cfg["p2p.listenAddress"]).toBe("0.0.0.0");
    expect(cfg["p2p.announceAddress"]).toBe("");
    expect(cfg["p2p.minPeers"]).toBe(8);
  });

  it("take addresses and counts from YAML and the environment", () => {
    const cfg = fromYaml("p2p:\n  listenAddress: 127.0.0.1\n  announceAddress: 203.0.113.7\n  minPeers: 3\n");
    expect([cfg["p2p.listenAddress"], cfg["p2p.announceAddress"], cfg["p2p.minPeers"]]).toEqual([
      "127.0.0.1",
      "203.0.113.7",
      3,
    ]);
    const env = loadConfig({
      env: {
        THETA_P2P_LISTENADDRESS: "::",
        THETA_P2P_ANNOUNCEADDRESS: "/dns4/node.example.org/tcp/4000",
        THETA_P2P_MINPEERS: "0",
      },
    });
    expect([env["p2p.listenAddress"], env["p2p.announceAddress"], env["p2p.minPeers"]]).toEqual([
      "::",
      "/dns4/node.example.org/tcp/4000",
      0,
    ]);
    for (const announce of [
      "[2001:db8::1]",
      "node.example.org",
      "/ip4/198.51.100.1/tcp/5000/p2p/12D3KooWabc",
    ])
      expect(loadConfig({ env: { THETA_P2P_ANNOUNCEADDRESS: announce } })["p2p.announceAddress"]).toBe(
        announce,
      );
  });

  it.each([
    ["listenAddress", "localhost"],
    ["listenAddress", "300.1.1.1"],
    ["listenAddress", "/ip4/0.0.0.0/tcp/1"],
    ["announceAddress", "1.2.3.4:5000"],
    ["announceAddress", "/ip4/1.2.3.4/udp/5000"],
    ["announceAddress", "http://node.example.org"],
    ["minPeers", "-1"],
    ["minPeers", "many"],
    ["minPeers", "5000"],
  ])("refuses p2p.%s = %j, naming the key", (name, value) => {
    const message = messageOf(() => fromYaml(`p2p:\n  ${name}: ${JSON.stringify(value)}\n`));
    expect(message).toContain(`config key "p2p.${name}"`);
  });
});
