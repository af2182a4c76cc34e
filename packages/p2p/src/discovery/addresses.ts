/**
 * Which addresses a node advertises (about itself, through identify) and passes on (about its
 * peers, in peer-exchange answers). The rule:
 *
 * * an announce address, when configured, is the only address advertised: a multiaddr as given, or
 *   a host put in place of the listen host (keeping the port libp2p bound);
 * * otherwise the concrete addresses libp2p reports for the listen address, never the unspecified
 *   one; when listening on all interfaces, only the most public class present: public addresses if
 *   any, else private ones, else loopback (a network on one machine, such as a devnet);
 * * a peer's address is passed on when it is public, or when this node reaches that peer over a
 *   non-public network itself (both are on the same local network).
 */
import { type Multiaddr, multiaddr } from "@multiformats/multiaddr";
import { ThetaError } from "@theta/core-types";
import { P2pErrorCode } from "../errors.ts";
import { parseSeed } from "../seeds.ts";

/** How far an address reaches. */
export type AddrClass = "unspecified" | "loopback" | "private" | "public";

const HOST_PROTOCOLS = new Set(["ip4", "ip6", "dns", "dns4", "dns6"]);

/** The host component of a multiaddr (`ip4`, `ip6` or `dns*`), with its protocol name. */
export function hostOf(addr: Multiaddr): { readonly proto: string; readonly value: string } | undefined {
  const c = addr.getComponents().find((x) => HOST_PROTOCOLS.has(x.name));
  return c === undefined || c.value === undefined ? undefined : { proto: c.name, value: c.value };
}

function classifyIpv4(ip: string): AddrClass {
  const [a = 0, b = 0] = ip.split(".").map(Number);
  if (a === 0) return "unspecified";
  if (a === 127) return "loopback";
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return "private";
  if ((a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254)) return "private";
  return "public";
}

function classifyIpv6(ip: string): AddrClass {
  const s = ip.toLowerCase();
  if (s === "::") return "unspecified";
  if (s === "::1") return "loopback";
  if (s.startsWith("::ffff:") && s.includes(".")) return classifyIpv4(s.slice(7));
  if (/^f[cd]/.test(s) || /^fe[89ab]/.test(s)) return "private";
  return "public";
}

/** The class of an address's host; a DNS name counts as public. */
export function classOf(addr: Multiaddr): AddrClass {
  const h = hostOf(addr);
  if (h === undefined) return "unspecified";
  if (h.proto === "ip4") return classifyIpv4(h.value);
  if (h.proto === "ip6") return classifyIpv6(h.value);
  return "public";
}

/** The listen multiaddr of a host (`0.0.0.0`, `::`, `127.0.0.1`…) and a TCP port. */
export function listenMultiaddr(host: string, port: number): string {
  return `${host.includes(":") ? "/ip6" : "/ip4"}/${host}/tcp/${port}`;
}

/** A configured announce address: a full multiaddr, or a host that replaces the listen host. */
export type Announce =
  | { readonly kind: "multiaddr"; readonly addr: Multiaddr }
  | { readonly kind: "host"; readonly host: string };

/** Parses `announce` (a multiaddr, or an IPv4 address, `[IPv6]` address or host name). */
export function parseAnnounce(announce: string): Announce {
  const text = announce.trim();
  try {
    if (text.startsWith("/")) {
      const addr = parseSeed(text);
      const h = hostOf(addr);
      if (h === undefined || classOf(addr) === "unspecified" || !text.includes("/tcp/"))
        throw new Error("not a tcp address with a concrete host");
      return { kind: "multiaddr", addr };
    }
    const addr = parseSeed(`${text}:1`);
    if (classOf(addr) === "unspecified") throw new Error("unspecified host");
    const h = hostOf(addr)!;
    return { kind: "host", host: `/${h.proto}/${h.value}` };
  } catch (e) {
    throw new ThetaError(
      P2pErrorCode.BadAnnounce,
      `announce: ${JSON.stringify(announce)} is not a host or a tcp multiaddr with a concrete host`,
      { details: { field: "announce", announce }, cause: e },
    );
  }
}

const RANK: Record<AddrClass, number> = { unspecified: 0, loopback: 1, private: 2, public: 3 };

/** Replaces the host of `addr` (a host/tcp address) by `host` (`/ip4/1.2.3.4`). */
function withHost(addr: Multiaddr, host: string): Multiaddr {
  const [, , , ...rest] = addr.toString().split("/");
  return multiaddr(`${host}/${rest.join("/")}`);
}

/**
 * The addresses to advertise among those libp2p `reported` (libp2p's `announceFilter`): see the
 * rule at the top of this file. `wildcard` is true when listening on all interfaces.
 */
export function advertisedAddrs(
  reported: readonly Multiaddr[],
  announce: Announce | undefined,
  wildcard: boolean,
): Multiaddr[] {
  const concrete = reported.filter((a) => classOf(a) !== "unspecified");
  if (announce?.kind === "multiaddr") {
    const suffix = concrete[0]?.getComponents().find((c) => c.name === "p2p")?.value;
    const text = announce.addr.toString();
    return [
      suffix === undefined || text.includes("/p2p/") ? announce.addr : multiaddr(`${text}/p2p/${suffix}`),
    ];
  }
  if (announce?.kind === "host") {
    const byText = new Map(concrete.map((a) => withHost(a, announce.host)).map((a) => [a.toString(), a]));
    return [...byText.values()];
  }
  if (!wildcard) return concrete;
  const best = Math.max(0, ...concrete.map((a) => RANK[classOf(a)]));
  return concrete.filter((a) => RANK[classOf(a)] === best);
}

/**
 * The address of a connected peer to pass on to others, chosen among those it advertised: the one on
 * the host we reach it at, else the first relayable one; undefined when none may be passed on.
 */
export function relayableAddr(
  listenAddrs: readonly Multiaddr[],
  remoteAddr: Multiaddr | undefined,
): Multiaddr | undefined {
  const local = remoteAddr !== undefined && classOf(remoteAddr) !== "public";
  const ok = listenAddrs.filter((a) => {
    const c = classOf(a);
    return c === "public" || (c !== "unspecified" && local);
  });
  const remoteHost = remoteAddr === undefined ? undefined : hostOf(remoteAddr)?.value;
  return ok.find((a) => hostOf(a)?.value === remoteHost) ?? ok[0];
}

/**
 * libp2p's `announceFilter` for a node listening on `listenHost` with an optional `announce` address
 * (parsed now: a bad one throws `P2P_BAD_ANNOUNCE` when the network is created).
 */
export function announceFilter(
  listenHost: string,
  announce: string | undefined,
): (addrs: Multiaddr[]) => Multiaddr[] {
  const parsed = announce === undefined ? undefined : parseAnnounce(announce);
  const wildcard = listenHost === "0.0.0.0" || listenHost === "::";
  return (addrs) => advertisedAddrs(addrs, parsed, wildcard);
}
