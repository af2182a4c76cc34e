/**
 * The last guardian-finalized checkpoint (docs/decisions.md §5), RLP `[height, block hash]` under
 * `C/gf`, written when it advances so that GetStatus reports it again after a restart.
 */
import {
  decodeFixedBytes,
  decodeList,
  decodeUint,
  encodeUint,
  HASH_LENGTH,
  type Hash,
  rlpDecode,
  rlpEncode,
  utf8ToBytes,
} from "@theta/core-types";
import type { KvStore } from "@theta/trie-store";

/** The record's key (beside `C/lv`, the last vote). */
export const GUARDIAN_FINALITY_KEY = utf8ToBytes("C/gf");

/** A guardian-finalized checkpoint. */
export interface GuardianCheckpoint {
  readonly height: bigint;
  readonly hash: Hash;
}

/** Encodes a checkpoint record. */
export function encodeGuardianCheckpoint(c: GuardianCheckpoint): Uint8Array {
  return rlpEncode([encodeUint(c.height), c.hash]);
}

/** Decodes a checkpoint record strictly. */
export function decodeGuardianCheckpoint(bytes: Uint8Array): GuardianCheckpoint {
  const [h, b] = decodeList(rlpDecode(bytes), "guardian_finalized", 2);
  return {
    height: decodeUint(h!, "guardian_finalized.height", 64),
    hash: decodeFixedBytes(b!, HASH_LENGTH, "guardian_finalized.hash"),
  };
}

/** Load and save of the record. */
export interface GuardianFinalityStore {
  load(): Promise<GuardianCheckpoint | undefined>;
  save(c: GuardianCheckpoint): Promise<void>;
}

/** Creates the store on the node's KvStore (one put: atomic on LevelDB). */
export function createGuardianFinalityStore(kv: KvStore): GuardianFinalityStore {
  return {
    async load() {
      const v = await kv.get(GUARDIAN_FINALITY_KEY);
      return v === undefined ? undefined : decodeGuardianCheckpoint(v);
    },
    save: (c) => kv.put(GUARDIAN_FINALITY_KEY, encodeGuardianCheckpoint(c)),
  };
}
