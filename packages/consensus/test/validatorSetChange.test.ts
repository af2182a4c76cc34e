import { bytesToHex, equalBytes } from "@theta/core-types";
import { describe, expect, it } from "vitest";
import { type FinalizedBlock, selectProposer } from "../src/index.ts";
import { createSimulation, validatorsAtHeight } from "../src/testing/index.ts";

/**
 * Stake deposit and withdrawal change the validator set (docs/consensus.md §4.2–4.3): node 4 deposits and
 * node 3 withdraws in the block at height 6; node 5 deposits and node 0 withdraws at height 12. The block
 * executing the change must be certified by its child and grandchild (HCC = parent), and the new set
 * proposes and certifies from the block two above the change.
 */
describe("validator-set change through the fake executor", () => {
  it("takes effect two blocks after the block that executes it; followers follow, then vote", async () => {
    const changes = [
      { height: 6n, validators: [0, 1, 2, 4] },
      { height: 12n, validators: [1, 2, 4, 5] },
    ];
    const sim = createSimulation({ seed: 21n, nodes: 6, validators: [0, 1, 2, 3], changes });
    await sim.start();
    await sim.runFor(40_000);
    sim.checkSafety();
    expect(sim.errors).toEqual([]);
    const chain = sim.nodes[1]!.finalized;
    expect(chain.length).toBeGreaterThan(20);
    const byHash = new Map(chain.map((f) => [bytesToHex(f.hash), f]));
    const heightOf = (hash: Uint8Array): bigint => byHash.get(bytesToHex(hash))?.height ?? 0n;
    const spec = sim.spec;
    const addr = (i: number) => sim.nodes[i]!.address;
    for (const f of chain) {
      const h = f.block.header;
      const parent = byHash.get(bytesToHex(h.parent));
      // Proposer drawn from NextValidatorSet(parent): the set in the state of parent.HCC.
      const decidingHeight = parent === undefined ? 0n : heightOf(parent.block.header.hcc.blockHash);
      const drawn = selectProposer(validatorsAtHeight(spec, decidingHeight), h.epoch).validator.address;
      expect(equalBytes(drawn, h.proposer), `proposer of block ${h.height}`).toBe(true);
      // Two direct confirmations after a change (docs/consensus.md §1.7 item 5).
      if (changes.some((c) => c.height + 1n === h.height || c.height + 2n === h.height)) {
        expect(equalBytes(h.hcc.blockHash, h.parent), `HCC of block ${h.height}`).toBe(true);
      }
      // The CC in a header certifies its block with votes of ValidatorSet(that block) only.
      const certified = heightOf(h.hcc.blockHash);
      if (h.hcc.votes.length > 0) {
        const cb = chain.find((x) => x.height === certified)!;
        const setHeight = heightOf(
          byHash.get(bytesToHex(cb.block.header.hcc.blockHash))?.block.header.hcc.blockHash ??
            new Uint8Array(32),
        );
        const set = validatorsAtHeight(spec, setHeight).map((v) => bytesToHex(v.address));
        for (const v of h.hcc.votes) expect(set).toContain(bytesToHex(v.id));
      }
    }
    const first = (pred: (f: FinalizedBlock) => boolean) => chain.find(pred)?.height;
    // Node 4 proposes only from height 8 on (change at 6), node 3 only before; node 5 from 14, node 0 before 14.
    expect(first((f) => equalBytes(f.block.header.proposer, addr(4)))! >= 8n).toBe(true);
    expect(
      chain.filter((f) => equalBytes(f.block.header.proposer, addr(3))).every((f) => f.height < 8n),
    ).toBe(true);
    expect(
      chain.filter((f) => equalBytes(f.block.header.proposer, addr(0))).every((f) => f.height < 14n),
    ).toBe(true);
    expect(chain.some((f) => equalBytes(f.block.header.proposer, addr(5)))).toBe(true);
    // Voters in certificates: node 5 appears, node 3 disappears.
    const voters = (lo: bigint) =>
      new Set(
        chain
          .filter((f) => f.height > lo)
          .flatMap((f) => f.block.header.hcc.votes.map((v) => bytesToHex(v.id))),
      );
    expect(voters(16n).has(bytesToHex(addr(5)))).toBe(true);
    expect(voters(16n).has(bytesToHex(addr(3)))).toBe(false);
    expect(voters(16n).has(bytesToHex(addr(0)))).toBe(false);
    // Every node finalized the same prefix, including those that only followed for a while.
    for (const n of sim.nodes) expect(n.engine.status().lastFinalizedHeight).toBeGreaterThan(20n);
  });
});
