/** Both sides of one peer exchange: answering an asker, and asking a peer. */
import type { Stream } from "@libp2p/interface";
import { type Multiaddr, multiaddr } from "@multiformats/multiaddr";
import { readFrames } from "../directLink.ts";
import type { PeerEntry } from "../peerBook.ts";
import { hostOf, relayableAddr } from "./addresses.ts";
import {
  AnswerDropCode,
  type AnsweredPeer,
  decodeEntry,
  encodeAnswer,
  MAX_ADDR_BYTES,
  MAX_ANSWER_ADDRS,
} from "./peerList.ts";

/** `/host/tcp/port/p2p/id` for a peer's advertised address, or undefined when it has no such parts. */
function entryAddr(addr: Multiaddr, id: string): Multiaddr | undefined {
  const host = hostOf(addr);
  const port = addr.getComponents().find((c) => c.name === "tcp")?.value;
  if (host === undefined || port === undefined) return undefined;
  const out = multiaddr(`/${host.proto}/${host.value}/tcp/${port}/p2p/${id}`);
  return out.bytes.length <= MAX_ADDR_BYTES ? out : undefined;
}

/**
 * The addresses to give `asker`: one relayable address per verified peer other than the asker, at
 * most {@link MAX_ANSWER_ADDRS}, picked at random when there are more.
 */
export function answerFor(asker: string, peers: readonly [string, PeerEntry][]): Multiaddr[] {
  const out: Multiaddr[] = [];
  for (const [id, entry] of peers) {
    if (id === asker) continue;
    const addr = relayableAddr(entry.listenAddrs, entry.remoteAddr);
    const full = addr === undefined ? undefined : entryAddr(addr, id);
    if (full !== undefined) out.push(full);
  }
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out.slice(0, MAX_ANSWER_ADDRS);
}

/** Writes the answer's frames to `stream` and closes it; returns the bytes written. */
export async function writeAnswer(
  stream: Stream,
  addrs: readonly Multiaddr[],
  timeoutMs: number,
): Promise<number> {
  let bytes = 0;
  try {
    for (const frame of encodeAnswer(addrs)) {
      bytes += frame.length;
      if (!stream.send(frame)) await stream.onDrain({ signal: AbortSignal.timeout(timeoutMs) });
    }
    await stream.close({ signal: AbortSignal.timeout(timeoutMs) });
  } catch (e) {
    stream.abort(e instanceof Error ? e : new Error(String(e)));
  }
  return bytes;
}

/** What asking a peer gave. */
export type AskResult =
  | { readonly kind: "answer"; readonly peers: AnsweredPeer[]; readonly bytes: number }
  | {
      readonly kind: "refused";
      readonly code: AnswerDropCode;
      readonly message: string;
      readonly bytes: number;
    }
  | { readonly kind: "failed"; readonly bytes: number };

/** Reads a peer's answer from `stream` (opened by the asker), refusing it as soon as it breaks a rule. */
export async function readAnswer(stream: Stream, timeoutMs: number): Promise<AskResult> {
  const peers: AnsweredPeer[] = [];
  let bytes = 0;
  let refusal: { code: AnswerDropCode; message: string } | undefined;
  const refuse = (code: AnswerDropCode, message: string): void => {
    refusal ??= { code, message };
    stream.abort(new Error(`peer exchange: ${message}`));
  };
  const timer = setTimeout(() => stream.abort(new Error("peer exchange: timed out")), timeoutMs);
  const end = await readFrames(
    stream,
    (frame) => {
      if (refusal !== undefined) return;
      bytes += frame.length + 1;
      if (peers.length >= MAX_ANSWER_ADDRS)
        return refuse(AnswerDropCode.TooMany, `more than ${MAX_ANSWER_ADDRS} entries`);
      const r = decodeEntry(frame);
      if (!r.ok) return refuse(AnswerDropCode.Malformed, r.message);
      peers.push(r.value);
    },
    MAX_ADDR_BYTES,
  ).finally(() => clearTimeout(timer));
  if (refusal !== undefined) return { kind: "refused", ...refusal, bytes };
  if (end === "oversized")
    return { kind: "refused", code: AnswerDropCode.Oversized, message: "entry over the limit", bytes };
  if (end === "failed") return { kind: "failed", bytes };
  return { kind: "answer", peers, bytes };
}
