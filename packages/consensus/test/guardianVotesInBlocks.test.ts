import { type AggregatedVotes, aggregatedVotesSignBytes, equalBytes } from "@theta/core-types";
import { blsSecretKeyFromBytes, blsSign } from "@theta/crypto";
import { describe, expect, it } from "vitest";
import { aggregateFromWire, createGuardianPool, validateAggregate } from "../src/index.ts";
import { createSimulation, FAKE_GCP_HASH } from "../src/testing/index.ts";

/**
 * A Byzantine proposer (node 1) replaces the guardian votes of each checkpoint block it proposes. The
 * honest validators must reject those blocks (docs/consensus.md §1.7 item 7): none of them finalizes a block whose guardian
 * votes do not verify against the pool, and the chain goes on without them.
 */
const outsider = blsSecretKeyFromBytes(new Uint8Array(32).fill(0x5a));

const tamperings: readonly {
  readonly name: string;
  readonly tamper: (v: AggregatedVotes, h: { parent: Uint8Array }) => AggregatedVotes;
}[] = [
  {
    name: "a signature by a key outside the pool",
    tamper: (v) => ({ ...v, signature: blsSign(outsider, aggregatedVotesSignBytes(v.block, v.gcp)).bytes }),
  },
  {
    name: "every multiplicity raised by one",
    tamper: (v) => ({ ...v, multiplies: v.multiplies.map((m) => m + 1) }),
  },
  {
    name: "the aggregate relabelled with another (known) block",
    tamper: (v, h) => ({ ...v, block: h.parent }),
  },
  {
    name: "another guardian pool hash",
    tamper: (v) => ({ ...v, gcp: new Uint8Array(32).fill(0x3c) }),
  },
];

describe("guardian votes inside blocks: forged aggregates from a Byzantine proposer are rejected", () => {
  tamperings.forEach((t, k) => {
    it(t.name, async () => {
      let tampered = 0;
      const sim = createSimulation({
        seed: 50n + BigInt(k),
        nodes: 4,
        guardians: { checkpointInterval: 3n, roundLengthMs: 500, maxRounds: 4 },
        byzantine: new Map([
          [
            1,
            {
              tamperGuardianVotes: (v: AggregatedVotes, h: { parent: Uint8Array }) => {
                tampered++;
                return t.tamper(v, h);
              },
            },
          ],
        ]),
      });
      await sim.start();
      await sim.runFor(25_000);
      sim.checkSafety();
      expect(sim.errors).toEqual([]);
      expect(tampered).toBeGreaterThan(0);
      const pool = createGuardianPool(sim.spec.guardians ?? []);
      let checked = 0;
      for (const i of [0, 2, 3]) {
        const chain = sim.nodes[i]!.finalized;
        expect(chain.length).toBeGreaterThan(10);
        for (const f of chain) {
          const votes = f.block.header.guardianVotes;
          if (votes === undefined) continue;
          checked++;
          expect(equalBytes(votes.gcp, FAKE_GCP_HASH)).toBe(true);
          const message = aggregatedVotesSignBytes(votes.block, votes.gcp);
          expect(validateAggregate(pool, aggregateFromWire(votes), message), `height ${f.height}`).toBe(true);
        }
      }
      expect(checked).toBeGreaterThan(0);
    });
  });
});
