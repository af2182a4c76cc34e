/**
 * Point-to-point messages: one long-lived stream per peer on the chain's direct protocol, carrying
 * varint-length-prefixed wire messages of every channel, so messages to a peer arrive in the order
 * they were sent. A stream that fails is dropped and re-opened once for the message that found it
 * broken.
 */
import type { Stream } from "@libp2p/interface";
import { peerIdFromString } from "@libp2p/peer-id";
import { type LengthPrefixedStream, lpStream } from "it-length-prefixed-stream";
import { ENVELOPE_OVERHEAD_BYTES, MAX_BLOCK_MESSAGE_BYTES } from "./channels.ts";
import type { Host } from "./libp2pNode.ts";

/** The largest frame on the direct protocol: the largest wire message of any channel. */
export const MAX_DIRECT_FRAME_BYTES = MAX_BLOCK_MESSAGE_BYTES + ENVELOPE_OVERHEAD_BYTES;

interface Link {
  readonly stream: Stream;
  readonly lp: LengthPrefixedStream<Stream>;
}

/** Outbound streams to peers, one per peer. */
export interface DirectLinks {
  /** Writes one frame to `to`, opening (or re-opening once) its stream; rejects if it cannot. */
  write(host: Host, to: string, frame: Uint8Array): Promise<void>;
  /** Forgets the stream to a disconnected peer. */
  forget(peer: string): void;
  /** Aborts and forgets every stream. */
  clear(): void;
}

/** Creates the outbound side for `protocol`, with `timeoutMs` for opening a stream and for each write. */
export function createDirectLinks(protocol: string, timeoutMs: number): DirectLinks {
  const links = new Map<string, Link>();

  const open = async (host: Host, to: string): Promise<Link> => {
    const existing = links.get(to);
    if (existing !== undefined && existing.stream.status === "open") return existing;
    const stream = await host.dialProtocol(peerIdFromString(to), protocol, {
      signal: AbortSignal.timeout(timeoutMs),
    });
    const link = { stream, lp: lpStream(stream, { maxDataLength: MAX_DIRECT_FRAME_BYTES }) };
    links.set(to, link);
    return link;
  };

  const drop = (to: string, link: Link, cause: unknown): void => {
    if (links.get(to) === link) links.delete(to);
    link.stream.abort(cause instanceof Error ? cause : new Error(String(cause)));
  };

  return {
    async write(host, to, frame) {
      for (let attempt = 1; ; attempt++) {
        const link = await open(host, to);
        try {
          await link.lp.write(frame, { signal: AbortSignal.timeout(timeoutMs) });
          return;
        } catch (e) {
          drop(to, link, e);
          if (attempt >= 2) throw e;
        }
      }
    },
    forget(peer) {
      links.delete(peer);
    },
    clear() {
      for (const [to, link] of links) drop(to, link, new Error("network stopped"));
    },
  };
}

/** How reading an inbound direct stream ended. */
export type InboundEnd = "closed" | "oversized" | "failed";

/**
 * Reads frames from an inbound direct stream until it ends, passing each to `onFrame`; a frame
 * longer than {@link MAX_DIRECT_FRAME_BYTES} aborts the stream before its body is read.
 */
export async function readFrames(stream: Stream, onFrame: (frame: Uint8Array) => void): Promise<InboundEnd> {
  const lp = lpStream(stream, { maxDataLength: MAX_DIRECT_FRAME_BYTES });
  for (;;) {
    let frame: Uint8Array;
    try {
      frame = (await lp.read()).subarray();
    } catch (e) {
      const name = e instanceof Error ? e.name : "";
      if (name === "UnexpectedEOFError") {
        await stream.close().catch(() => stream.abort(new Error("direct stream: close failed")));
        return "closed";
      }
      stream.abort(e instanceof Error ? e : new Error(String(e)));
      return name === "InvalidDataLengthError" || name === "InvalidDataLengthLengthError"
        ? "oversized"
        : "failed";
    }
    onFrame(frame);
  }
}
