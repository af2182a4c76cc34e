/**
 * Local block bookkeeping (docs/consensus.md §1.5): RLP `[Block, Children []Hash, Status byte,
 * HasValidatorUpdate bool]`.
 */
import { ConsensusErrorCode } from "../consensus/errors.ts";
import { ThetaError } from "../errors.ts";
import { HASH_LENGTH, type Hash } from "../ledger/primitives.ts";
import * as rlp from "../rlp/index.ts";
import { type Block, blockFromItem, blockToItem } from "./block.ts";
import type { HeaderForkHeights } from "./forks.ts";

/** Block status codes, as stored and as `theta.GetBlock` reports them. */
export const BlockStatus = {
  Pending: 0,
  Valid: 1,
  Invalid: 2,
  Committed: 3,
  DirectlyFinalized: 4,
  IndirectlyFinalized: 5,
  Trusted: 6,
  Disposed: 7,
} as const;

export type BlockStatus = (typeof BlockStatus)[keyof typeof BlockStatus];

/** Directly finalized, indirectly finalized or trusted. */
export function isFinalizedStatus(s: BlockStatus): boolean {
  return (
    s === BlockStatus.DirectlyFinalized || s === BlockStatus.IndirectlyFinalized || s === BlockStatus.Trusted
  );
}

/** Anything except pending, invalid and disposed. */
export function isValidStatus(s: BlockStatus): boolean {
  return s !== BlockStatus.Pending && s !== BlockStatus.Invalid && s !== BlockStatus.Disposed;
}

/** A block with its local status and children. */
export interface ExtendedBlock {
  readonly block: Block;
  readonly children: readonly Hash[];
  readonly status: BlockStatus;
  readonly hasValidatorUpdate: boolean;
}

/** The RLP item of an extended block. */
export function extendedBlockToItem(e: ExtendedBlock, forks: HeaderForkHeights): rlp.RlpItem {
  return [
    blockToItem(e.block, forks),
    [...e.children],
    rlp.encodeUint(e.status),
    rlp.encodeBool(e.hasValidatorUpdate),
  ];
}

/** Decodes an extended block strictly; the status must be 0..7. */
export function extendedBlockFromItem(
  item: rlp.RlpItem,
  forks: HeaderForkHeights,
  field = "extended_block",
): ExtendedBlock {
  const [b, c, s, v] = rlp.decodeList(item, field, 4);
  const status = Number(rlp.decodeUint(s!, `${field}.status`, 8));
  if (status > BlockStatus.Disposed) {
    throw new ThetaError(ConsensusErrorCode.BadBlockStatus, `${field}.status: expected 0..7, got ${status}`, {
      details: { field: `${field}.status` },
    });
  }
  return {
    block: blockFromItem(b!, forks, `${field}.block`),
    children: rlp
      .decodeList(c!, `${field}.children`)
      .map((h, i) => rlp.decodeFixedBytes(h, HASH_LENGTH, `${field}.children[${i}]`)),
    status: status as BlockStatus,
    hasValidatorUpdate: rlp.decodeBool(v!, `${field}.has_validator_update`),
  };
}

/** RLP of an extended block. */
export function encodeExtendedBlock(e: ExtendedBlock, forks: HeaderForkHeights): Uint8Array {
  return rlp.rlpEncode(extendedBlockToItem(e, forks));
}

/** Decodes exactly one extended block. */
export function decodeExtendedBlock(bytes: Uint8Array, forks: HeaderForkHeights): ExtendedBlock {
  return extendedBlockFromItem(rlp.rlpDecode(bytes), forks);
}
