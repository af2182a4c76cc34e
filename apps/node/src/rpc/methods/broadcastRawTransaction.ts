import { z } from "zod";
import type { Broadcasted, ChainQuery } from "../chainQuery.ts";
import { hex0x } from "../json/encodings.ts";
import { decodeGoHexPrefixed } from "../json/goHex.ts";
import { type HeaderGoJson, headerToGoJson } from "../json/headerGoJson.ts";
import type { RpcMethod } from "../registry.ts";
import { stringArg } from "./args.ts";
import { handlerError } from "./common.ts";

/** Result of the waiting broadcasts: the tx hash and the header of the finalizing block. */
export interface BroadcastSyncResult {
  readonly hash: string;
  readonly block: HeaderGoJson;
}

/** The reference answers "Internal server error" when the finality callback carries no block. */
function syncResult(b: Broadcasted): BroadcastSyncResult {
  if (b.block === undefined) throw handlerError("Internal server error");
  return { hash: hex0x(b.hash), block: headerToGoJson(b.block) };
}

/** Result of the async broadcasts. */
export interface BroadcastAsyncResult {
  readonly hash: string;
}

const Args = z.object({ tx_bytes: stringArg });

/**
 * `theta.BroadcastRawTransaction {"tx_bytes"}` (docs/interfaces.md §1.4 method 23): submits a raw
 * tx (hex, `0x` optional) and answers once the block holding it is finalized. The chain's
 * rejection text (mempool check, timeout) is the JSON-RPC -32000 message.
 */
export function broadcastRawTransactionMethod(chain: ChainQuery): RpcMethod<typeof Args> {
  return {
    name: "theta.BroadcastRawTransaction",
    params: Args,
    summary: "submit a signed raw transaction and wait until it is finalized",
    handler: async (args, ctx): Promise<BroadcastSyncResult> => {
      const raw = decodeGoHexPrefixed(args.tx_bytes);
      const r = await chain.broadcastTx(raw, { wait: true, signal: ctx.signal });
      if (!r.ok) throw handlerError(r.message);
      return syncResult(r.value);
    },
  };
}

/**
 * `theta.BroadcastRawTransactionAsync {"tx_bytes"}` (docs/interfaces.md §1.4 method 24): answers
 * `{"hash"}` as soon as the mempool accepted the tx.
 */
export function broadcastRawTransactionAsyncMethod(chain: ChainQuery): RpcMethod<typeof Args> {
  return {
    name: "theta.BroadcastRawTransactionAsync",
    params: Args,
    summary: "submit a signed raw transaction and return once the mempool accepted it",
    handler: async (args): Promise<BroadcastAsyncResult> => {
      const raw = decodeGoHexPrefixed(args.tx_bytes);
      const r = await chain.broadcastTx(raw, { wait: false });
      if (!r.ok) throw handlerError(r.message);
      return { hash: hex0x(r.value.hash) };
    },
  };
}

/**
 * `theta.BroadcastRawEthTransaction {"tx_bytes"}` (docs/interfaces.md §1.4 method 25): a signed
 * legacy Ethereum tx, translated by the chain into a SmartContractTx; then as
 * BroadcastRawTransaction (the hash is the Theta tx's).
 */
export function broadcastRawEthTransactionMethod(chain: ChainQuery): RpcMethod<typeof Args> {
  return {
    name: "theta.BroadcastRawEthTransaction",
    params: Args,
    summary: "submit a signed Ethereum transaction and wait until it is finalized",
    handler: async (args, ctx): Promise<BroadcastSyncResult> => {
      const raw = decodeGoHexPrefixed(args.tx_bytes);
      const r = await chain.broadcastEthTx(raw, { wait: true, signal: ctx.signal });
      if (!r.ok) throw handlerError(r.message);
      return syncResult(r.value);
    },
  };
}

/**
 * `theta.BroadcastRawEthTransactionAsync {"tx_bytes"}` (docs/interfaces.md §1.4 method 26): as the
 * async broadcast, but `hash` is keccak256 of the Ethereum tx bytes.
 */
export function broadcastRawEthTransactionAsyncMethod(chain: ChainQuery): RpcMethod<typeof Args> {
  return {
    name: "theta.BroadcastRawEthTransactionAsync",
    params: Args,
    summary: "submit a signed Ethereum transaction and return once the mempool accepted it",
    handler: async (args): Promise<BroadcastAsyncResult> => {
      const raw = decodeGoHexPrefixed(args.tx_bytes);
      const r = await chain.broadcastEthTx(raw, { wait: false });
      if (!r.ok) throw handlerError(r.message);
      return { hash: hex0x(r.value.ethHash) };
    },
  };
}
