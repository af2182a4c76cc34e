/**
 * The block object of `theta.GetBlock`, `GetBlockByHeight` and `GetBlocksByRange`
 * (docs/interfaces.md §1.4 methods 7–9): core-types' block JSON with each transaction wrapped as
 * `{"raw","type","hash"[,"eth_tx_hash"],"receipt","balance_changes"}`, and the synthetic
 * genesis stub the reference prints for height 0.
 */
import {
  type BlockJson,
  BlockStatus,
  blockToJson,
  type CommitCertificateJson,
  type Hash,
  txToJson,
  ZERO_ADDRESS,
  ZERO_HASH,
} from "@theta/core-types";
import type { BlockTx, StoredBlock } from "../chainQuery.ts";
import { hex0x } from "./encodings.ts";
import { balanceChangesToJson, receiptToJson } from "./receiptJson.ts";

/** How a block object is printed. */
export interface BlockJsonOptions {
  /** Adds `eth_tx_hash` after `hash` in every tx (the `include_eth_tx_hashes` argument). */
  readonly includeEthTxHashes: boolean;
  /** GetBlock prints `elite_edge_node_votes` as null; the by-height methods print it. */
  readonly includeEliteEdgeNodeVotes: boolean;
}

/** One entry of a block's `transactions`. */
export function blockTxToJson(t: BlockTx, includeEthTxHash: boolean): Record<string, unknown> {
  const head = { raw: txToJson(t.tx), type: t.tx.type, hash: hex0x(t.hash) };
  const tail = {
    receipt: t.receipt === undefined ? null : receiptToJson(t.receipt),
    balance_changes: t.balanceChanges === undefined ? null : balanceChangesToJson(t.balanceChanges),
  };
  return includeEthTxHash ? { ...head, eth_tx_hash: hex0x(t.ethTxHash), ...tail } : { ...head, ...tail };
}

/** The block object of a stored block. */
export function storedBlockToJson(b: StoredBlock, opts: BlockJsonOptions): BlockJson {
  const txs = b.txs.map((t) => blockTxToJson(t, opts.includeEthTxHashes));
  const json = blockToJson(b.block, b.hash, txs, {
    includeEliteEdgeNodeVotes: opts.includeEliteEdgeNodeVotes,
  });
  return { ...json, hcc: hccJson(json.hcc) };
}

/**
 * The reference stores the HCC's vote set as a nil-able pointer, so a certificate without votes
 * comes back from storage as `"Votes": null`, not `[]`.
 */
export function hccJson(hcc: CommitCertificateJson): CommitCertificateJson {
  return hcc.Votes !== null && hcc.Votes.length === 0 ? { ...hcc, Votes: null } : hcc;
}

/**
 * The stub the reference prints for height 0 when it holds no genesis block: chain id, the
 * genesis hash, status 4 (directly finalized), timestamp "0", no children, every other member
 * at its zero value.
 */
export function genesisStubJson(chainId: string, genesisHash: Hash): BlockJson {
  const zeroHash = hex0x(ZERO_HASH);
  return {
    chain_id: chainId,
    epoch: "0",
    height: "0",
    parent: zeroHash,
    transactions_hash: zeroHash,
    state_hash: zeroHash,
    timestamp: "0",
    proposer: hex0x(ZERO_ADDRESS),
    hcc: { Votes: null, BlockHash: zeroHash },
    guardian_votes: null,
    elite_edge_node_votes: null,
    children: [],
    status: BlockStatus.DirectlyFinalized,
    hash: hex0x(genesisHash),
    transactions: null,
  };
}
