/**
 * Logs over a range of finalized blocks (or one block by hash), matched against address/topic
 * criteria, with a cap on the range and on the number of results so that one request cannot hold
 * the node: `eth_getLogs`, `eth_getFilterLogs` and log filters' changes read through here.
 */
import type { BlockLogs } from "../blockLogs.ts";
import { handlerError } from "../methods/common.ts";
import { RpcError, RpcErrorCode } from "../rpcError.ts";
import { resolveBlock } from "./blockResolver.ts";
import type { EthChain } from "./ethChain.ts";
import {
  type EthJsonContext,
  type EthLogJson,
  ethLogJson,
  positionedLogs,
  storedBlockLogs,
} from "./ethJson.ts";
import type { BlockSpec, LogFilterArg } from "./ethParams.ts";
import { type LogCriteria, logCriteria, logMatches } from "./logFilter.ts";

/** Limits of one log query. */
export interface LogLimits {
  /** Most blocks one query may span (default 10,000). */
  readonly maxBlockRange: bigint;
  /** Most logs one answer may hold (default 20,000). */
  readonly maxResults: number;
}

/** The defaults of {@link LogLimits}. */
export const DEFAULT_LOG_LIMITS: LogLimits = { maxBlockRange: 10_000n, maxResults: 20_000 };

/** A decoded filter: criteria plus either a block hash or a height range (open ends follow the head). */
export interface LogQuery {
  readonly criteria: LogCriteria;
  readonly blockHash: Uint8Array | undefined;
  readonly from: BlockSpec;
  readonly to: BlockSpec;
}

/** The query of a JSON filter object. */
export function logQueryOf(f: LogFilterArg): LogQuery {
  if (f.blockHash != null && (f.fromBlock != null || f.toBlock != null)) {
    throw new RpcError(
      RpcErrorCode.InvalidParams,
      "invalid argument 0 (filter): blockHash cannot be used with fromBlock/toBlock",
    );
  }
  const latest: BlockSpec = { kind: "tag", tag: "latest" };
  return {
    criteria: logCriteria(f.address, f.topics),
    blockHash: f.blockHash ?? undefined,
    from: f.fromBlock ?? latest,
    to: f.toBlock ?? latest,
  };
}

/** The height a range end stands for (the finalized head for tags other than `earliest`). */
export async function heightOf(chain: EthChain, spec: BlockSpec, head: bigint): Promise<bigint> {
  if (spec.kind === "number") return spec.number;
  if (spec.kind === "tag") return spec.tag === "earliest" ? chain.earliestHeight() : head;
  const b = await chain.query.blockByHash(spec.hash);
  if (b === undefined) throw handlerError("header not found");
  return b.block.block.header.height;
}

/**
 * Matching logs of heights [from, to] (clamped to the finalized head), in chain order, from the
 * log index: one range scan that skips blocks without logs.
 */
export async function logsInRange(
  chain: EthChain,
  criteria: LogCriteria,
  from: bigint,
  to: bigint,
  limits: LogLimits,
): Promise<EthLogJson[]> {
  const out: EthLogJson[] = [];
  const head = (await chain.finalizedHead())?.height ?? 0n;
  const last = to > head ? head : to;
  const first = from < chain.earliestHeight() ? chain.earliestHeight() : from;
  if (last >= first && last - first + 1n > limits.maxBlockRange) {
    throw handlerError(`block range too large: ${last - first + 1n} blocks, at most ${limits.maxBlockRange}`);
  }
  for (const b of await chain.blockLogs(first, last)) collect(b, criteria, out, limits);
  return out;
}

function collect(block: BlockLogs, criteria: LogCriteria, out: EthLogJson[], limits: LogLimits): void {
  for (const p of positionedLogs(block)) {
    if (!logMatches(criteria, p.log)) continue;
    if (out.length >= limits.maxResults) {
      throw handlerError(
        `query returned more than ${limits.maxResults} results; narrow the block range or the filter`,
      );
    }
    out.push(ethLogJson(p));
  }
}

/** Runs a query: one block by hash, or the resolved height range. */
export async function runLogQuery(
  chain: EthChain,
  q: LogQuery,
  ctx: EthJsonContext,
  limits: LogLimits,
): Promise<EthLogJson[]> {
  if (q.blockHash !== undefined) {
    const block = await resolveBlock(chain, { kind: "hash", hash: q.blockHash, requireCanonical: false });
    if (block === undefined) throw handlerError("unknown block");
    const out: EthLogJson[] = [];
    collect(storedBlockLogs(block, ctx), q.criteria, out, limits);
    return out;
  }
  const head = (await chain.finalizedHead())?.height ?? 0n;
  const from = await heightOf(chain, q.from, head);
  const to = await heightOf(chain, q.to, head);
  if (from > to) return [];
  return logsInRange(chain, q.criteria, from, to, limits);
}
