/**
 * The peer-exchange protocol, `/theta/<chainId>/ts/1/peers`: the asker opens a stream and sends
 * nothing; the answerer writes at most {@link MAX_ANSWER_ADDRS} frames (unsigned-varint length, then
 * the binary multiaddr of one peer, `/<ip4, ip6 or dns>/<host>/tcp/<port>/p2p/<peer id>`, at most
 * {@link MAX_ADDR_BYTES}) and closes it. An answer with a longer frame, more frames or an entry of
 * another shape is refused as a whole.
 */
import { type Multiaddr, multiaddr } from "@multiformats/multiaddr";
import { encodeFrame } from "../frames.ts";
import { classOf } from "./addresses.ts";

/** The peer-exchange protocol of a chain. */
export function peersProtocol(chainId: string): string {
  return `/theta/${chainId}/ts/1/peers`;
}

/** The most addresses one answer carries. */
export const MAX_ANSWER_ADDRS = 32;
/** The largest binary multiaddr in an answer. */
export const MAX_ADDR_BYTES = 128;

/** Why an answer was refused. */
export const AnswerDropCode = {
  TooMany: "P2P_PEERS_TOO_MANY",
  Oversized: "P2P_PEERS_OVERSIZED",
  Malformed: "P2P_PEERS_MALFORMED",
} as const;

/** One of the {@link AnswerDropCode} values. */
export type AnswerDropCode = (typeof AnswerDropCode)[keyof typeof AnswerDropCode];

/** The frames of an answer listing `addrs` (the caller keeps to the limits). */
export function encodeAnswer(addrs: readonly Multiaddr[]): Uint8Array[] {
  return addrs.slice(0, MAX_ANSWER_ADDRS).map((a) => encodeFrame(a.bytes));
}

const HOSTS = new Set(["ip4", "ip6", "dns", "dns4", "dns6"]);

/** A peer of an answer: its id and the address to dial it at. */
export interface AnsweredPeer {
  readonly peerId: string;
  readonly addr: Multiaddr;
}

/** Decodes one entry of an answer, or explains why it is refused. */
export function decodeEntry(
  bytes: Uint8Array,
): { readonly ok: true; readonly value: AnsweredPeer } | { readonly ok: false; readonly message: string } {
  if (bytes.length > MAX_ADDR_BYTES) return { ok: false, message: `entry of ${bytes.length} bytes` };
  let addr: Multiaddr;
  try {
    addr = multiaddr(bytes);
  } catch (e) {
    return { ok: false, message: `entry is not a multiaddr: ${String(e)}` };
  }
  const c = addr.getComponents();
  const [host, tcp, p2p] = c;
  if (c.length !== 3 || !HOSTS.has(host?.name ?? "") || tcp?.name !== "tcp" || p2p?.name !== "p2p")
    return { ok: false, message: `entry ${addr.toString()} is not host/tcp/p2p` };
  if (Number(tcp.value) < 1 || p2p.value === undefined || classOf(addr) === "unspecified")
    return { ok: false, message: `entry ${addr.toString()} has no concrete host or port` };
  return { ok: true, value: { peerId: p2p.value, addr } };
}
