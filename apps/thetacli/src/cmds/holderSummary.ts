/**
 * The `--holder` of `tx deposit` (docs/ledger.md §7.3): an address for a validator stake (purpose 0),
 * or the summary a guardian (purpose 1, 229 bytes) or elite edge node (purpose 2, 261 bytes)
 * prints for its owner to paste. An EEN summary ends with a 32-byte checksum: keccak256 of the
 * ASCII text "0x" + the first 458 hex digits of the summary, which catches copy-paste damage.
 */
import { type Address, bytesToHex, equalBytes, hexToBytes, ThetaError, utf8ToBytes } from "@theta/core-types";
import { parseAddressArg } from "./key.ts";
import { TxBuildErrorCode } from "./txBuild.ts";

/** The holder fields of a DepositStakeTxV2. */
export interface HolderSummary {
  readonly holder: Address;
  readonly blsPubkey?: Uint8Array;
  readonly blsPop?: Uint8Array;
  readonly holderSig?: Uint8Array;
}

const GUARDIAN_SUMMARY_BYTES = 229;
const EEN_SUMMARY_BYTES = GUARDIAN_SUMMARY_BYTES + 32;

const invalid = (message: string): ThetaError => new ThetaError(TxBuildErrorCode.Invalid, message);

/** Parses `--holder` for `purpose`; errors name the flag and what was expected. */
export function parseHolderSummary(
  text: string,
  purpose: number,
  keccak256: (data: Uint8Array) => Uint8Array,
): HolderSummary {
  if (purpose === 0) return { holder: parseAddressArg(text) };
  const b = hexToBytes(text, "--holder");
  const expected = purpose === 1 ? GUARDIAN_SUMMARY_BYTES : EEN_SUMMARY_BYTES;
  const kind = purpose === 1 ? "a guardian summary" : "an elite edge node summary";
  if (b.length !== expected) {
    throw invalid(
      `--holder: ${kind} is ${expected} bytes (${expected * 2} hex digits), got ${b.length} bytes`,
    );
  }
  if (purpose === 2) {
    const body = `0x${bytesToHex(b.slice(0, GUARDIAN_SUMMARY_BYTES))}`;
    if (!equalBytes(keccak256(utf8ToBytes(body)), b.slice(GUARDIAN_SUMMARY_BYTES))) {
      throw invalid("--holder: the elite edge node summary's checksum does not match (was it copied whole?)");
    }
  }
  return {
    holder: b.slice(0, 20),
    blsPubkey: b.slice(20, 68),
    blsPop: b.slice(68, 164),
    holderSig: b.slice(164, GUARDIAN_SUMMARY_BYTES),
  };
}
