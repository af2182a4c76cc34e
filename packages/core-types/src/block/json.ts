/**
 * The block object of `theta.GetBlock` / `GetBlockByHeight` / `GetBlocksByRange`
 * (docs/interfaces.md §1.4): decimal-string epoch, height and timestamp, lowercase hex, the HCC and
 * aggregated votes in their Go JSON forms, children, status and hash. Transactions are rendered
 * by the caller (tx JSON belongs to the tx module and the RPC) and passed in.
 */
import * as z from "zod/mini";
import { addressJson, decimalJson, hashJson, hex } from "../consensus/jsonPrimitives.ts";
import type { Hash } from "../ledger/primitives.ts";
import {
  AggregatedEenVotesJsonSchema,
  AggregatedVotesJsonSchema,
  aggregatedEenVotesToJson,
  aggregatedVotesToJson,
  CommitCertificateJsonSchema,
  commitCertificateToJson,
} from "../vote/json.ts";
import type { ExtendedBlock } from "./extendedBlock.ts";
import type { BlockHeader } from "./header.ts";

/** The header members of the RPC block object, in the reference's order. */
export const BlockHeaderJsonSchema = z.object({
  chain_id: z.string(),
  epoch: decimalJson,
  height: decimalJson,
  parent: hashJson,
  transactions_hash: hashJson,
  state_hash: hashJson,
  timestamp: decimalJson,
  proposer: addressJson,
  hcc: CommitCertificateJsonSchema,
  guardian_votes: z.nullable(AggregatedVotesJsonSchema),
  elite_edge_node_votes: z.nullable(AggregatedEenVotesJsonSchema),
});
/** A block header in the RPC's JSON form. */
export type BlockHeaderJson = z.infer<typeof BlockHeaderJsonSchema>;

/** The full RPC block object. */
export const BlockJsonSchema = z.extend(BlockHeaderJsonSchema, {
  children: z.array(hashJson),
  status: z.number().check(z.int(), z.minimum(0), z.maximum(7)),
  hash: hashJson,
  transactions: z.nullable(z.array(z.unknown())),
});
/** A block in the RPC's JSON form. */
export type BlockJson = z.infer<typeof BlockJsonSchema>;

/** Options of the header JSON form. */
export interface HeaderJsonOptions {
  /** `theta.GetBlock` always prints null here; the by-height variants print the aggregate. */
  readonly includeEliteEdgeNodeVotes?: boolean;
}

/** The header part of the RPC block object. */
export function headerToJson(h: BlockHeader, options: HeaderJsonOptions = {}): BlockHeaderJson {
  const een = options.includeEliteEdgeNodeVotes === true ? h.eliteEdgeNodeVotes : undefined;
  return {
    chain_id: h.chainId,
    epoch: h.epoch.toString(),
    height: h.height.toString(),
    parent: hex(h.parent),
    transactions_hash: hex(h.txHash),
    state_hash: hex(h.stateHash),
    timestamp: h.timestamp.toString(),
    proposer: hex(h.proposer),
    hcc: commitCertificateToJson(h.hcc),
    guardian_votes: h.guardianVotes === undefined ? null : aggregatedVotesToJson(h.guardianVotes),
    elite_edge_node_votes: een === undefined ? null : aggregatedEenVotesToJson(een),
  };
}

/**
 * The RPC block object of a stored block. `hash` is the block hash (keccak256 of the header
 * RLP, computed by crypto); `transactions` the rendered txs, or null when the block has none.
 */
export function blockToJson(
  eb: ExtendedBlock,
  hash: Hash,
  transactions: readonly unknown[] | null,
  options: HeaderJsonOptions = {},
): BlockJson {
  return {
    ...headerToJson(eb.block.header, options),
    children: eb.children.map(hex),
    status: eb.status,
    hash: hex(hash),
    transactions: transactions === null || transactions.length === 0 ? null : [...transactions],
  };
}
