/**
 * The ICBC 2019 paper's guardian experiment (docs/consensus.md §6.1) on multiplicity vectors: synchronous
 * iterations in which every active guardian sends its aggregate to all neighbours and merges what it
 * receives with the AggregatedVotes rules ({@link mergeMultiplicities}). Byzantine guardians send nothing
 * valid: invalid or inflated aggregates fail `Validate` and are discarded, which for the counts is the
 * same as silence, so they are modelled as silent and their own share never enters any aggregate.
 * A guardian is finalized when its aggregate has strictly more than 2/3 of all guardians as signers
 * (equal stakes); a finalized guardian sends once more and leaves the loop, as in Algorithm 1.
 */
import type { SeededRandom } from "../random.ts";
import { type Graph, randomGraph } from "./graph.ts";
import { abs, maxEntry, mergeMultiplicities } from "./multiplicity.ts";

/** Parameters of one run. */
export interface GossipModelOptions {
  /** Number of guardians. */
  readonly guardians: number;
  /** Target average degree of the overlay. */
  readonly degree: number;
  /** Share of Byzantine guardians, in [0, 1). */
  readonly byzantineShare: number;
  /** Iteration cap (Algorithm 1's L). */
  readonly maxIterations: number;
  /** Merge rule: AggregatedVotes (`merge`, skips subsets) or the paper's plain sum (`sum`). */
  readonly rule?: "merge" | "sum";
}

/** Outcome of one run. */
export interface GossipModelResult {
  /** True when every honest guardian became finalized within the cap. */
  readonly converged: boolean;
  /** Iterations run until every honest guardian was finalized (or the cap). */
  readonly iterations: number;
  /** Largest multiplicity in any honest guardian's aggregate at the end. */
  readonly maxMultiplicity: number;
  /** Average messages sent per honest guardian. */
  readonly messagesPerGuardian: number;
}

/** Runs the experiment on a fresh random graph drawn from `rng`. */
export function runGossipModel(opts: GossipModelOptions, rng: SeededRandom): GossipModelResult {
  const graph = randomGraph(opts.guardians, opts.degree, rng);
  return runGossipOnGraph(graph, pickByzantine(opts.guardians, opts.byzantineShare, rng), opts);
}

/** Chooses `⌊n · share⌋` distinct Byzantine guardians. */
export function pickByzantine(n: number, share: number, rng: SeededRandom): Uint8Array {
  const byz = new Uint8Array(n);
  let left = Math.floor(n * share);
  while (left > 0) {
    const i = rng.nextInt(n);
    if (byz[i] === 1) continue;
    byz[i] = 1;
    left--;
  }
  return byz;
}

/** Runs the experiment on a given graph and Byzantine mask (1 = Byzantine). */
export function runGossipOnGraph(
  graph: Graph,
  byzantine: Uint8Array,
  opts: GossipModelOptions,
): GossipModelResult {
  const n = graph.length;
  const rule = opts.rule ?? "merge";
  const votes: Uint32Array[] = [];
  const signers = new Int32Array(n);
  const finalized = new Uint8Array(n);
  const left = new Uint8Array(n);
  let honest = 0;
  for (let i = 0; i < n; i++) {
    const v = new Uint32Array(n);
    if (byzantine[i] === 0) {
      v[i] = 1;
      signers[i] = 1;
      honest++;
    } else {
      left[i] = 1;
    }
    votes.push(v);
  }
  const isFinal = (s: number): boolean => 3 * s > 2 * n;
  let sent = 0;
  let iterations = 0;
  const allDone = (): boolean => {
    for (let i = 0; i < n; i++) if (byzantine[i] === 0 && finalized[i] === 0) return false;
    return true;
  };
  while (!allDone() && iterations < opts.maxIterations) {
    iterations++;
    const snapshot = votes.map((v) => v);
    const senders = new Uint8Array(n);
    for (let i = 0; i < n; i++) if (left[i] === 0) senders[i] = 1;
    for (let i = 0; i < n; i++) {
      if (senders[i] === 1) sent += (graph[i] as readonly number[]).length;
    }
    for (let i = 0; i < n; i++) {
      if (left[i] === 1 || finalized[i] === 1) continue;
      let mine = votes[i] as Uint32Array;
      for (const j of graph[i] as readonly number[]) {
        if (senders[j] === 0) continue;
        const theirs = snapshot[j] as Uint32Array;
        if (rule === "merge") {
          const merged = mergeMultiplicities(mine, theirs);
          if (merged !== undefined) mine = merged;
        } else {
          const out = new Uint32Array(n);
          for (let k = 0; k < n; k++) out[k] = (mine[k] as number) + (theirs[k] as number);
          mine = out;
        }
      }
      votes[i] = mine;
      signers[i] = abs(mine);
    }
    for (let i = 0; i < n; i++) {
      if (left[i] === 1) continue;
      if (finalized[i] === 1)
        left[i] = 1; // sent once more after finalizing; now leaves
      else if (isFinal(signers[i] as number)) finalized[i] = 1;
    }
  }
  let maxMultiplicity = 0;
  for (let i = 0; i < n; i++) {
    if (byzantine[i] === 0) maxMultiplicity = Math.max(maxMultiplicity, maxEntry(votes[i] as Uint32Array));
  }
  return {
    converged: allDone(),
    iterations,
    maxMultiplicity,
    messagesPerGuardian: honest === 0 ? 0 : sent / honest,
  };
}
