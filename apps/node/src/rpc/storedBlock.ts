/**
 * Glue for ChainQuery implementations: turns a block from the block store into the
 * {@link StoredBlock} the RPC prints, decoding each raw tx and attaching what the chain
 * recorded for it.
 */
import {
  type BlockHeader,
  decodeTx,
  type ExtendedBlock,
  encodeHeader,
  type Hash,
  type HeaderForkHeights,
  type Tx,
  ZERO_HASH,
} from "@theta/core-types";
import type { BlockTx, StoredBlock, TxBalanceChanges, TxReceipt } from "./chainQuery.ts";

/** Where {@link toStoredBlock} finds hashes and execution records. */
export interface StoredBlockDeps {
  readonly keccak256: (data: Uint8Array) => Uint8Array;
  /** The header layout's fork heights (the chain profile's `headerForks`). */
  readonly forks: HeaderForkHeights;
  /**
   * The Ethereum-form hash of an ETH-signed SmartContractTx in a block with `header`, or
   * undefined for any other tx (printed as the zero hash).
   */
  readonly ethTxHash?: (tx: Tx, raw: Uint8Array, header: BlockHeader) => Hash | undefined;
  /** The receipt recorded for (block hash, tx hash), if any. */
  readonly receipt?: (blockHash: Hash, txHash: Hash) => TxReceipt | undefined;
  /** The balance changes recorded for (block hash, tx hash), if any. */
  readonly balanceChanges?: (blockHash: Hash, txHash: Hash) => TxBalanceChanges | undefined;
}

/**
 * The block hash (keccak256 of the header RLP), the txs decoded in order with their hashes
 * (keccak256 of the raw bytes), Ethereum hashes, receipts and balance changes. A tx that does
 * not decode throws the decoder's ThetaError (a stored block was validated, so it cannot).
 */
export function toStoredBlock(eb: ExtendedBlock, deps: StoredBlockDeps): StoredBlock {
  const header = eb.block.header;
  const hash = deps.keccak256(encodeHeader(header, deps.forks));
  const txs = eb.block.txs.map((raw): BlockTx => {
    const tx = decodeTx(raw);
    const txHash = deps.keccak256(raw);
    return {
      raw,
      tx,
      hash: txHash,
      ethTxHash: deps.ethTxHash?.(tx, raw, header) ?? ZERO_HASH,
      receipt: deps.receipt?.(hash, txHash),
      balanceChanges: deps.balanceChanges?.(hash, txHash),
    };
  });
  return { hash, block: eb, txs };
}
