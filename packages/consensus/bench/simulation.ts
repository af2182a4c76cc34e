/**
 * Simulated blocks finalized per second of wall time on a lossless simulated network (used by
 * `index.ts`; run alone: `node --conditions=@theta/source --import tsx bench/simulation.ts [nodes] [ms]`).
 */
import { createSimulation } from "../src/testing/index.ts";

/** Runs `virtualMs` of a simulation; returns finalized blocks and wall ms. */
export async function measureSimulation(
  nodes: number,
  virtualMs: number,
  realSignatures = false,
): Promise<{ blocks: bigint; wallMs: number }> {
  const sim = createSimulation({ seed: 1n, nodes, realSignatures });
  const t0 = performance.now();
  await sim.start();
  await sim.runFor(virtualMs);
  return { blocks: sim.minFinalizedHeight(), wallMs: performance.now() - t0 };
}

if (process.argv[1]?.endsWith("simulation.ts")) {
  const n = Number(process.argv[2] ?? 31);
  const r = await measureSimulation(n, Number(process.argv[3] ?? 20_000));
  console.log(`${n} validators: ${r.blocks} blocks in ${r.wallMs.toFixed(0)} ms`);
}
