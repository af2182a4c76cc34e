/**
 * Peer discovery on 127.0.0.1: six nodes (five seeded only with the first) mesh through peer
 * exchange; then a seventh node seeded with one of them connects to all six. Reports the time, the
 * questions asked and the answer bytes it received (the others' totals also count their own periodic
 * questions: with six peers they stay below minPeers 8 and keep asking); then the same shape with
 * discovery off everywhere (`minPeers: 0`, seeds only, which is also what gossipsub alone gives a
 * network this small: its peer exchange only runs when a mesh is pruned above D_hi = 12 peers).
 */
import { createP2pNetwork, type P2pNetwork } from "../src/index.ts";

const CHAIN = "bench";
const N = 6;

async function until(cond: () => boolean, timeoutMs = 60_000): Promise<boolean> {
  const end = performance.now() + timeoutMs;
  while (!cond()) {
    if (performance.now() > end) return false;
    await new Promise((r) => setTimeout(r, 5));
  }
  return true;
}

const mk = (seeds: string[], minPeers: number): P2pNetwork =>
  createP2pNetwork({
    chainId: CHAIN,
    listen: { host: "127.0.0.1", port: 0 },
    seeds,
    minPeers,
    discoveryIntervalMs: 1_000,
  });

const sum = (nets: P2pNetwork[], f: (s: NonNullable<ReturnType<P2pNetwork["discoveryStats"]>>) => number) =>
  nets.reduce((t, n) => t + f(n.discoveryStats()!), 0);

const nodes: P2pNetwork[] = [mk([], 8)];
await nodes[0]!.start();
const seed = nodes[0]!.listenAddrs()[0]!;
let t = performance.now();
for (let i = 1; i < N; i++) {
  const n = mk([seed], 8);
  nodes.push(n);
  await n.start();
}
await until(() => nodes.every((n) => n.peers().length === N - 1));
const meshMs = performance.now() - t;
console.log(
  `mesh of ${N}: ${meshMs.toFixed(0)} ms from the first start; questions ${sum(nodes, (s) => s.asked)}, answers ${sum(nodes, (s) => s.answers)}, answer bytes ${sum(nodes, (s) => s.bytesOut)}, dials ${sum(nodes, (s) => s.dials)}`,
);

const before = { out: sum(nodes, (s) => s.bytesOut), answered: sum(nodes, (s) => s.answered) };
const x = mk([nodes[N - 1]!.listenAddrs()[0]!], 8);
t = performance.now();
await x.start();
const ok = await until(() => x.peers().length === N);
const joinMs = performance.now() - t;
const xs = x.discoveryStats()!;
console.log(
  `join: ${ok ? "connected to all" : "NOT connected to all"} ${N} in ${joinMs.toFixed(0)} ms; asked ${xs.asked}, answers ${xs.answers}, bytes in ${xs.bytesIn}, dials ${xs.dials} (${xs.dialFailures} failed); the others answered ${sum(nodes, (s) => s.answered) - before.answered} times, ${sum(nodes, (s) => s.bytesOut) - before.out} bytes`,
);
await x.stop();

await Promise.all(nodes.map((n) => n.stop()));

// The same shape with discovery off everywhere: what seeds alone (and gossipsub, whose peer exchange
// needs a pruned mesh) give.
const off: P2pNetwork[] = [mk([], 0)];
await off[0]!.start();
for (let i = 1; i < N; i++) {
  const n = mk([off[0]!.listenAddrs()[0]!], 0);
  off.push(n);
  await n.start();
}
const y = mk([off[N - 1]!.listenAddrs()[0]!], 0);
await y.start();
await until(() => y.peers().length === N, 5_000);
console.log(`discovery off everywhere (minPeers 0): the new node has ${y.peers().length} peer(s) after 5 s`);
await Promise.all([...off, y].map((n) => n.stop()));
