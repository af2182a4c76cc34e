/** The tx-index entries of an applied block's outcomes (written when the block is finalized). */
import { bytesToHex, type Hash } from "@theta/core-types";
import type { TxOutcome } from "@theta/ledger";
import type { AppliedTxEntry } from "./ports.ts";

/** One entry per outcome; `ethHashes` holds the Ethereum hashes of txs submitted here, by Theta hash (hex). */
export function entriesOf(outcomes: readonly TxOutcome[], ethHashes: Map<string, Hash>): AppliedTxEntry[] {
  return outcomes.map((o) => {
    // The hash of the bytes a client submitted here, else the one the ledger derived (a tx that
    // reached this node through gossip or a block).
    const ethHash = ethHashes.get(bytesToHex(o.txHash)) ?? o.ethTxHash;
    const base = ethHash === undefined ? { hash: o.txHash } : { hash: o.txHash, ethHash };
    return o.receipt === undefined
      ? base
      : {
          ...base,
          receipt: {
            txHash: o.txHash,
            logs: o.receipt.logs,
            evmReturn: o.receipt.evmReturn,
            contractAddress: o.receipt.contractAddress,
            gasUsed: o.receipt.gasUsed,
            evmError: o.receipt.vmError,
          },
        };
  });
}
