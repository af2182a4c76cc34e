/**
 * The Ethereum JSON shapes of blocks, transactions, receipts and logs built from stored Theta
 * blocks (the node README's "Ethereum API" section says how each Theta field maps).
 */
import type { Hash } from "@theta/core-types";
import type { BlockLogs, TxLogs } from "../blockLogs.ts";
import type { BlockTx, ReceiptLog, StoredBlock } from "../chainQuery.ts";
import { data, quantity } from "./ethHex.ts";
import { type EthTxView, ethTxView } from "./ethTxView.ts";
import { logsBloom } from "./logsBloom.ts";

/** What the builders need besides the block. */
export interface EthJsonContext {
  readonly evmChainId: bigint;
  readonly keccak256: (b: Uint8Array) => Uint8Array;
  /** The block gas limit to report (the per-tx maximum of the chain). */
  readonly gasLimit: bigint;
}

/** keccak256(rlp([])): the uncle hash of a block without uncles. */
const EMPTY_UNCLES_HASH = "0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347";
const ZERO_32 = `0x${"0".repeat(64)}`;

/** One log as Ethereum clients see it. */
export interface EthLogJson {
  readonly address: string;
  readonly topics: readonly string[];
  readonly data: string;
  readonly blockNumber: string;
  readonly blockHash: string;
  readonly blockTimestamp: string;
  readonly transactionHash: string;
  readonly transactionIndex: string;
  readonly logIndex: string;
  readonly removed: boolean;
}

/** A log with its position, before JSON. */
export interface PositionedLog {
  readonly log: ReceiptLog;
  readonly blockHash: Hash;
  readonly height: bigint;
  readonly timestamp: bigint;
  readonly txIndex: number;
  readonly txHash: Hash;
  /** Index among all logs of the block. */
  readonly logIndex: number;
}

/** The transaction object of tx `index` of `block`. */
export function ethTxJson(block: StoredBlock, index: number, ctx: EthJsonContext): Record<string, unknown> {
  const t = block.txs[index]!;
  return txJsonOf(block, index, t, ethTxView(t, ctx.evmChainId), ctx);
}

/** The transaction object of a tx still in the mempool: block fields are null. */
export function ethPendingTxJson(t: BlockTx, ctx: EthJsonContext): Record<string, unknown> {
  return txJsonOf(undefined, 0, t, ethTxView(t, ctx.evmChainId), ctx);
}

function txJsonOf(
  block: StoredBlock | undefined,
  index: number,
  t: BlockTx,
  v: EthTxView,
  ctx: EthJsonContext,
): Record<string, unknown> {
  return {
    blockHash: block === undefined ? null : data(block.hash),
    blockNumber: block === undefined ? null : quantity(block.block.block.header.height),
    from: data(v.from),
    gas: quantity(v.gas),
    gasPrice: quantity(v.gasPrice),
    hash: data(v.hash),
    input: data(v.input),
    nonce: quantity(v.nonce),
    to: v.to === null ? null : data(v.to),
    transactionIndex: block === undefined ? null : quantity(index),
    value: quantity(v.value),
    type: "0x0",
    chainId: quantity(ctx.evmChainId),
    v: quantity(v.v),
    r: quantity(v.r),
    s: quantity(v.s),
    thetaTxType: t.tx.type,
  };
}

/** The logs of a stored block, as the log index records them. */
export function storedBlockLogs(block: StoredBlock, ctx: EthJsonContext): BlockLogs {
  const h = block.block.block.header;
  const txs: TxLogs[] = [];
  block.txs.forEach((t, txIndex) => {
    const logs = t.receipt?.logs ?? [];
    if (logs.length > 0) txs.push({ txIndex, txHash: ethTxView(t, ctx.evmChainId).hash, logs });
  });
  return { height: h.height, blockHash: block.hash, timestamp: h.timestamp, txs };
}

/** Every log of a block with its position, in block order. */
export function positionedLogs(b: BlockLogs): PositionedLog[] {
  const out: PositionedLog[] = [];
  for (const t of b.txs) {
    for (const log of t.logs) {
      out.push({
        log,
        blockHash: b.blockHash,
        height: b.height,
        timestamp: b.timestamp,
        txIndex: t.txIndex,
        txHash: t.txHash,
        logIndex: out.length,
      });
    }
  }
  return out;
}

