/** The config.yaml of one devnet node. */
import type { DevnetNodePlan } from "./layout.ts";

/**
 * Seeds of a node: the validators' p2p addresses on 127.0.0.1 (a validator leaves itself out); an
 * elite edge node also gets the guardians', the nodes its votes are for.
 */
export function devnetSeeds(node: DevnetNodePlan, all: readonly DevnetNodePlan[]): string {
  const seeded = node.role === "een" ? ["validator", "guardian"] : ["validator"];
  return all
    .filter((n) => seeded.includes(n.role) && n.name !== node.name)
    .map((n) => `127.0.0.1:${n.p2pPort}`)
    .join(",");
}

/** The guardian (and EEN) gossip round of a devnet, seconds: about five block intervals, at least 1. */
export function devnetGuardianRoundSeconds(blockIntervalMs: number): number {
  return Math.max(1, Math.round((5 * blockIntervalMs) / 1000));
}

/** config.yaml for `node` of a devnet whose genesis block hash is `genesisHash`. */
export function devnetConfigYaml(
  node: DevnetNodePlan,
  all: readonly DevnetNodePlan[],
  opts: { readonly genesisHash: string; readonly blockIntervalMs: number },
): string {
  return [
    `# Theta configuration: ${node.name} (${node.role}) of a devnet written by \`theta devnet init\``,
    "genesis:",
    `  hash: "${opts.genesisHash}"`,
    "consensus:",
    `  blockIntervalMs: ${opts.blockIntervalMs}`,
    "p2p:",
    `  port: ${node.p2pPort}`,
    `  seeds: "${devnetSeeds(node, all)}"`,
    "rpc:",
    "  enabled: true",
    "  address: 127.0.0.1",
    `  port: ${node.rpcPort}`,
    "metrics:",
    "  address: 127.0.0.1",
    `  port: ${node.metricsPort}`,
    "guardian:",
    "  # gossip rounds of about five block intervals (the reference: 30 s at 6 s blocks)",
    `  roundLength: ${devnetGuardianRoundSeconds(opts.blockIntervalMs)}`,
    "crypto:",
    "  # every node of a devnet shares this machine's cores: check signatures inline",
    "  signatureThreads: 0",
    "log:",
    '  levels: "*:info"',
    ...(node.role === "een"
      ? ["een:", "  # an elite edge node: vote for every finalized checkpoint", "  enabled: true"]
      : []),
    "",
  ].join("\n");
}
