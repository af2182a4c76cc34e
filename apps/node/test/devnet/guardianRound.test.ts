/**
 * A devnet's guardian gossip round follows its block interval (about five intervals), and the key
 * it writes is one the node reads: `guardian.roundLength` in seconds.
 */
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/loadConfig.ts";
import { planDevnet } from "../../src/devnet/layout.ts";
import { devnetConfigYaml, devnetGuardianRoundSeconds } from "../../src/devnet/nodeConfig.ts";

const GENESIS = `0x${"ab".repeat(32)}`;

describe("devnet guardian round", () => {
  it("is about five block intervals, at least one second", () => {
    expect(devnetGuardianRoundSeconds(6000)).toBe(30);
    expect(devnetGuardianRoundSeconds(1000)).toBe(5);
    expect(devnetGuardianRoundSeconds(300)).toBe(2);
    expect(devnetGuardianRoundSeconds(100)).toBe(1);
    expect(devnetGuardianRoundSeconds(10)).toBe(1);
  });

  it("each node's config.yaml sets guardian.roundLength, and the node's config reads it", () => {
    const plan = planDevnet({ validators: 2, guardians: 1, followers: 0, eens: 1, basePort: 20_000 });
    for (const node of plan) {
      const text = devnetConfigYaml(node, plan, { genesisHash: GENESIS, blockIntervalMs: 300 });
      const config = loadConfig({ yaml: { text, file: `${node.dir}/config.yaml` } });
      expect(config["guardian.roundLength"], node.name).toBe(2);
      expect(config["consensus.blockIntervalMs"], node.name).toBe(300);
    }
  });

  it("without the key a node keeps the reference's 30 s", () => {
    expect(loadConfig({})["guardian.roundLength"]).toBe(30);
  });
});
