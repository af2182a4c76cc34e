/** `eth_getLogs` and the filter methods. */
import { z } from "zod";
import { handlerError } from "../../methods/common.ts";
import type { RpcMethod } from "../../registry.ts";
import type { EthChain } from "../ethChain.ts";
import { data, minBig } from "../ethHex.ts";
import { ethMethod } from "../ethMethod.ts";
import { logFilterArg } from "../ethParams.ts";
import type { FilterStore } from "../filterStore.ts";
import { jsonContext } from "../jsonContext.ts";
import { heightOf, type LogLimits, logQueryOf, logsInRange, runLogQuery } from "../logQuery.ts";

const filterIdArg = z.string({ error: "expected a filter id string" }).min(1).max(100);

/** Hashes of finalized blocks reported at most per poll (the rest come at the next poll). */
const MAX_BLOCKS_PER_POLL = 1_000n;

/** The log and filter methods. */
export function logMethods(
  chain: EthChain,
  filters: FilterStore,
  keccak256: (b: Uint8Array) => Uint8Array,
  limits: LogLimits,
): RpcMethod[] {
  const ctx = () => jsonContext(chain, keccak256);
  const head = async (): Promise<bigint> => (await chain.finalizedHead())?.height ?? 0n;
  const full = (): never => {
    throw handlerError("too many installed filters; uninstall some or let them expire");
  };
  const notFound = (): never => {
    throw handlerError("filter not found");
  };
  return [
    ethMethod(
      "eth_getLogs",
      "logs of finalized blocks matching a filter",
      [["filter", logFilterArg]],
      async ([f]) => runLogQuery(chain, logQueryOf(f), await ctx(), limits),
    ),
    ethMethod(
      "eth_newFilter",
      "installs a log filter; poll it with eth_getFilterChanges",
      [["filter", logFilterArg]],
      async ([f]) => {
        const query = logQueryOf(f);
        if (query.blockHash !== undefined)
          throw handlerError("a log filter cannot name a blockHash; use eth_getLogs");
        const now = await head();
        const from = await heightOf(chain, query.from, now);
        return (
          filters.install({
            kind: "logs",
            query,
            lastHeight: (from > now ? from : now + 1n) - 1n,
            lastPoll: 0,
          }) ?? full()
        );
      },
    ),
    ethMethod(
      "eth_newBlockFilter",
      "installs a filter of new finalized blocks",
      [],
      async () => filters.install({ kind: "block", lastHeight: await head(), lastPoll: 0 }) ?? full(),
    ),
    ethMethod(
      "eth_newPendingTransactionFilter",
      "installs a filter of txs the mempool admits",
      [],
      () => filters.install({ kind: "pending", queue: [], lastPoll: 0 }) ?? full(),
    ),
    ethMethod("eth_uninstallFilter", "removes a filter", [["filterId", filterIdArg]], ([id]) =>
      filters.uninstall(id),
    ),
    ethMethod(
      "eth_getFilterChanges",
      "what a filter saw since its last poll",
      [["filterId", filterIdArg]],
      async ([id]) => {
        const f = filters.poll(id) ?? notFound();
        if (f.kind === "pending") return f.queue.splice(0).map(data);
        const top = await head();
        if (f.kind === "block") {
          const last = top - f.lastHeight > MAX_BLOCKS_PER_POLL ? f.lastHeight + MAX_BLOCKS_PER_POLL : top;
          const out: string[] = [];
          for (let h = f.lastHeight + 1n; h <= last; h++) {
            const hash = await chain.finalizedHashAt(h);
            if (hash !== undefined) out.push(data(hash));
          }
          f.lastHeight = last;
          return out;
        }
        const end = await heightOf(chain, f.query.to, top);
        const last = minBig(end, top);
        if (last <= f.lastHeight) return [];
        const span = last - f.lastHeight > limits.maxBlockRange ? f.lastHeight + limits.maxBlockRange : last;
        const logs = await logsInRange(chain, f.query.criteria, f.lastHeight + 1n, span, limits);
        f.lastHeight = span;
        return logs;
      },
    ),
    ethMethod(
      "eth_getFilterLogs",
      "every log a log filter matches",
      [["filterId", filterIdArg]],
      async ([id]) => {
        const f = filters.poll(id) ?? notFound();
        if (f.kind !== "logs") throw handlerError("filter is not a log filter");
        return runLogQuery(chain, f.query, await ctx(), limits);
      },
    ),
  ];
}
