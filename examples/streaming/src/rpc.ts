/**
 * A small client of the node's Theta JSON-RPC (params as a one-element array), for the relays
 * and the viewer page alike: it only needs `fetch`.
 */
import {
  type Account,
  type Address,
  accountFromJson,
  bytesToPrefixedHex,
  type ReservedFund,
  ThetaError,
} from "@theta/core-types";
import type { PoolInfo } from "@theta/micropayment";

export const RpcErrorCode = { Failed: "STREAM_RPC_FAILED" } as const;

export interface ThetaRpc {
  readonly url: string;
  call<T = unknown>(method: string, args: Record<string, unknown>): Promise<T>;
  /** The account in the latest finalized state, or undefined when it does not exist. */
  account(address: Address): Promise<Account | undefined>;
  /** Height of the latest finalized block. */
  height(): Promise<bigint>;
  /** Submits a signed tx; resolves with its hash once the mempool accepted it. */
  broadcast(raw: Uint8Array): Promise<string>;
  /** "finalized", "pending", "not_found" or "abandoned". */
  txStatus(hash: string): Promise<string>;
}

export function createRpc(url: string, fetchFn: typeof fetch = globalThis.fetch.bind(globalThis)): ThetaRpc {
  let id = 0;
  const call = async <T>(method: string, args: Record<string, unknown>): Promise<T> => {
    const res = await fetchFn(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: ++id, method, params: [args] }),
    });
    const reply = (await res.json()) as { result?: T; error?: { code: number; message: string } };
    if (reply.error !== undefined) {
      throw new ThetaError(RpcErrorCode.Failed, `${method}: ${reply.error.message} (${reply.error.code})`);
    }
    return reply.result as T;
  };
  return {
    url,
    call,
    async account(address) {
      try {
        return accountFromJson(
          address,
          await call("theta.GetAccount", { address: bytesToPrefixedHex(address) }),
        );
      } catch (e) {
        if (e instanceof ThetaError && / is not found/.test(e.message)) return undefined;
        throw e;
      }
    },
    async height() {
      const s = await call<{ latest_finalized_block_height: string }>("theta.GetStatus", {});
      return BigInt(s.latest_finalized_block_height);
    },
    async broadcast(raw) {
      const r = await call<{ hash: string }>("theta.BroadcastRawTransactionAsync", {
        tx_bytes: bytesToPrefixedHex(raw),
      });
      return r.hash;
    },
    async txStatus(hash) {
      const r = await call<{ status: string }>("theta.GetTransaction", { hash });
      return r.status;
    },
  };
}

/** The micropayment package's view of one reserved fund (TFuel amounts). */
export function poolInfo(source: Address, fund: ReservedFund): PoolInfo {
  return {
    source,
    reserveSequence: fund.reserveSequence,
    resourceIds: fund.resourceIds,
    initialFund: fund.initialFund.tfuelWei,
    usedFund: fund.usedFund.tfuelWei,
    collateral: fund.collateral.tfuelWei,
    endBlockHeight: fund.endBlockHeight,
    transferRecords: fund.transferRecords,
  };
}

/** The pool `reserveSequence` of `source` as now finalized on chain, or undefined. */
export async function readPool(
  rpc: ThetaRpc,
  source: Address,
  reserveSequence: bigint,
): Promise<PoolInfo | undefined> {
  const account = await rpc.account(source);
  const fund = account?.reservedFunds.find((f) => f.reserveSequence === reserveSequence);
  return fund === undefined ? undefined : poolInfo(source, fund);
}
