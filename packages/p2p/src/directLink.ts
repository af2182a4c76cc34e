/**
 * Point-to-point messages: one long-lived stream per peer on the chain's direct protocol, carrying
 * varint-length-prefixed wire messages of every channel, so messages to a peer arrive in the order
 * they were sent. A stream that fails is dropped and re-opened once for the message that found it
 * broken.
 */
import type { Stream } from "@libp2p/interface";
import { peerIdFromString } from "@libp2p/peer-id";
import { ENVELOPE_OVERHEAD_BYTES, MAX_BLOCK_MESSAGE_BYTES } from "./channels.ts";
import { createFrameDecoder, encodeFrames } from "./frames.ts";
import type { Host } from "./libp2pNode.ts";

/** The largest frame on the direct protocol: the largest wire message of any channel. */
export const MAX_DIRECT_FRAME_BYTES = MAX_BLOCK_MESSAGE_BYTES + ENVELOPE_OVERHEAD_BYTES;

/** Outbound streams to peers, one per peer. */
export interface DirectLinks {
  /**
   * Hands messages to `to`'s stream in one write (their frames back to back: the bytes on the stream
   * are those of one write per message, but Noise and Yamux frame and encrypt them once), opening (or
   * re-opening once) it; resolves once the stream has taken them and can take more, rejects if it
   * cannot within the timeout.
   */
  write(host: Host, to: string, messages: readonly Uint8Array[]): Promise<void>;
  /** Forgets the stream to a disconnected peer. */
  forget(peer: string): void;
  /** Aborts and forgets every stream. */
  clear(): void;
}

/** Creates the outbound side for `protocol`, with `timeoutMs` for opening a stream and for each write. */
export function createDirectLinks(protocol: string, timeoutMs: number): DirectLinks {
  const links = new Map<string, Stream>();

  const open = async (host: Host, to: string): Promise<Stream> => {
    const existing = links.get(to);
    if (existing !== undefined && existing.status === "open" && existing.writeStatus === "writable")
      return existing;
    const stream = await host.dialProtocol(peerIdFromString(to), protocol, {
      signal: AbortSignal.timeout(timeoutMs),
    });
    links.set(to, stream);
    return stream;
  };

  const drop = (to: string, stream: Stream, cause: unknown): void => {
    if (links.get(to) === stream) links.delete(to);
    stream.abort(cause instanceof Error ? cause : new Error(String(cause)));
  };

  return {
    async write(host, to, messages) {
      const frame = encodeFrames(messages);
      for (let attempt = 1; ; attempt++) {
        const stream = await open(host, to);
        try {
          // `send` queues the frame; false means the buffer is full: wait until it drains.
          if (!stream.send(frame)) await stream.onDrain({ signal: AbortSignal.timeout(timeoutMs) });
          return;
        } catch (e) {
          drop(to, stream, e);
          if (attempt >= 2) throw e;
        }
      }
    },
    forget(peer) {
      links.delete(peer);
    },
    clear() {
      for (const [to, stream] of links) drop(to, stream, new Error("network stopped"));
    },
  };
}

/** How reading an inbound direct stream ended. */
export type InboundEnd = "closed" | "oversized" | "failed";

/**
 * Reads frames from an inbound stream until it ends, passing each to `onFrame` as its last byte
 * arrives; a frame longer than `maxFrameBytes` ({@link MAX_DIRECT_FRAME_BYTES} on the direct
 * protocol) aborts the stream before its body is read.
 */
export function readFrames(
  stream: Stream,
  onFrame: (frame: Uint8Array) => void,
  maxFrameBytes = MAX_DIRECT_FRAME_BYTES,
): Promise<InboundEnd> {
  const decoder = createFrameDecoder(maxFrameBytes);
  return new Promise((resolve) => {
    let ended = false;
    const end = (how: InboundEnd): void => {
      if (ended) return;
      ended = true;
      stream.removeEventListener("message", onMessage);
      resolve(how);
    };
    const onMessage = (evt: { data: Uint8Array | { subarray(): Uint8Array } }): void => {
      if (ended) return;
      const chunk = evt.data instanceof Uint8Array ? evt.data : evt.data.subarray();
      const r = decoder.push(chunk);
      for (const frame of r.frames) onFrame(frame);
      if (r.error !== undefined) {
        end("oversized"); // first: aborting emits 'close' at once
        stream.abort(new Error("direct stream: oversized frame"));
      }
    };
    // 'end': the peer closed its side and everything it sent has been read.
    const finish = (): void => {
      if (ended) return;
      end("closed");
      stream.close().catch(() => stream.abort(new Error("direct stream: close failed")));
    };
    stream.addEventListener("message", onMessage);
    stream.addEventListener("end", finish);
    stream.addEventListener("close", (evt) => end(evt.error === undefined ? "closed" : "failed"));
    // It may have ended before this handler ran (a short stream, closed at once). Its data may still
    // be buffered (libp2p marks the end before handing back what protocol selection read ahead):
    // adding the 'message' listener queued its dispatch, so finish after it.
    if (stream.readableEnded) queueMicrotask(finish);
  });
}
