/**
 * Re-runs the ICBC 2019 guardian experiment (docs/consensus.md §6.1) on multiplicity vectors and prints each
 * cell beside the paper's published max entry. Usage: `pnpm paper [seed]`.
 */
import { runGossipModel } from "../src/guardian/gossipModel.ts";
import { PAPER_BYZANTINE_SHARES, PAPER_MAX_ENTRY } from "../src/guardian/paperTable.ts";
import { createSeededRandom } from "../src/random.ts";

const seed = BigInt(process.argv[2] ?? "1");
console.log(
  `guardian gossip model, seed ${seed} (cells: iterations / max multiplicity / msgs per guardian; paper: max entry)`,
);
console.log("| n | deg | 0% | 10% | 20% | 30% |");
console.log("|---|---|---|---|---|---|");
for (const [n, degree, paper] of PAPER_MAX_ENTRY) {
  const cells: string[] = [];
  PAPER_BYZANTINE_SHARES.forEach((share, k) => {
    const rng = createSeededRandom(seed * 1_000_003n + BigInt(n * 100 + degree * 10 + k));
    const r = runGossipModel({ guardians: n, degree, byzantineShare: share, maxIterations: 50 }, rng);
    const it = r.converged ? String(r.iterations) : `>${r.iterations}`;
    cells.push(`${it} / ${r.maxMultiplicity} / ${r.messagesPerGuardian.toFixed(0)} (paper ${paper[k]})`);
  });
  console.log(`| ${n} | ${degree} | ${cells.join(" | ")} |`);
}
