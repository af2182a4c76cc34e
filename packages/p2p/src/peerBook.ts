/**
 * The peers this node talks to: connected peers that proved, through identify, that they serve this
 * chain's protocols; with the addresses they listen on, for `peerUrls()`.
 */
import type { Multiaddr } from "@multiformats/multiaddr";

/** What is known about a verified peer. */
export interface PeerEntry {
  /** The peer's listen addresses as it announced them (identify). */
  readonly listenAddrs: readonly Multiaddr[];
  /** The remote address of a connection to it. */
  readonly remoteAddr: Multiaddr | undefined;
}

/** Verified peers keyed by peer id string. */
export interface PeerBook {
  /** Records (or refreshes) a verified peer. */
  add(id: string, entry: PeerEntry): void;
  /** Forgets a peer (disconnected). */
  remove(id: string): void;
  /** True when `id` is verified and connected. */
  has(id: string): boolean;
  /** Verified peer ids, sorted. */
  ids(): string[];
  /** One dialable multiaddr per peer, ending in `/p2p/<id>`, sorted by peer id. */
  urls(): string[];
  /** Every verified peer with what is known about it, sorted by peer id. */
  entries(): [string, PeerEntry][];
  /** Forgets everyone. */
  clear(): void;
}

const HOST_PROTOCOLS = new Set(["ip4", "ip6", "dns", "dns4", "dns6"]);

function hostOf(addr: Multiaddr): string | undefined {
  return addr.getComponents().find((c) => HOST_PROTOCOLS.has(c.name))?.value;
}

const WILDCARD = new Set(["0.0.0.0", "::"]);

/** The address to report for a peer: a listen address on the host we reach it at, if there is one. */
function bestAddr(entry: PeerEntry): Multiaddr | undefined {
  const usable = entry.listenAddrs.filter((a) => !WILDCARD.has(hostOf(a) ?? ""));
  const remoteHost = entry.remoteAddr === undefined ? undefined : hostOf(entry.remoteAddr);
  return usable.find((a) => hostOf(a) === remoteHost) ?? usable[0] ?? entry.remoteAddr;
}

/** An empty peer book. */
export function createPeerBook(): PeerBook {
  const peers = new Map<string, PeerEntry>();
  return {
    add(id, entry) {
      peers.set(id, entry);
    },
    remove(id) {
      peers.delete(id);
    },
    has(id) {
      return peers.has(id);
    },
    ids() {
      return [...peers.keys()].sort();
    },
    urls() {
      const out: string[] = [];
      for (const id of [...peers.keys()].sort()) {
        const addr = bestAddr(peers.get(id)!);
        if (addr === undefined) continue;
        const text = addr.toString();
        out.push(text.includes("/p2p/") ? text : `${text}/p2p/${id}`);
      }
      return out;
    },
    entries() {
      return [...peers.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    },
    clear() {
      peers.clear();
    },
  };
}
