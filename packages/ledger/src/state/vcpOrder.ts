/**
 * The VCP ordering rule (docs/ledger.md §2.8): descending by total stake; ties broken by the EIP-55
 * checksummed `0x…` strings of the holders, descending, compared as plain byte strings.
 */
import { type Address, type StakeHolder, totalStake } from "@theta/core-types";

/** Renders an address as its EIP-55 checksummed `0x…` string (e.g. `ThetaCrypto.toChecksumAddress`). */
export type ChecksumAddress = (address: Address) => string;

/** A new array of the candidates in VCP order. */
export function sortVcpCandidates(
  candidates: readonly StakeHolder[],
  checksum: ChecksumAddress,
): StakeHolder[] {
  const keyed = candidates.map((c) => ({ c, total: totalStake(c), name: checksum(c.holder) }));
  keyed.sort((a, b) => {
    if (a.total !== b.total) return a.total > b.total ? -1 : 1;
    if (a.name === b.name) return 0;
    return a.name > b.name ? -1 : 1;
  });
  return keyed.map((k) => k.c);
}
