/**
 * Registers the Ethereum JSON-RPC API (`eth_*`, `net_*`, `web3_*`) on the node's registry, next
 * to `theta.*`: one registry serves HTTP `/rpc`, WebSocket `/ws` and the optional Ethereum port.
 */
import type { RpcRegistry } from "../registry.ts";
import type { EthChain } from "./ethChain.ts";
import {
  createFilterStore,
  DEFAULT_FILTER_LIMITS,
  type FilterLimits,
  type FilterStore,
} from "./filterStore.ts";
import { createGasPriceOracle } from "./gasPriceOracle.ts";
import { DEFAULT_LOG_LIMITS, type LogLimits } from "./logQuery.ts";
import { blockMethods } from "./methods/blocks.ts";
import { callMethods } from "./methods/call.ts";
import { chainInfoMethods } from "./methods/chainInfo.ts";
import { logMethods } from "./methods/logs.ts";
import { sendMethods } from "./methods/send.ts";
import { stateMethods } from "./methods/state.ts";
import { createSubscriptions, type SubscriptionLimits, type Subscriptions } from "./subscriptions.ts";

/** Options of {@link registerEthRpc}. */
export interface EthRpcOptions {
  /** Milliseconds now (filters' expiry). */
  readonly now: () => number;
  /** A fresh random filter id. */
  readonly newFilterId: () => string;
  readonly logLimits?: LogLimits;
  readonly filterLimits?: FilterLimits;
  /** Subscriptions per WebSocket connection (default 100). */
  readonly subscriptionLimits?: SubscriptionLimits;
}

/** What stays running after registration: the filters (swept by the caller's timer) and the event hook. */
export interface EthRpc {
  readonly filters: FilterStore;
  /** The `eth_subscribe` subscriptions of the WebSocket connections. */
  readonly subscriptions: Pick<Subscriptions, "size">;
  /** Stops listening to the chain's events. */
  close(): void;
}

/** Registers every Ethereum method on `registry`. */
export function registerEthRpc(registry: RpcRegistry, chain: EthChain, opts: EthRpcOptions): EthRpc {
  const filters = createFilterStore(opts.now, opts.newFilterId, opts.filterLimits ?? DEFAULT_FILTER_LIMITS);
  const oracle = createGasPriceOracle(chain, () => chain.maxGasLimit());
  const limits = opts.logLimits ?? DEFAULT_LOG_LIMITS;
  const methods = [
    ...chainInfoMethods(chain, oracle, chain.keccak256),
    ...stateMethods(chain),
    ...blockMethods(chain, chain.keccak256),
    ...callMethods(chain),
    ...sendMethods(chain),
    ...logMethods(chain, filters, chain.keccak256, limits),
  ];
  const subscriptions = createSubscriptions(
    chain,
    opts.subscriptionLimits === undefined
      ? { newId: opts.newFilterId, keccak256: chain.keccak256 }
      : { newId: opts.newFilterId, keccak256: chain.keccak256, limits: opts.subscriptionLimits },
  );
  for (const m of [...methods, ...subscriptions.methods]) registry.register(m);
  const off = chain.events.onPendingTx((tx) => filters.pushPending(tx.ethHash ?? tx.hash));
  return {
    filters,
    subscriptions,
    close() {
      off();
      subscriptions.close();
    },
  };
}
