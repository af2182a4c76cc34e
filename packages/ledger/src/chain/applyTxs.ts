/**
 * The per-tx step of block application and proposal (docs/ledger.md §4.1): decode, sanity, process,
 * with at most one CoinbaseTx per block.
 */
import { bytesToHex, type Hash, isThetaError, TX_TYPE_NAMES, type Tx, TxType } from "@theta/core-types";
import type { ExecContext } from "../execution/context.ts";
import { executeTx } from "../execution/executeTx.ts";
import { ExecCode, type ExecFailure } from "../execution/resultCodes.ts";
import { ethTxHashOf, type TxReceipt } from "../execution/smartContractTx.ts";
import { decodeTxMemo, txHashMemo } from "./txMemo.ts";

/** One applied tx: its canonical hash (keccak256 of the raw bytes), the tx, and its receipt if any. */
export interface TxOutcome {
  readonly txHash: Hash;
  readonly tx: Tx;
  /** Set for a delivered SmartContractTx. */
  readonly receipt?: TxReceipt;
  /** For an Ethereum-signed SmartContractTx: its Ethereum tx hash (an alias for lookups). */
  readonly ethTxHash?: Hash;
}

/** A tx that failed: the failure and, when decoding succeeded, the tx. */
export interface TxRejection {
  readonly txHash: Hash;
  readonly tx?: Tx;
  readonly failure: ExecFailure;
}

/** Per-call policy of `applyRawTx`. */
export interface ApplyTxPolicy {
  /** False while a proposer adds mempool candidates: a coinbase there is not its own. */
  readonly coinbaseAllowed: boolean;
}

/**
 * Decodes and executes one raw tx on `ctx.state` (the coinbase executor refuses a second
 * coinbase through `ctx.scratch`); a failure may leave partial writes behind.
 */
export async function applyRawTx(
  ctx: ExecContext,
  policy: ApplyTxPolicy,
  raw: Uint8Array,
): Promise<{ ok: true; outcome: TxOutcome } | ({ ok: false } & TxRejection)> {
  const txHash = txHashMemo(ctx.crypto, raw);
  let tx: Tx;
  try {
    tx = decodeTxMemo(raw);
  } catch (e) {
    if (!isThetaError(e)) throw e;
    return { ok: false, txHash, failure: { code: ExecCode.Generic, message: `tx decoding: ${e.message}` } };
  }
  if (tx.type === TxType.Coinbase && !policy.coinbaseAllowed) {
    const message = "CoinbaseTx: only the proposer's own coinbase may be included";
    return { ok: false, txHash, tx, failure: { code: ExecCode.UnauthorizedTx, message } };
  }
  const r = await executeTx(ctx, tx);
  if (!r.ok) return { ok: false, txHash, tx, failure: r.failure };
  const eth = tx.type === TxType.SmartContract ? ethTxHashOf(ctx, tx) : undefined;
  return {
    ok: true,
    outcome: {
      txHash,
      tx,
      ...(r.receipt === undefined ? {} : { receipt: r.receipt }),
      ...(eth === undefined ? {} : { ethTxHash: eth }),
    },
  };
}

/** "tx 3 (SendTx 0xab…): message" for block-level errors. */
export function describeRejection(index: number, r: TxRejection): string {
  const kind = r.tx === undefined ? "undecodable" : TX_TYPE_NAMES[r.tx.type];
  return `tx ${index} (${kind} 0x${bytesToHex(r.txHash)}): ${r.failure.message}`;
}
