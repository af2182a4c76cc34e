/**
 * The `block` member of `theta.BroadcastRawTransaction`: the Go `BlockHeader` struct marshalled
 * with its Go field names (docs/interfaces.md §9 quirk 8): `Epoch` and `Height` as numbers,
 * `Timestamp` a bare number, no `ReceiptHash` or `Bloom`.
 */
import {
  type AggregatedEenVotesJson,
  type AggregatedVotesJson,
  aggregatedEenVotesToJson,
  aggregatedVotesToJson,
  type BlockHeader,
  type CommitCertificateJson,
  commitCertificateToJson,
} from "@theta/core-types";
import { hccJson } from "./blockJson.ts";
import { hex0x } from "./encodings.ts";
import { type JsonNumber, jsonNumber } from "./jsonText.ts";

/** The Go-named header object. */
export interface HeaderGoJson {
  readonly ChainID: string;
  readonly Epoch: JsonNumber;
  readonly Height: JsonNumber;
  readonly Parent: string;
  readonly HCC: CommitCertificateJson;
  readonly GuardianVotes: AggregatedVotesJson | null;
  readonly EliteEdgeNodeVotes: AggregatedEenVotesJson | null;
  readonly TxHash: string;
  readonly StateHash: string;
  readonly Timestamp: JsonNumber;
  readonly Proposer: string;
  readonly Signature: string | null;
}

/** The header as the reference's broadcast result prints it. */
export function headerToGoJson(h: BlockHeader): HeaderGoJson {
  return {
    ChainID: h.chainId,
    Epoch: jsonNumber(h.epoch),
    Height: jsonNumber(h.height),
    Parent: hex0x(h.parent),
    HCC: hccJson(commitCertificateToJson(h.hcc)),
    GuardianVotes: h.guardianVotes === undefined ? null : aggregatedVotesToJson(h.guardianVotes),
    EliteEdgeNodeVotes:
      h.eliteEdgeNodeVotes === undefined ? null : aggregatedEenVotesToJson(h.eliteEdgeNodeVotes),
    TxHash: hex0x(h.txHash),
    StateHash: hex0x(h.stateHash),
    Timestamp: jsonNumber(h.timestamp),
    Proposer: hex0x(h.proposer),
    Signature: h.signature === undefined ? null : hex0x(h.signature),
  };
}
