/** The 2048-bit Ethereum log bloom (yellow paper §4.3.1) of a receipt's or a block's logs. */
import type { ReceiptLog } from "../chainQuery.ts";

/** Adds `bytes` (an address or a topic) to `bloom`: three bits from the first six bytes of its keccak. */
function addToBloom(bloom: Uint8Array, hashed: Uint8Array): void {
  for (let i = 0; i < 6; i += 2) {
    const bit = ((hashed[i]! << 8) | hashed[i + 1]!) & 2047;
    bloom[255 - (bit >> 3)]! |= 1 << (bit & 7);
  }
}

/** The bloom of `logs`, added into `into` when given. */
export function logsBloom(
  logs: readonly ReceiptLog[],
  keccak256: (b: Uint8Array) => Uint8Array,
  into: Uint8Array = new Uint8Array(256),
): Uint8Array {
  for (const log of logs) {
    addToBloom(into, keccak256(log.address));
    for (const topic of log.topics) addToBloom(into, keccak256(topic));
  }
  return into;
}
