/**
 * The status line of `theta devnet start`: per node its current height, finalized height,
 * guardian-finalized height and peer count, read from `theta.GetStatus` and `theta.GetPeers`.
 */
import { paint } from "./logLines.ts";
import { createRpcClient } from "./rpcClient.ts";

export interface NodeStatus {
  readonly height: bigint;
  readonly finalized: bigint;
  readonly guardianFinalized: bigint;
  readonly peers: number;
}

interface StatusReply {
  readonly current_height: string;
  readonly latest_finalized_block_height: string;
  readonly latest_guardian_finalized_block_height: string;
}

/** One node's status over JSON-RPC, or undefined when it does not answer (yet). */
export async function readNodeStatus(rpcPort: number, timeoutMs = 2000): Promise<NodeStatus | undefined> {
  const rpc = createRpcClient(rpcPort);
  try {
    const signal = AbortSignal.timeout(timeoutMs);
    const [s, p] = await Promise.race([
      Promise.all([
        rpc.call<StatusReply>("theta.GetStatus"),
        rpc.call<{ peers: readonly string[] }>("theta.GetPeers"),
      ]),
      new Promise<never>((_, reject) => signal.addEventListener("abort", () => reject(signal.reason))),
    ]);
    return {
      height: BigInt(s.current_height),
      finalized: BigInt(s.latest_finalized_block_height),
      guardianFinalized: BigInt(s.latest_guardian_finalized_block_height),
      peers: p.peers.length,
    };
  } catch {
    return undefined;
  }
}

/** The highest current height among the statuses (-1 when none answered). */
export function highestHeight(statuses: ReadonlyArray<NodeStatus | undefined>): bigint {
  return statuses.reduce((m, s) => (s !== undefined && s.height > m ? s.height : m), -1n);
}

/** `height H | name h… f… g… p… | …` (a node that does not answer shows `-`). */
export function statusLine(
  nodes: ReadonlyArray<{ readonly name: string; readonly index: number }>,
  statuses: ReadonlyArray<NodeStatus | undefined>,
  colour: boolean,
): string {
  const parts = nodes.map((n, i) => {
    const s = statuses[i];
    const body = s === undefined ? "-" : `h${s.height} f${s.finalized} g${s.guardianFinalized} p${s.peers}`;
    return `${paint(n.name, n.index, colour)} ${body}`;
  });
  return `height ${highestHeight(statuses)} | ${parts.join(" | ")}`;
}
