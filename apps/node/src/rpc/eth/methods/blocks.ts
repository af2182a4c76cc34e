/**
 * Blocks, transactions and receipts. A Theta block appears with all its txs (every type, in
 * order, so counts agree with `theta.GetBlock`); an Ethereum-signed tx is found and listed under
 * the hash `eth_sendRawTransaction` returned, every other tx under its Theta hash. A receipt is
 * given once its block is finalized (the block `latest` names), so that a client reading state
 * right after it finds the tx's effects; `theta.GetTransaction` shows the tx earlier, as pending
 * with its block.
 */
import { equalBytes, isFinalizedStatus } from "@theta/core-types";
import { z } from "zod";
import type { StoredBlock } from "../../chainQuery.ts";
import type { RpcMethod } from "../../registry.ts";
import { resolveBlock } from "../blockResolver.ts";
import type { EthChain } from "../ethChain.ts";
import { quantity } from "../ethHex.ts";
import { ethBlockJson, ethBlockReceipts, ethPendingTxJson, ethReceiptJson, ethTxJson } from "../ethJson.ts";
import { ethMethod } from "../ethMethod.ts";
import { blockSpecArg, hash32Arg, quantityArg } from "../ethParams.ts";
import { ethTxView } from "../ethTxView.ts";
import { jsonContext } from "../jsonContext.ts";

const fullArg = z
  .boolean({ error: "expected true or false" })
  .nullish()
  .transform((v) => v ?? false);

/** The block, transaction and receipt methods. */
export function blockMethods(chain: EthChain, keccak256: (b: Uint8Array) => Uint8Array): RpcMethod[] {
  const ctx = () => jsonContext(chain, keccak256);
  const byHash = (hash: Uint8Array) => chain.query.blockByHash(hash);
  const blockJson = async (b: StoredBlock | undefined, full: boolean) =>
    b === undefined ? null : ethBlockJson(b, full, await ctx());
  const count = (b: StoredBlock | undefined) => (b === undefined ? null : quantity(b.txs.length));
  const txAt = async (b: StoredBlock | undefined, index: bigint) =>
    b === undefined || index >= BigInt(b.txs.length) ? null : ethTxJson(b, Number(index), await ctx());
  /**
   * The block and position of a tx by the hash Ethereum clients know it by. `final` is false for
   * a block that is applied but not finalized: Ethereum clients read state at `latest` (the
   * finalized block) right after a receipt arrives, so such a tx shows as pending (no receipt).
   */
  const locate = async (
    hash: Uint8Array,
  ): Promise<{ block: StoredBlock; index: number; final: boolean } | undefined> => {
    const found = await chain.query.transaction(hash);
    if (found === undefined) return undefined;
    const index = found.block.txs.indexOf(found.tx);
    if (index < 0) return undefined;
    return { block: found.block, index, final: isFinalizedStatus(found.block.block.status) };
  };
  return [
    ethMethod(
      "eth_getBlockByNumber",
      "a block by number or tag, with tx hashes or objects",
      [
        ["block", blockSpecArg],
        ["fullTransactions", fullArg],
      ],
      async ([spec, full]) => blockJson(await resolveBlock(chain, spec), full),
    ),
    ethMethod(
      "eth_getBlockByHash",
      "a block by hash, with tx hashes or objects",
      [
        ["blockHash", hash32Arg],
        ["fullTransactions", fullArg],
      ],
      async ([hash, full]) => blockJson(await byHash(hash), full),
    ),
    ethMethod(
      "eth_getBlockTransactionCountByNumber",
      "number of txs in a block",
      [["block", blockSpecArg]],
      async ([spec]) => count(await resolveBlock(chain, spec)),
    ),
    ethMethod(
      "eth_getBlockTransactionCountByHash",
      "number of txs in a block",
      [["blockHash", hash32Arg]],
      async ([hash]) => count(await byHash(hash)),
    ),
    ethMethod(
      "eth_getTransactionByBlockNumberAndIndex",
      "a tx by block number and position",
      [
        ["block", blockSpecArg],
        ["index", quantityArg],
      ],
      async ([spec, index]) => txAt(await resolveBlock(chain, spec), index),
    ),
    ethMethod(
      "eth_getTransactionByBlockHashAndIndex",
      "a tx by block hash and position",
      [
        ["blockHash", hash32Arg],
        ["index", quantityArg],
      ],
      async ([hash, index]) => txAt(await byHash(hash), index),
    ),
    ethMethod(
      "eth_getTransactionByHash",
      "a tx by hash: in a block, waiting in the mempool (block fields null), or null",
      [["hash", hash32Arg]],
      async ([hash]) => {
        const at = await locate(hash);
        if (at?.final === true) return ethTxJson(at.block, at.index, await ctx());
        if (at !== undefined) return ethPendingTxJson(at.block.txs[at.index]!, await ctx());
        const pending = await chain.pendingTx(hash);
        if (pending === undefined) return null;
        const c = await ctx();
        const v = ethTxView(pending, c.evmChainId);
        return equalBytes(v.hash, hash) || equalBytes(pending.hash, hash)
          ? ethPendingTxJson(pending, c)
          : null;
      },
    ),
    ethMethod(
      "eth_getTransactionReceipt",
      "the receipt of a tx in a finalized block, or null",
      [["hash", hash32Arg]],
      async ([hash]) => {
        const at = await locate(hash);
        return at?.final === true ? ethReceiptJson(at.block, at.index, await ctx()) : null;
      },
    ),
    ethMethod(
      "eth_getBlockReceipts",
      "every receipt of a block",
      [["block", blockSpecArg]],
      async ([spec]) => {
        const b = await resolveBlock(chain, spec);
        return b === undefined ? null : ethBlockReceipts(b, await ctx());
      },
    ),
  ];
}
