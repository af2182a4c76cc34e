/**
 * An RLP item: a byte string or a list of items. Decoded byte strings are views into the input
 * buffer (zero copy); the typed field decoders in `fields.ts` copy what they return.
 */
export type RlpItem = Uint8Array | readonly RlpItem[];

/** Whether an RLP item is a list (otherwise it is a byte string). */
export function isRlpList(item: RlpItem): item is readonly RlpItem[] {
  return !(item instanceof Uint8Array);
}
