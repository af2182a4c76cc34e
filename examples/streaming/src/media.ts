/**
 * The file the relays serve: `media/sample.webm` when it exists (made locally by
 * `npm run make-media`), otherwise synthetic bytes the page shows as a progress picture.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export interface Media {
  readonly bytes: Uint8Array;
  readonly mimeType: string;
}

export const SAMPLE_WEBM = fileURLToPath(new URL("../media/sample.webm", import.meta.url));

/** `size` bytes of a deterministic pattern (a byte counter mixed with its position). */
export function syntheticMedia(size: number): Media {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + (i >>> 8)) & 0xff;
  return { bytes, mimeType: "application/octet-stream" };
}

/** The sample video if present, else `fallbackSize` synthetic bytes. */
export function loadMedia(fallbackSize = 24 * 32 * 1024): Media {
  if (existsSync(SAMPLE_WEBM)) {
    return { bytes: new Uint8Array(readFileSync(SAMPLE_WEBM)), mimeType: 'video/webm; codecs="vp8"' };
  }
  return syntheticMedia(fallbackSize);
}
