/**
 * Follows what every devnet node reports as finalized: each poll reads `theta.GetStatus`, then the
 * hash of every height the node newly reports finalized (`theta.GetBlockByHeight`), and records a
 * conflict whenever two nodes report different hashes at one height, a node's finalized or
 * guardian-finalized height falls back, or a guardian-finalized checkpoint is not the block finalized
 * at its height.
 */

/** One node's view in one poll. */
export interface NodeFinality {
  readonly finalized: bigint;
  readonly guardianHeight: bigint;
  readonly guardianHash: string;
}

interface StatusJson {
  readonly latest_finalized_block_height: string;
  readonly latest_guardian_finalized_block_height: string;
  readonly latest_guardian_finalized_block_hash: string;
}

/** The watcher over nodes named by their RPC ports. */
export interface FinalityWatch {
  /** Polls `names` (undefined for a node that does not answer) and checks their new heights. */
  poll(names: readonly string[]): Promise<Map<string, NodeFinality | undefined>>;
  /** Every disagreement seen so far (empty when all is well). */
  readonly problems: readonly string[];
  /** The nodes that reported the hash at `height`. */
  confirmedBy(height: bigint): ReadonlySet<string>;
  /** Every nonzero guardian-finalized height any node reported, ascending. */
  guardianHeights(): bigint[];
}

const RPC_TIMEOUT_MS = 10_000;

async function call<T>(port: number, method: string, params: Record<string, unknown>): Promise<T> {
  const res = await fetch(`http://127.0.0.1:${port}/rpc`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params: [params] }),
    signal: AbortSignal.timeout(RPC_TIMEOUT_MS),
  });
  const reply = (await res.json()) as { result?: T; error?: { message: string } };
  if (reply.error !== undefined || reply.result === undefined)
    throw new Error(`${method}: ${reply.error?.message ?? "no result"}`);
  return reply.result;
}

/** A watcher for nodes whose RPC ports are `ports` (by node name). */
export function finalityWatch(ports: ReadonlyMap<string, number>): FinalityWatch {
  const hashAt = new Map<bigint, string>();
  const confirmations = new Map<bigint, Set<string>>();
  const checkedTo = new Map<string, bigint>();
  const lastGuardian = new Map<string, bigint>();
  const guardianSeen = new Set<bigint>();
  const problems: string[] = [];

  const check = (name: string, height: bigint, hash: string): void => {
    const known = hashAt.get(height);
    if (known === undefined) hashAt.set(height, hash);
    else if (known !== hash)
      problems.push(`height ${height}: ${name} finalized ${hash}, another node ${known}`);
    const set = confirmations.get(height) ?? new Set<string>();
    set.add(name);
    confirmations.set(height, set);
  };

  const pollOne = async (name: string): Promise<NodeFinality | undefined> => {
    const port = ports.get(name);
    if (port === undefined) throw new Error(`no port for ${name}`);
    let s: StatusJson;
    try {
      s = await call<StatusJson>(port, "theta.GetStatus", {});
    } catch {
      return undefined; // not serving RPC (not started yet, or killed)
    }
    const view: NodeFinality = {
      finalized: BigInt(s.latest_finalized_block_height),
      guardianHeight: BigInt(s.latest_guardian_finalized_block_height),
      guardianHash: s.latest_guardian_finalized_block_hash,
    };
    const from = checkedTo.get(name) ?? 0n;
    if (view.finalized < from)
      problems.push(`${name}: finalized height fell from ${from} to ${view.finalized}`);
    for (let h = from + 1n; h <= view.finalized; h++) {
      let b: { hash?: string };
      try {
        b = await call<{ hash?: string }>(port, "theta.GetBlockByHeight", { height: h.toString() });
      } catch {
        break; // the node went away; the next poll goes on from here
      }
      if (b.hash === undefined) {
        problems.push(`${name}: no block at finalized height ${h}`);
        break;
      }
      check(name, h, b.hash);
      checkedTo.set(name, h);
    }
    const g = view.guardianHeight;
    const lastG = lastGuardian.get(name) ?? 0n;
    if (g < lastG) problems.push(`${name}: guardian-finalized height fell from ${lastG} to ${g}`);
    lastGuardian.set(name, g > lastG ? g : lastG);
    if (g > 0n) {
      guardianSeen.add(g);
      const finalizedHash = hashAt.get(g);
      if (finalizedHash !== undefined && finalizedHash !== view.guardianHash)
        problems.push(`${name}: guardian-finalized ${view.guardianHash} at ${g}, finalized ${finalizedHash}`);
    }
    return view;
  };

  return {
    async poll(names) {
      const views = await Promise.all(names.map(async (n) => [n, await pollOne(n)] as const));
      return new Map(views);
    },
    problems,
    confirmedBy: (height) => confirmations.get(height) ?? new Set(),
    guardianHeights: () => [...guardianSeen].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
  };
}
