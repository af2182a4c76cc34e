/** The uint32 multiplicity vectors of aggregated votes (docs/consensus.md §3.3, §3.6). */
import { ConsensusErrorCode } from "../consensus/errors.ts";
import { ThetaError } from "../errors.ts";
import { decodeList, decodeUint, encodeUint, type RlpItem } from "../rlp/index.ts";

/** Largest multiplicity a uint32 holds. */
export const MAX_MULTIPLICITY = 0xffff_ffff;

/** Encodes multiplicities, rejecting any that is not an integer in 0..2^32 − 1. */
export function multipliesToItem(ms: readonly number[], field: string): RlpItem {
  return ms.map((m, i) => {
    if (!Number.isInteger(m) || m < 0 || m > MAX_MULTIPLICITY) {
      throw new ThetaError(
        ConsensusErrorCode.BadMultiplicity,
        `${field}[${i}]: expected an integer in 0..${MAX_MULTIPLICITY}, got ${m}`,
        { details: { field: `${field}[${i}]` } },
      );
    }
    return encodeUint(m);
  });
}

/** Decodes a list of canonical uint32 values. */
export function multipliesFromItem(item: RlpItem, field: string): number[] {
  return decodeList(item, field).map((m, i) => Number(decodeUint(m, `${field}[${i}]`, 32)));
}
