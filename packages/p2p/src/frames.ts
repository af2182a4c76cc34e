/**
 * Frames on the direct protocol: an unsigned-varint length, then that many bytes. The decoder takes
 * the stream's chunks as they arrive, whatever their boundaries, and refuses a frame whose announced
 * length is over the limit before any of its body is buffered.
 */

/** Why the decoder gave up on a stream. */
export type FrameError = "oversized";

/** `body` with its unsigned-varint length in front. */
export function encodeFrame(body: Uint8Array): Uint8Array {
  const prefix: number[] = [];
  let n = body.length;
  while (n >= 0x80) {
    prefix.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 0x80);
  }
  prefix.push(n);
  const out = new Uint8Array(prefix.length + body.length);
  out.set(prefix, 0);
  out.set(body, prefix.length);
  return out;
}

/** Several frames back to back in one buffer (what a decoder reads as the same frames one by one). */
export function encodeFrames(bodies: readonly Uint8Array[]): Uint8Array {
  if (bodies.length === 1) return encodeFrame(bodies[0] as Uint8Array);
  const frames = bodies.map(encodeFrame);
  const out = new Uint8Array(frames.reduce((n, f) => n + f.length, 0));
  let at = 0;
  for (const f of frames) {
    out.set(f, at);
    at += f.length;
  }
  return out;
}

/** An incremental decoder: `push` returns the frames a chunk completes, or the error that ends the stream. */
export interface FrameDecoder {
  push(chunk: Uint8Array): { readonly frames: Uint8Array[]; readonly error?: FrameError };
}

/** Bytes a varint of `max` takes: a longer length prefix announces more than `max`. */
function varintLength(max: number): number {
  let len = 1;
  for (let n = max; n >= 0x80; n = Math.floor(n / 0x80)) len++;
  return len;
}

/** A decoder of frames of at most `maxBodyBytes`. */
export function createFrameDecoder(maxBodyBytes: number): FrameDecoder {
  const maxPrefix = varintLength(maxBodyBytes);
  let length = 0;
  let prefixBytes = 0;
  /** The body being filled, once its length is known. */
  let body: Uint8Array | undefined;
  let filled = 0;
  let failed = false;

  return {
    push(chunk) {
      const frames: Uint8Array[] = [];
      if (failed) return { frames, error: "oversized" };
      let i = 0;
      while (i < chunk.length) {
        if (body === undefined) {
          const byte = chunk[i++]!;
          length += (byte & 0x7f) * 2 ** (7 * prefixBytes);
          prefixBytes++;
          if (length > maxBodyBytes || (byte & 0x80 && prefixBytes >= maxPrefix)) {
            failed = true;
            return { frames, error: "oversized" };
          }
          if (byte & 0x80) continue;
          body = new Uint8Array(length);
          filled = 0;
        } else {
          const take = Math.min(body.length - filled, chunk.length - i);
          body.set(chunk.subarray(i, i + take), filled);
          filled += take;
          i += take;
        }
        if (body.length === filled) {
          frames.push(body);
          body = undefined;
          length = 0;
          prefixBytes = 0;
        }
      }
      return { frames };
    },
  };
}
