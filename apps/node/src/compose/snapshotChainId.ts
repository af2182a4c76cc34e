/**
 * The chain id of a snapshot file, read before the import: a `theta.BackupSnapshot` file above
 * genesis encodes its headers with the chain's fork heights, so the importer needs the chain's
 * profile first. The id is the first field of the first block header in the file's leading
 * records (`u64 LE length` + RLP each).
 */
import { open } from "node:fs/promises";
import { type RlpItem, rlpDecode } from "@theta/core-types";

/** Records looked at, and the bytes read at most. */
const RECORDS = 4;
const MAX_BYTES = 8 << 20;

/** A header is a list of at least 12 items whose first item (the chain id) is printable text. */
function firstChainId(item: RlpItem): string | undefined {
  if (item instanceof Uint8Array) return undefined;
  const head = item[0];
  if (
    item.length >= 12 &&
    head instanceof Uint8Array &&
    head.length > 0 &&
    head.every((b) => b >= 0x20 && b < 0x7f)
  ) {
    return new TextDecoder().decode(head);
  }
  for (const child of item) {
    const id = firstChainId(child);
    if (id !== undefined) return id;
  }
  return undefined;
}

/** The chain id of the snapshot at `file`, or undefined when its leading records hold no header. */
export async function snapshotChainId(file: string): Promise<string | undefined> {
  const fh = await open(file, "r");
  try {
    const buf = new Uint8Array(Math.min(MAX_BYTES, (await fh.stat()).size));
    await fh.read(buf, 0, buf.length, 0);
    const view = new DataView(buf.buffer);
    let at = 0;
    for (let i = 0; i < RECORDS && at + 8 <= buf.length; i++) {
      const len = Number(view.getBigUint64(at, true));
      if (at + 8 + len > buf.length) return undefined;
      const id = firstChainId(rlpDecode(buf.subarray(at + 8, at + 8 + len)));
      if (id !== undefined) return id;
      at += 8 + len;
    }
    return undefined;
  } finally {
    await fh.close();
  }
}
