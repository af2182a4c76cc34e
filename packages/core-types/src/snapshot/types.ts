/**
 * The RLP records of a snapshot file (docs/interfaces.md §5.1, §8): the optional header, the last
 * checkpoint (version ≥ 2), the metadata (proof trios and the tail trio) and state records.
 */

import type { HeaderForkHeights } from "../block/forks.ts";
import { type BlockHeader, headerFromItem, headerToItem } from "../block/header.ts";
import * as rlp from "../rlp/index.ts";
import { type VoteSet, voteSetFromItem, voteSetToItem } from "../vote/voteSet.ts";

/** The magic string of a versioned snapshot's first record. */
export const SNAPSHOT_MAGIC = "ThetaToDaMoon";

/** `SnapshotHeader{Magic, Version}`; files without one are version 1. */
export interface SnapshotHeader {
  readonly magic: string;
  readonly version: bigint;
}

/** One node of the validator-candidate-pool Merkle proof. */
export interface ProofKv {
  readonly key: Uint8Array;
  readonly value: Uint8Array;
}

/** A block trio (docs/consensus.md §1.6): three consecutive headers proving a validator set. */
export interface SnapshotBlockTrio {
  readonly first: { readonly header: BlockHeader; readonly proof: readonly ProofKv[] };
  readonly second: { readonly header: BlockHeader };
  readonly third: { readonly header: BlockHeader; readonly voteSet: VoteSet };
}

/** `SnapshotMetadata{ProofTrios, TailTrio}`; `tailTrio.second.header` is the snapshot block. */
export interface SnapshotMetadata {
  readonly proofTrios: readonly SnapshotBlockTrio[];
  readonly tailTrio: SnapshotBlockTrio;
}

/** `LastCheckpoint{CheckpointHeader, IntermediateHeaders}` (version ≥ 2). */
export interface LastCheckpoint {
  readonly checkpointHeader: BlockHeader;
  readonly intermediateHeaders: readonly BlockHeader[];
}

/** A state record `[K, V]`: a logical key/value (v1/v2) or a trie node hash → node (v3/v4). */
export interface SnapshotTrieRecord {
  readonly key: Uint8Array;
  readonly value: Uint8Array;
}

/** The RLP item of a snapshot header record. */
export function snapshotHeaderToItem(h: SnapshotHeader): rlp.RlpItem {
  return [rlp.encodeString(h.magic), rlp.encodeUint(h.version)];
}

/** Decodes a snapshot header record strictly (`[Magic string, Version uint]`). */
export function snapshotHeaderFromItem(item: rlp.RlpItem, field = "snapshot_header"): SnapshotHeader {
  const [m, v] = rlp.decodeList(item, field, 2);
  return {
    magic: rlp.decodeString(m!, `${field}.magic`),
    version: rlp.decodeUint(v!, `${field}.version`, 64),
  };
}

/** The RLP item of a state record `[K, V]`. */
export function trieRecordToItem(r: SnapshotTrieRecord): rlp.RlpItem {
  return [r.key, r.value];
}

/** Decodes a state record `[K, V]` strictly. */
export function trieRecordFromItem(item: rlp.RlpItem, field = "record"): SnapshotTrieRecord {
  const [k, v] = rlp.decodeList(item, field, 2);
  return { key: rlp.decodeBytes(k!, `${field}.k`), value: rlp.decodeBytes(v!, `${field}.v`) };
}

/** The RLP item of a block trio `[[header, proof], [header], [header, votes]]`. */
export function blockTrioToItem(t: SnapshotBlockTrio, forks: HeaderForkHeights): rlp.RlpItem {
  return [
    [headerToItem(t.first.header, forks), t.first.proof.map((kv) => [kv.key, kv.value])],
    [headerToItem(t.second.header, forks)],
    [headerToItem(t.third.header, forks), voteSetToItem(t.third.voteSet)],
  ];
}

/** Decodes a block trio strictly; headers use `forks` for their layout. */
export function blockTrioFromItem(
  item: rlp.RlpItem,
  forks: HeaderForkHeights,
  field = "trio",
): SnapshotBlockTrio {
  const [f, s, t] = rlp.decodeList(item, field, 3);
  const [fh, fp] = rlp.decodeList(f!, `${field}.first`, 2);
  const [sh] = rlp.decodeList(s!, `${field}.second`, 1);
  const [th, tv] = rlp.decodeList(t!, `${field}.third`, 2);
  return {
    first: {
      header: headerFromItem(fh!, forks, `${field}.first.header`),
      proof: rlp.decodeList(fp!, `${field}.first.proof`).map((kv, i) => {
        const [k, v] = rlp.decodeList(kv, `${field}.first.proof[${i}]`, 2);
        return {
          key: rlp.decodeBytes(k!, `${field}.first.proof[${i}].key`),
          value: rlp.decodeBytes(v!, `${field}.first.proof[${i}].val`),
        };
      }),
    },
    second: { header: headerFromItem(sh!, forks, `${field}.second.header`) },
    third: {
      header: headerFromItem(th!, forks, `${field}.third.header`),
      voteSet: voteSetFromItem(tv!, `${field}.third.vote_set`),
    },
  };
}

/** The RLP item of the metadata record `[ProofTrios, TailTrio]`. */
export function metadataToItem(m: SnapshotMetadata, forks: HeaderForkHeights): rlp.RlpItem {
  return [m.proofTrios.map((t) => blockTrioToItem(t, forks)), blockTrioToItem(m.tailTrio, forks)];
}

/** Decodes the metadata record strictly. */
export function metadataFromItem(
  item: rlp.RlpItem,
  forks: HeaderForkHeights,
  field = "metadata",
): SnapshotMetadata {
  const [p, t] = rlp.decodeList(item, field, 2);
  return {
    proofTrios: rlp
      .decodeList(p!, `${field}.proof_trios`)
      .map((x, i) => blockTrioFromItem(x, forks, `${field}.proof_trios[${i}]`)),
    tailTrio: blockTrioFromItem(t!, forks, `${field}.tail_trio`),
  };
}

/** The RLP item of the last-checkpoint record `[CheckpointHeader, IntermediateHeaders]`. */
export function lastCheckpointToItem(c: LastCheckpoint, forks: HeaderForkHeights): rlp.RlpItem {
  return [headerToItem(c.checkpointHeader, forks), c.intermediateHeaders.map((h) => headerToItem(h, forks))];
}

/** Decodes the last-checkpoint record strictly. */
export function lastCheckpointFromItem(
  item: rlp.RlpItem,
  forks: HeaderForkHeights,
  field = "last_checkpoint",
): LastCheckpoint {
  const [c, hs] = rlp.decodeList(item, field, 2);
  return {
    checkpointHeader: headerFromItem(c!, forks, `${field}.checkpoint_header`),
    intermediateHeaders: rlp
      .decodeList(hs!, `${field}.intermediate_headers`)
      .map((h, i) => headerFromItem(h, forks, `${field}.intermediate_headers[${i}]`)),
  };
}
