/**
 * `eth_subscribe` / `eth_unsubscribe` (WebSocket only, as geth): `newHeads` (the header of each
 * finalized block: the block object without transactions and uncles), `logs` with address/topic
 * criteria (each matching log of each finalized block) and `newPendingTransactions` (the hash of
 * each tx the mempool admits: the Ethereum hash when it arrived as one; `true` as second
 * argument gives the transaction object instead). Notifications are geth's
 * `{"jsonrpc":"2.0","method":"eth_subscription","params":{"subscription":id,"result":…}}`.
 *
 * A connection holds at most `maxPerConnection` subscriptions; all of them go when it closes.
 * The chain's events are listened to only while some subscription needs them.
 */
import type { Hash } from "@theta/core-types";
import { z } from "zod";
import type { StoredBlock } from "../chainQuery.ts";
import { handlerError } from "../methods/common.ts";
import type { RpcConnection, RpcContext, RpcMethod } from "../registry.ts";
import { RpcError, RpcErrorCode } from "../rpcError.ts";
import type { EthChain, PendingTxEvent } from "./ethChain.ts";
import { data } from "./ethHex.ts";
import { blockLogs, type EthJsonContext, ethBlockJson, ethLogJson, ethPendingTxJson } from "./ethJson.ts";
import { ethMethod, invalidParams } from "./ethMethod.ts";
import { logFilterArg } from "./ethParams.ts";
import { jsonContext } from "./jsonContext.ts";
import { type LogCriteria, logCriteria, logMatches } from "./logFilter.ts";

/** Limits of the subscriptions. */
export interface SubscriptionLimits {
  /** Most subscriptions one connection may hold (default 100). */
  readonly maxPerConnection: number;
}

/** The defaults of {@link SubscriptionLimits}. */
export const DEFAULT_SUBSCRIPTION_LIMITS: SubscriptionLimits = { maxPerConnection: 100 };

/** Options of {@link createSubscriptions}. */
export interface SubscriptionOptions {
  /** A fresh random subscription id (`0x` + hex). */
  readonly newId: () => string;
  readonly keccak256: (b: Uint8Array) => Uint8Array;
  readonly limits?: SubscriptionLimits;
  /** Failures while building a notification (a chain read that failed). */
  readonly onError?: (e: unknown) => void;
}

/** The subscription methods and their state. */
export interface Subscriptions {
  readonly methods: RpcMethod[];
  /** Active subscriptions over all connections. */
  readonly size: number;
  /** Drops every subscription and stops listening to the chain. */
  close(): void;
}

type Sub =
  | { readonly kind: "newHeads"; readonly id: string; readonly conn: RpcConnection; active: boolean }
  | {
      readonly kind: "logs";
      readonly id: string;
      readonly conn: RpcConnection;
      readonly criteria: LogCriteria;
      active: boolean;
    }
  | {
      readonly kind: "newPendingTransactions";
      readonly id: string;
      readonly conn: RpcConnection;
      readonly fullTx: boolean;
      active: boolean;
    };

/** The error geth answers over a transport without notifications (HTTP). */
const notSupported = (): RpcError => new RpcError(RpcErrorCode.MethodNotFound, "notifications not supported");

const subscriptionIdArg = z.string({ error: "expected a subscription id string" }).min(1).max(100);

