import { describe, it } from "vitest";
import { createSeededRandom } from "../src/index.ts";
import {
  createSimNetwork,
  createVirtualClock,
  type NetworkComplianceHarness,
  runNetworkCompliance,
} from "../src/testing/index.ts";

/** The simulator's network with delay and reordering but no loss (the port promises delivery). */
function simHarness(): NetworkComplianceHarness {
  const clock = createVirtualClock();
  const sim = createSimNetwork(clock, createSeededRandom(11n), {
    minDelayMs: 1,
    maxDelayMs: 25,
    lossRate: 0,
  });
  return {
    start: async (count) =>
      Array.from({ length: count }, (_, i) => ({ id: `node-${i}`, network: sim.port(`node-${i}`) })),
    async settle(done) {
      while (!done()) {
        if (!clock.step()) throw new Error("the simulated network went idle before the condition held");
      }
    },
    close: async () => undefined,
    stop: async (node) => sim.setCrashed(node.id, true),
  };
}

runNetworkCompliance("simulator", simHarness, { describe, it });
