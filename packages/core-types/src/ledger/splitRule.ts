/** SplitRule (docs/ledger.md §2.6), stored under `ls/ssc/split/<resource id>`. */

import * as rlp from "../rlp/index.ts";
import { splitFromItem, splitToItem } from "../tx/codec.ts";
import type { Split } from "../tx/types.ts";
import { ADDRESS_LENGTH, type Address } from "./primitives.ts";

/** A split rule for a resource, set by a SplitRuleTx. */
export interface SplitRule {
  readonly initiatorAddress: Address;
  readonly resourceId: string;
  readonly splits: readonly Split[];
  readonly endBlockHeight: bigint;
}

/** The RLP encoding of a split rule. */
export function encodeSplitRule(r: SplitRule): Uint8Array {
  return rlp.rlpEncode([
    r.initiatorAddress,
    rlp.encodeString(r.resourceId),
    r.splits.map(splitToItem),
    rlp.encodeUint(r.endBlockHeight),
  ]);
}

/** Decodes a split rule strictly. */
export function decodeSplitRule(bytes: Uint8Array): SplitRule {
  const [i, rid, s, e] = rlp.decodeList(rlp.rlpDecode(bytes), "split_rule", 4);
  return {
    initiatorAddress: rlp.decodeFixedBytes(i!, ADDRESS_LENGTH, "split_rule.initiator_address"),
    resourceId: rlp.decodeString(rid!, "split_rule.resource_id"),
    splits: rlp
      .decodeList(s!, "split_rule.splits")
      .map((x, k) => splitFromItem(x, `split_rule.splits[${k}]`)),
    endBlockHeight: rlp.decodeUint(e!, "split_rule.end_block_height", 64),
  };
}
