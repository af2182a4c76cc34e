/**
 * Scripted simulation runs: a seed, a network, faulty nodes (crash and restart, equivocating proposer,
 * votes for two forks) and partitions that heal, followed by a calm period. {@link runScenario} checks
 * safety throughout and liveness at the end: with less than a third of the stake faulty, every node that
 * is up finalizes new blocks during the calm period.
 */
import type { ByzantineBehaviour } from "./byzantine.ts";
import type { SimNetworkOptions } from "./simNetwork.ts";
import { createSimulation, type Simulation } from "./simulation.ts";

/** A faulty node and what it does. */
export interface FaultSpec {
  /** Node index. */
  readonly node: number;
  /** Byzantine behaviour, if any. */
  readonly behaviour?: ByzantineBehaviour;
  /** Crash at this virtual time (ms from the start) ... */
  readonly crashAt?: number;
  /** ... and restart this long after (never, if undefined). */
  readonly downFor?: number;
}

/** A partition of the nodes into groups, from `at` for `duration` ms. */
export interface PartitionSpec {
  readonly at: number;
  readonly duration: number;
  /** Group index of every node. */
  readonly groupOf: readonly number[];
}

/** A full scenario. */
export interface Scenario {
  readonly seed: bigint;
  readonly validators: number;
  /** Stake per validator (default 1 each); faulty stake must stay below a third for liveness. */
  readonly stakes?: readonly bigint[];
  readonly network: SimNetworkOptions;
  readonly faults: readonly FaultSpec[];
  readonly partitions: readonly PartitionSpec[];
  /** Length of the disturbed phase (ms); every partition heals and every restart happens within it. */
  readonly disturbedMs: number;
  /** Length of the calm phase in which liveness is required (ms). */
  readonly calmMs: number;
  /** Blocks every up node must finalize during the calm phase. */
  readonly minNewBlocks: bigint;
  readonly blockIntervalMs?: number;
  /** Receives every engine's trace lines. */
  readonly trace?: (line: string) => void;
}

/** What a run produced. */
export interface ScenarioResult {
  /** Highest finalized height among up nodes when the calm phase began. */
  readonly heightAtCalm: bigint;
  /** Lowest finalized height among up nodes at the end. */
  readonly heightAtEnd: bigint;
  /** Evidence reports, summed over nodes. */
  readonly evidence: number;
  /** The simulation, for further inspection. */
  readonly sim: Simulation;
}

/** A scenario described in one line, for failure messages. */
export function describeScenario(s: Scenario): string {
  return JSON.stringify(s, (_k, v) => (typeof v === "bigint" ? `${v}n` : v));
}

/** Runs a scenario; throws an Error naming the seed when safety or liveness fails. */
export async function runScenario(s: Scenario): Promise<ScenarioResult> {
  const byzantine = new Map<number, ByzantineBehaviour>();
  for (const f of s.faults) if (f.behaviour !== undefined) byzantine.set(f.node, f.behaviour);
  const sim = createSimulation({
    seed: s.seed,
    nodes: s.validators,
    network: s.network,
    byzantine,
    ...(s.blockIntervalMs === undefined ? {} : { blockIntervalMs: s.blockIntervalMs }),
    ...(s.trace === undefined ? {} : { trace: s.trace }),
    ...(s.stakes === undefined ? {} : { stakes: s.stakes }),
  });
  const fail = (what: string): never => {
    throw new Error(`${what} (replay: runScenario(${describeScenario(s)}))`);
  };
  const actions: { at: number; run: () => Promise<void> }[] = [];
  for (const f of s.faults) {
    if (f.crashAt === undefined) continue;
    actions.push({ at: f.crashAt, run: () => sim.crash(f.node) });
    if (f.downFor !== undefined) actions.push({ at: f.crashAt + f.downFor, run: () => sim.restart(f.node) });
  }
  for (const p of s.partitions) {
    const groups: string[][] = [];
    p.groupOf.forEach((g, i) => {
      while (groups.length <= g) groups.push([]);
      (groups[g] as string[]).push(`v${i}`);
    });
    actions.push({ at: p.at, run: async () => sim.net.partition(groups) });
    actions.push({ at: p.at + p.duration, run: async () => sim.net.heal() });
  }
  actions.sort((a, b) => a.at - b.at);
  await sim.start();
  for (const a of actions) {
    const at = Math.min(a.at, s.disturbedMs);
    if (at > sim.clock.now()) await sim.runFor(at - sim.clock.now());
    await a.run();
  }
  if (s.disturbedMs > sim.clock.now()) await sim.runFor(s.disturbedMs - sim.clock.now());
  sim.net.heal();
  try {
    sim.checkSafety();
  } catch (e) {
    fail(String(e));
  }
  let heightAtCalm = 0n;
  for (const n of sim.nodes) {
    const h = n.engine.status().lastFinalizedHeight;
    if (!n.crashed && h > heightAtCalm) heightAtCalm = h;
  }
  await sim.runFor(s.calmMs);
  try {
    sim.checkSafety();
  } catch (e) {
    fail(String(e));
  }
  if (sim.errors.length > 0) fail(`engine error: ${String(sim.errors[0])}`);
  const heightAtEnd = sim.minFinalizedHeight();
  if (heightAtEnd < heightAtCalm + s.minNewBlocks) {
    fail(`liveness: finalized height went from ${heightAtCalm} to only ${heightAtEnd} in the calm phase`);
  }
  let evidence = 0;
  for (const n of sim.nodes) evidence += n.evidence.length;
  return { heightAtCalm, heightAtEnd, evidence, sim };
}
