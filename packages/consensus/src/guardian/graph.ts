/**
 * Random guardian overlay graphs for the gossip model (docs/consensus.md §6.3): every node opens
 * `degree / 2` links to distinct random other nodes; links are undirected, so the average degree is
 * close to `degree`.
 */
import type { SeededRandom } from "../random.ts";

/** Adjacency lists, neighbours in ascending order. */
export type Graph = readonly (readonly number[])[];

/** Builds a random undirected graph of `n` nodes with average degree about `degree`. */
export function randomGraph(n: number, degree: number, rng: SeededRandom): Graph {
  const sets: Set<number>[] = Array.from({ length: n }, () => new Set<number>());
  const opens = Math.min(Math.floor(degree / 2), n - 1);
  for (let i = 0; i < n; i++) {
    let opened = 0;
    while (opened < opens) {
      const j = rng.nextInt(n);
      if (j === i || (sets[i] as Set<number>).has(j)) continue;
      (sets[i] as Set<number>).add(j);
      (sets[j] as Set<number>).add(i);
      opened++;
    }
  }
  return sets.map((s) => [...s].sort((a, b) => a - b));
}

/** Average degree of a graph. */
export function averageDegree(g: Graph): number {
  let sum = 0;
  for (const adj of g) sum += adj.length;
  return g.length === 0 ? 0 : sum / g.length;
}
