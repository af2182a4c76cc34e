/**
 * The shape of a local devnet (`theta devnet init`): node names, roles and ports. Ports are laid out
 * from one base, one block of {@link PORT_BLOCK} per kind: RPC at base + i, p2p at base + 100 + i,
 * metrics at base + 200 + i for the i-th node (validators, then guardians, then followers, then
 * elite edge nodes).
 */
import { ThetaError } from "@theta/core-types";

/** Stable codes of devnet failures. */
export const DevnetErrorCode = {
  BadArgument: "DEVNET_BAD_ARGUMENT",
  PortInUse: "DEVNET_PORT_IN_USE",
  OutNotEmpty: "DEVNET_OUT_NOT_EMPTY",
  BadManifest: "DEVNET_BAD_MANIFEST",
  UnknownNode: "DEVNET_UNKNOWN_NODE",
  NodeExited: "DEVNET_NODE_EXITED",
} as const;

export type DevnetRole = "validator" | "guardian" | "follower" | "een";

/** Defaults of `theta devnet init` (the base port keeps clear of the privatenet's 12000/16888/16890). */
export const DEVNET_DEFAULTS = {
  chainId: "devnet",
  basePort: 26600,
  /** The password of every devnet key unless `--password`/THETA_NODE_PASSWORD say otherwise. */
  password: "qwertyuiop",
  blockIntervalMs: 1000,
} as const;

/** Ports of one kind take a block of this many; also the most nodes a devnet may have. */
export const PORT_BLOCK = 100;

/** One node of the plan; `dir` is relative to the devnet directory. */
export interface DevnetNodePlan {
  readonly name: string;
  readonly role: DevnetRole;
  readonly dir: string;
  readonly rpcPort: number;
  readonly p2pPort: number;
  readonly metricsPort: number;
}

/** What `--validators`, `--guardians`, `--followers`, `--eens` and `--base-port` asked for. */
export interface DevnetCounts {
  readonly validators: number;
  readonly guardians: number;
  readonly followers: number;
  /** Elite edge nodes (`een-1…K`, `een.enabled`); absent means none. */
  readonly eens?: number;
  readonly basePort: number;
}

function bad(message: string, details: Record<string, unknown>): never {
  throw new ThetaError(DevnetErrorCode.BadArgument, message, { details });
}

/** The nodes of a devnet: `validator-1…N`, `guardian-1…M`, `follower-1…K`, `een-1…E`, with their ports. */
export function planDevnet(c: DevnetCounts): DevnetNodePlan[] {
  for (const [flag, v, min] of [
    ["--validators", c.validators, 1],
    ["--guardians", c.guardians, 0],
    ["--followers", c.followers, 0],
    ["--eens", c.eens ?? 0, 0],
  ] as const) {
    if (!Number.isSafeInteger(v) || v < min) bad(`${flag}: expected an integer ≥ ${min}, got ${v}`, { flag });
  }
  const total = c.validators + c.guardians + c.followers + (c.eens ?? 0);
  if (total > PORT_BLOCK) bad(`a devnet holds at most ${PORT_BLOCK} nodes, asked for ${total}`, { total });
  if (!Number.isSafeInteger(c.basePort) || c.basePort < 1024 || c.basePort + 3 * PORT_BLOCK - 1 > 65535) {
    bad(`--base-port: expected an integer from 1024 to ${65536 - 3 * PORT_BLOCK}, got ${c.basePort}`, {
      flag: "--base-port",
    });
  }
  const roles: Array<[DevnetRole, number]> = [
    ["validator", c.validators],
    ["guardian", c.guardians],
    ["follower", c.followers],
    ["een", c.eens ?? 0],
  ];
  const out: DevnetNodePlan[] = [];
  for (const [role, count] of roles) {
    for (let k = 1; k <= count; k++) {
      const i = out.length;
      const name = `${role}-${k}`;
      out.push({
        name,
        role,
        dir: name,
        rpcPort: c.basePort + i,
        p2pPort: c.basePort + PORT_BLOCK + i,
        metricsPort: c.basePort + 2 * PORT_BLOCK + i,
      });
    }
  }
  return out;
}
