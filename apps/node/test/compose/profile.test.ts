import { mainnet, privatenet } from "@theta/core-types";
import { describe, expect, it } from "vitest";
import { profileForChain, withProfileOverrides } from "../../src/compose/profile.ts";
import { loadConfig } from "../../src/config/loadConfig.ts";

describe("consensus.maxTxsPerBlock", () => {
  it("is 0 by default, which keeps the profile's 512", () => {
    const config = loadConfig({ env: {} });
    expect(config["consensus.maxTxsPerBlock"]).toBe(0);
    expect(withProfileOverrides(privatenet, { maxTxsPerBlock: 0 })).toBe(privatenet);
    expect(privatenet.maxTxsPerBlock).toBe(512);
  });

  it("replaces the block tx cap of the chain's profile and nothing else", () => {
    const config = loadConfig({ env: { THETA_CONSENSUS_MAXTXSPERBLOCK: "2048" } });
    const p = withProfileOverrides(profileForChain("privatenet"), {
      maxTxsPerBlock: config["consensus.maxTxsPerBlock"],
    });
    expect(p.maxTxsPerBlock).toBe(2048);
    expect({ ...p, maxTxsPerBlock: 512 }).toEqual(privatenet);
    expect(withProfileOverrides(mainnet, { maxTxsPerBlock: 100 }).chainId).toBe(mainnet.chainId);
  });

  it("refuses a negative value, naming the key", () => {
    expect(() => loadConfig({ env: { THETA_CONSENSUS_MAXTXSPERBLOCK: "-1" } })).toThrow(
      /consensus\.maxTxsPerBlock/,
    );
  });
});
