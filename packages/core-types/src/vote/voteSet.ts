/**
 * Vote sets (docs/consensus.md §1.4). The reference keeps a map keyed by (voter, block, epoch) and
 * encodes the votes sorted by voter address; here a vote set is a plain sorted, de-duplicated
 * array and every helper is a pure function returning a new one.
 */
import { bytesToHex, compareBytes } from "../bytes.ts";
import type { Address } from "../ledger/primitives.ts";
import { decodeList, type RlpItem, rlpDecode, rlpEncode } from "../rlp/index.ts";
import { type Vote, voteFromItem, voteToItem } from "./vote.ts";

/** Votes sorted by voter address ascending, at most one per (voter, block, epoch). */
export type VoteSet = readonly Vote[];

function voteKey(v: Vote): string {
  return `${bytesToHex(v.id)}:${bytesToHex(v.block)}:${v.epoch}`;
}

/**
 * Orders votes by voter address; votes of one voter (which the reference leaves in map order)
 * are ordered by block hash, then epoch, so the result is deterministic.
 */
export function compareVotes(a: Vote, b: Vote): number {
  const byId = compareBytes(a.id, b.id);
  if (byId !== 0) return byId;
  const byBlock = compareBytes(a.block, b.block);
  if (byBlock !== 0) return byBlock;
  return a.epoch < b.epoch ? -1 : a.epoch > b.epoch ? 1 : 0;
}

/** Builds a vote set: a later vote with the same (voter, block, epoch) replaces an earlier one. */
export function createVoteSet(votes: Iterable<Vote>): VoteSet {
  const byKey = new Map<string, Vote>();
  for (const v of votes) byKey.set(voteKey(v), v);
  return [...byKey.values()].sort(compareVotes);
}

/** Union of two vote sets (votes of `b` win on equal keys). */
export function mergeVoteSets(a: VoteSet, b: VoteSet): VoteSet {
  return createVoteSet([...a, ...b]);
}

function keepLatest(votes: VoteSet, key: (v: Vote) => string): VoteSet {
  const latest = new Map<string, Vote>();
  for (const v of votes) {
    const k = key(v);
    const prev = latest.get(k);
    if (prev === undefined || v.epoch > prev.epoch) latest.set(k, v);
  }
  return createVoteSet(latest.values());
}

/** Keeps, per voter, only the vote with the highest epoch (Go `UniqueVoter`). */
export function uniqueVoter(votes: VoteSet): VoteSet {
  return keepLatest(votes, (v) => bytesToHex(v.id));
}

/** Keeps, per (voter, block), only the vote with the highest epoch (Go `UniqueVoterAndBlock`). */
export function uniqueVoterAndBlock(votes: VoteSet): VoteSet {
  return keepLatest(votes, (v) => `${bytesToHex(v.id)}:${bytesToHex(v.block)}`);
}

/** Drops votes whose voter is not among `validators` (Go `FilterByValidators`). */
export function filterByValidators(votes: VoteSet, validators: Iterable<Address>): VoteSet {
  const allowed = new Set<string>();
  for (const a of validators) allowed.add(bytesToHex(a));
  return votes.filter((v) => allowed.has(bytesToHex(v.id)));
}

/** The RLP item of a vote set: the list of votes in set order. */
export function voteSetToItem(votes: VoteSet): RlpItem {
  return createVoteSet(votes).map(voteToItem);
}

/** Decodes a vote list; like the reference it de-duplicates and sorts what it read. */
export function voteSetFromItem(item: RlpItem, field = "vote_set"): VoteSet {
  return createVoteSet(decodeList(item, field).map((v, i) => voteFromItem(v, `${field}[${i}]`)));
}

/** RLP of a vote set. */
export function encodeVoteSet(votes: VoteSet): Uint8Array {
  return rlpEncode(voteSetToItem(votes));
}

/** Decodes exactly one vote set. */
export function decodeVoteSet(bytes: Uint8Array): VoteSet {
  return voteSetFromItem(rlpDecode(bytes));
}
