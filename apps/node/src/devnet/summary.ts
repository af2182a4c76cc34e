/** The table `theta devnet init` prints: one row per node. */
import type { DevnetNode } from "./manifest.ts";

/** Rows padded into columns: name, role, address, rpc, p2p, metrics, dir. */
export function summaryTable(nodes: readonly DevnetNode[], dirOf: (n: DevnetNode) => string): string[] {
  const rows = [
    ["name", "role", "address", "rpc", "p2p", "metrics", "dir"],
    ...nodes.map((n) => [
      n.name,
      n.role,
      n.address,
      String(n.rpcPort),
      String(n.p2pPort),
      String(n.metricsPort),
      dirOf(n),
    ]),
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) =>
    r
      .map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!)))
      .join("  ")
      .trimEnd(),
  );
}
