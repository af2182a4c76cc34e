/**
 * The consensus `VoteStore` port on the node's `KvStore`: the last vote this validator cast,
 * RLP `[epoch, height, block hash]` under `C/lv`, written before the vote is sent.
 */
import type { LastVoteRecord, VoteStore } from "@theta/consensus";
import { HASH_LENGTH, rlp } from "@theta/core-types";
import type { KvStore } from "@theta/trie-store";
import { StoreKeyPrefix } from "./keys.ts";

/** Encodes a last-vote record. */
export function encodeLastVote(r: LastVoteRecord): Uint8Array {
  return rlp.rlpEncode([rlp.encodeUint(r.epoch), rlp.encodeUint(r.height), r.blockHash]);
}

/** Decodes a last-vote record strictly. */
export function decodeLastVote(bytes: Uint8Array): LastVoteRecord {
  const [e, h, b] = rlp.decodeList(rlp.rlpDecode(bytes), "last_vote", 3);
  return {
    epoch: rlp.decodeUint(e!, "last_vote.epoch", 64),
    height: rlp.decodeUint(h!, "last_vote.height", 64),
    blockHash: rlp.decodeFixedBytes(b!, HASH_LENGTH, "last_vote.block_hash"),
  };
}

/** Creates the last-vote store. */
export function createLastVoteStore(kv: KvStore): VoteStore {
  return {
    async load() {
      const v = await kv.get(StoreKeyPrefix.lastVote);
      return v === undefined ? undefined : decodeLastVote(v);
    },
    save: (record) => kv.put(StoreKeyPrefix.lastVote, encodeLastVote(record)),
  };
}
