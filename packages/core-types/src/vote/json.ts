/**
 * JSON forms of votes, vote sets, commit certificates and aggregated votes as the reference RPC
 * prints them (Go field names, hashes and addresses as lowercase `0x` hex, uint64 as numbers,
 * BLS signatures as the opaque `{}`).
 */
import * as z from "zod/mini";
import {
  addressJson,
  blsOpaqueJson,
  fromHex,
  hashJson,
  hex,
  hexBytesJson,
  toJsonNumber,
  uint32NumberJson,
  uint64NumberJson,
} from "../consensus/jsonPrimitives.ts";
import { zodMessages } from "../json/zodMessages.ts";
import type { AggregatedEenVotes } from "./aggregatedEenVotes.ts";
import type { AggregatedVotes } from "./aggregatedVotes.ts";
import type { CommitCertificate } from "./commitCertificate.ts";
import type { Vote } from "./vote.ts";
import { createVoteSet, type VoteSet } from "./voteSet.ts";

/** `{"Block","Height","Epoch","ID","Signature"}`. */
export const VoteJsonSchema = z.object({
  Block: hashJson,
  Height: uint64NumberJson,
  Epoch: uint64NumberJson,
  ID: addressJson,
  Signature: z.nullable(hexBytesJson),
});
/** A vote in the RPC's JSON form. */
export type VoteJson = z.infer<typeof VoteJsonSchema>;

/** A vote set: the sorted array of votes (null for a nil set). */
export const VoteSetJsonSchema = z.nullable(z.array(VoteJsonSchema));
/** A vote set in the RPC's JSON form. */
export type VoteSetJson = z.infer<typeof VoteSetJsonSchema>;

/** `{"Votes","BlockHash"}`. */
export const CommitCertificateJsonSchema = z.object({ Votes: VoteSetJsonSchema, BlockHash: hashJson });
/** A commit certificate in the RPC's JSON form. */
export type CommitCertificateJson = z.infer<typeof CommitCertificateJsonSchema>;

/** `{"Block","Gcp","Multiplies","Signature":{}}`. */
export const AggregatedVotesJsonSchema = z.object({
  Block: hashJson,
  Gcp: hashJson,
  Multiplies: z.nullable(z.array(uint32NumberJson)),
  Signature: blsOpaqueJson,
});
/** Aggregated guardian votes in the RPC's JSON form. */
export type AggregatedVotesJson = z.infer<typeof AggregatedVotesJsonSchema>;

/** `{"Block","Multiplies","Addresses","Signature":{}}`. */
export const AggregatedEenVotesJsonSchema = z.object({
  Block: hashJson,
  Multiplies: z.nullable(z.array(uint32NumberJson)),
  Addresses: z.nullable(z.array(addressJson)),
  Signature: blsOpaqueJson,
});
/** Aggregated elite edge node votes in the RPC's JSON form. */
export type AggregatedEenVotesJson = z.infer<typeof AggregatedEenVotesJsonSchema>;

/** The JSON form of a vote (heights above 2^53 − 1 throw `CONSENSUS_UNENCODABLE`). */
export function voteToJson(v: Vote): VoteJson {
  return {
    Block: hex(v.block),
    Height: toJsonNumber(v.height, "vote.Height"),
    Epoch: toJsonNumber(v.epoch, "vote.Epoch"),
    ID: hex(v.id),
    Signature: v.signature === undefined ? null : hex(v.signature),
  };
}

/** Parses (zod) and converts a vote; throws a zod error (`$ZodError`, its `issues` name the field) or a ThetaError. */
export function voteFromJson(json: unknown): Vote {
  const j = VoteJsonSchema.parse(json, zodMessages);
  const sig = j.Signature === null ? undefined : fromHex(j.Signature, "vote.Signature");
  return {
    block: fromHex(j.Block, "vote.Block"),
    height: BigInt(j.Height),
    epoch: BigInt(j.Epoch),
    id: fromHex(j.ID, "vote.ID"),
    signature: sig === undefined || sig.length === 0 ? undefined : sig,
  };
}

/** The JSON form of a vote set: its votes, sorted. */
export function voteSetToJson(votes: VoteSet): VoteJson[] {
  return createVoteSet(votes).map(voteToJson);
}

/** Parses a vote-set JSON array (or null) into a vote set. */
export function voteSetFromJson(json: unknown): VoteSet {
  const j = VoteSetJsonSchema.parse(json, zodMessages);
  return createVoteSet((j ?? []).map(voteFromJson));
}

/** The JSON form of a commit certificate. */
export function commitCertificateToJson(cc: CommitCertificate): CommitCertificateJson {
  return { Votes: voteSetToJson(cc.votes), BlockHash: hex(cc.blockHash) };
}

/** Parses a commit certificate JSON object. */
export function commitCertificateFromJson(json: unknown): CommitCertificate {
  const j = CommitCertificateJsonSchema.parse(json, zodMessages);
  return { votes: voteSetFromJson(j.Votes), blockHash: fromHex(j.BlockHash, "cc.BlockHash") };
}

/** JSON of aggregated votes; the signature is opaque, so there is no inverse. */
export function aggregatedVotesToJson(v: AggregatedVotes): AggregatedVotesJson {
  return {
    Block: hex(v.block),
    Gcp: hex(v.gcp),
    Multiplies: [...v.multiplies],
    Signature: v.signature === undefined ? null : {},
  };
}

/** JSON of EEN aggregated votes; the signature is opaque, so there is no inverse. */
export function aggregatedEenVotesToJson(v: AggregatedEenVotes): AggregatedEenVotesJson {
  return {
    Block: hex(v.block),
    Multiplies: [...v.multiplies],
    Addresses: v.addresses.map(hex),
    Signature: v.signature === undefined ? null : {},
  };
}
