/** A version-4 UUID string from 16 random bytes. */
import { bytesToHex } from "@theta/core-types";

/** A version 4 UUID from 16 random bytes. */
export function uuidV4(random: Uint8Array): string {
  const b = random.slice(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = bytesToHex(b);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
