/** SVStart / SVEnd marker records of v1/v2 snapshots: key `0x00` / `0x01`, value = u64 LE height. */
import { equalBytes } from "../bytes.ts";

/** Key of the record opening a store view (`SVStart`). */
export const SV_START_KEY: Uint8Array = Uint8Array.of(0);
/** Key of the record closing a store view (`SVEnd`). */
export const SV_END_KEY: Uint8Array = Uint8Array.of(1);

/** Which marker `key` is, if any. */
export function markerKind(key: Uint8Array): "svStart" | "svEnd" | undefined {
  if (equalBytes(key, SV_START_KEY)) return "svStart";
  if (equalBytes(key, SV_END_KEY)) return "svEnd";
  return undefined;
}

/** The 8-byte little-endian value of a marker. */
export function encodeMarkerHeight(height: bigint): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, height, true);
  return out;
}

/** Reads a marker height; `undefined` unless the value is exactly 8 bytes. */
export function decodeMarkerHeight(value: Uint8Array): bigint | undefined {
  if (value.length !== 8) return undefined;
  return new DataView(value.buffer, value.byteOffset, 8).getBigUint64(0, true);
}