/** Creates the methods; register `methods` on the registry. */
export function createSubscriptions(chain: EthChain, opts: SubscriptionOptions): Subscriptions {
  const limits = opts.limits ?? DEFAULT_SUBSCRIPTION_LIMITS;
  const onError = opts.onError ?? (() => undefined);
  const byConn = new Map<RpcConnection, Map<string, Sub>>();
  const watched = new WeakSet<RpcConnection>();
  const blockSubs = new Set<Sub>();
  const pendingSubs = new Set<Sub>();
  let offBlocks: (() => void) | undefined;
  let offPending: (() => void) | undefined;
  let blockTail: Promise<void> = Promise.resolve();
  let pendingTail: Promise<void> = Promise.resolve();
  let size = 0;

  const context = (): Promise<EthJsonContext> => jsonContext(chain, opts.keccak256);

  /** Listens to the chain exactly while some subscription needs an event. */
  function syncListeners(): void {
    if (blockSubs.size > 0 && offBlocks === undefined) {
      offBlocks = chain.events.onFinalizedBlock(onBlock);
    } else if (blockSubs.size === 0 && offBlocks !== undefined) {
      offBlocks();
      offBlocks = undefined;
    }
    if (pendingSubs.size > 0 && offPending === undefined) {
      offPending = chain.events.onPendingTx(onPending);
    } else if (pendingSubs.size === 0 && offPending !== undefined) {
      offPending();
      offPending = undefined;
    }
  }

  function remove(sub: Sub): void {
    if (!sub.active) return;
    sub.active = false;
    size--;
    blockSubs.delete(sub);
    pendingSubs.delete(sub);
    const own = byConn.get(sub.conn);
    own?.delete(sub.id);
    if (own?.size === 0) byConn.delete(sub.conn);
  }

  function dropConnection(conn: RpcConnection): void {
    const own = byConn.get(conn);
    if (own === undefined) return;
    for (const sub of [...own.values()]) remove(sub);
    byConn.delete(conn);
    syncListeners();
  }

  /** Sends one notification; a closed connection loses all its subscriptions. */
  function deliver(sub: Sub, result: unknown): boolean {
    if (!sub.active) return false;
    if (sub.conn.notify("eth_subscription", { subscription: sub.id, result })) return true;
    dropConnection(sub.conn);
    return false;
  }

  function onBlock(block: StoredBlock): void {
    blockTail = blockTail
      .then(async () => {
        if (blockSubs.size === 0) return;
        const ctx = await context();
        const subs = [...blockSubs];
        if (subs.some((s) => s.kind === "newHeads")) {
          const header = headerJson(block, ctx);
          for (const s of subs) if (s.kind === "newHeads") deliver(s, header);
        }
        const logSubs = subs.filter((s) => s.kind === "logs");
        if (logSubs.length === 0) return;
        const logs = blockLogs(block, ctx);
        const json = new Map<number, unknown>();
        for (const s of logSubs) {
          for (const p of logs) {
            if (!logMatches(s.criteria, p.log)) continue;
            let j = json.get(p.logIndex);
            if (j === undefined) {
              j = ethLogJson(p);
              json.set(p.logIndex, j);
            }
            if (!deliver(s, j)) break;
          }
        }
      })
      .catch(onError);
  }

  function onPending(tx: PendingTxEvent): void {
    const hash: Hash = tx.ethHash ?? tx.hash;
    const subs = [...pendingSubs];
    const full = subs.filter((s) => s.kind === "newPendingTransactions" && s.fullTx);
    const hex = data(hash);
    for (const s of subs) if (!(s.kind === "newPendingTransactions" && s.fullTx)) deliver(s, hex);
    if (full.length === 0) return;
    pendingTail = pendingTail
      .then(async () => {
        const pending = await chain.pendingTx(hash);
        if (pending === undefined) return;
        const json = ethPendingTxJson(pending, await context());
        for (const s of full) deliver(s, json);
      })
      .catch(onError);
  }

  function add(conn: RpcConnection, make: (id: string) => Sub): string {
    let own = byConn.get(conn);
    if (own !== undefined && own.size >= limits.maxPerConnection) {
      throw handlerError(
        `too many subscriptions on this connection (at most ${limits.maxPerConnection}); eth_unsubscribe some first`,
      );
    }
    if (own === undefined) {
      own = new Map();
      byConn.set(conn, own);
    }
    if (!watched.has(conn)) {
      watched.add(conn);
      conn.onClose(() => dropConnection(conn));
    }
    let id = opts.newId();
    while (own.has(id)) id = opts.newId();
    const sub = make(id);
    own.set(id, sub);
    size++;
    (sub.kind === "newPendingTransactions" ? pendingSubs : blockSubs).add(sub);
    syncListeners();
    return id;
  }

  function subscribe(kind: string, options: unknown, ctx: RpcContext): string {
    const conn = ctx.connection;
    if (conn === undefined) throw notSupported();
    switch (kind) {
      case "newHeads":
        if (options != null) throw invalidParams("too many arguments for newHeads, want at most 1");
        return add(conn, (id) => ({ kind: "newHeads", id, conn, active: true }));
      case "logs": {
        const parsed = logFilterArg.safeParse(options ?? {});
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          const where =
            issue === undefined || issue.path.length === 0 ? "" : ` member "${issue.path.join(".")}"`;
          throw invalidParams(`invalid argument 1 (filter)${where}: ${issue?.message ?? "invalid"}`);
        }
        const f = parsed.data;
        if (f.blockHash != null)
          throw invalidParams("a logs subscription cannot name a blockHash; use eth_getLogs");
        const criteria = logCriteria(f.address, f.topics);
        return add(conn, (id) => ({ kind: "logs", id, conn, criteria, active: true }));
      }
      case "newPendingTransactions": {
        if (options != null && typeof options !== "boolean") {
          throw invalidParams("invalid argument 1 (fullTx): expected true or false");
        }
        const fullTx = options === true;
        return add(conn, (id) => ({ kind: "newPendingTransactions", id, conn, fullTx, active: true }));
      }
      default:
        throw new RpcError(
          RpcErrorCode.MethodNotFound,
          `no ${JSON.stringify(kind)} subscription in eth namespace`,
        );
    }
  }

  const methods = [
    ethMethod(
      "eth_subscribe",
      "subscribes to newHeads, logs or newPendingTransactions (WebSocket only)",
      [
        ["subscriptionName", z.string({ error: "expected a subscription name" })],
        ["options", z.unknown().optional()],
      ],
      ([kind, options], ctx) => subscribe(kind, options, ctx),
    ),
    ethMethod(
      "eth_unsubscribe",
      "cancels a subscription of this connection; false when it does not exist",
      [["subscriptionId", subscriptionIdArg]],
      ([id], ctx) => {
        const conn = ctx.connection;
        if (conn === undefined) throw notSupported();
        const sub = byConn.get(conn)?.get(id);
        if (sub === undefined) return false;
        remove(sub);
        syncListeners();
        return true;
      },
    ),
  ];

  return {
    methods,
    get size() {
      return size;
    },
    close() {
      for (const conn of [...byConn.keys()]) dropConnection(conn);
      syncListeners();
    },
  };
}

/** The `newHeads` object: the block object without its transaction and uncle lists. */
function headerJson(block: StoredBlock, ctx: EthJsonContext): Record<string, unknown> {
  const { transactions: _txs, uncles: _uncles, ...header } = ethBlockJson(block, false, ctx);
  return header;
}