/** Every log of `block` with its position, in block order. */
export function blockLogs(block: StoredBlock, ctx: EthJsonContext): PositionedLog[] {
  return positionedLogs(storedBlockLogs(block, ctx));
}

/** The JSON of a positioned log. */
export function ethLogJson(p: PositionedLog): EthLogJson {
  return {
    address: data(p.log.address),
    topics: p.log.topics.map(data),
    data: data(p.log.data),
    blockNumber: quantity(p.height),
    blockHash: data(p.blockHash),
    blockTimestamp: quantity(p.timestamp),
    transactionHash: data(p.txHash),
    transactionIndex: quantity(p.txIndex),
    logIndex: quantity(p.logIndex),
    removed: false,
  };
}

/** The receipts of every tx of `block`, in order. */
export function ethBlockReceipts(block: StoredBlock, ctx: EthJsonContext): Record<string, unknown>[] {
  const logs = blockLogs(block, ctx);
  let cumulative = 0n;
  return block.txs.map((t, i) => {
    const v = ethTxView(t, ctx.evmChainId);
    cumulative += v.gasUsed;
    const own = logs.filter((l) => l.txIndex === i);
    return receiptJsonOf(block, i, t, v, cumulative, own, ctx);
  });
}

/** The receipt of tx `index` of `block`. */
export function ethReceiptJson(
  block: StoredBlock,
  index: number,
  ctx: EthJsonContext,
): Record<string, unknown> {
  return ethBlockReceipts(block, ctx)[index]!;
}

function receiptJsonOf(
  block: StoredBlock,
  index: number,
  t: BlockTx,
  v: EthTxView,
  cumulative: bigint,
  logs: readonly PositionedLog[],
  ctx: EthJsonContext,
): Record<string, unknown> {
  return {
    blockHash: data(block.hash),
    blockNumber: quantity(block.block.block.header.height),
    contractAddress: v.contractAddress === null ? null : data(v.contractAddress),
    cumulativeGasUsed: quantity(cumulative),
    effectiveGasPrice: quantity(v.gasPrice),
    from: data(v.from),
    gasUsed: quantity(v.gasUsed),
    logs: logs.map(ethLogJson),
    logsBloom: data(logsBloom(t.receipt?.logs ?? [], ctx.keccak256)),
    status: quantity(v.status),
    to: v.to === null ? null : data(v.to),
    transactionHash: data(v.hash),
    transactionIndex: quantity(index),
    type: "0x0",
  };
}

/** The block object; `fullTxs` puts transaction objects in `transactions`, else their hashes. */
export function ethBlockJson(
  block: StoredBlock,
  fullTxs: boolean,
  ctx: EthJsonContext,
): Record<string, unknown> {
  const h = block.block.block.header;
  const views = block.txs.map((t) => ethTxView(t, ctx.evmChainId));
  const bloom = new Uint8Array(256);
  for (const t of block.txs) logsBloom(t.receipt?.logs ?? [], ctx.keccak256, bloom);
  const size = block.txs.reduce((n, t) => n + t.raw.length, 0) + 600;
  return {
    number: quantity(h.height),
    hash: data(block.hash),
    parentHash: data(h.parent),
    nonce: "0x0000000000000000",
    sha3Uncles: EMPTY_UNCLES_HASH,
    logsBloom: data(bloom),
    transactionsRoot: data(h.txHash),
    stateRoot: data(h.stateHash),
    receiptsRoot: data(h.receiptHash),
    miner: data(h.proposer),
    difficulty: "0x0",
    totalDifficulty: "0x0",
    extraData: "0x",
    size: quantity(size),
    gasLimit: quantity(ctx.gasLimit),
    gasUsed: quantity(views.reduce((n, v) => n + v.gasUsed, 0n)),
    timestamp: quantity(h.timestamp),
    mixHash: ZERO_32,
    transactions: fullTxs
      ? views.map((v, i) => txJsonOf(block, i, block.txs[i]!, v, ctx))
      : views.map((v) => data(v.hash)),
    uncles: [],
  };
}
