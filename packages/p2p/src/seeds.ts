/**
 * Seed addresses: libp2p multiaddrs (`/ip4/127.0.0.1/tcp/12000[/p2p/12D3KooW…]`) or the reference's
 * `host:port` form from `p2p.seeds` (`127.0.0.1:6000`, `[::1]:6000`, `seed.example.org:6000`).
 */
import { type Multiaddr, multiaddr } from "@multiformats/multiaddr";
import { ThetaError } from "@theta/core-types";
import { P2pErrorCode } from "./errors.ts";

function badSeed(seed: string, expected: string, cause?: unknown): ThetaError {
  return new ThetaError(P2pErrorCode.BadSeed, `seeds: ${JSON.stringify(seed)} is not ${expected}`, {
    details: { field: "seeds", seed },
    cause,
  });
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const HOSTNAME =
  /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

function hostPart(host: string, seed: string): string {
  if (host.startsWith("[") && host.endsWith("]")) return `/ip6/${host.slice(1, -1)}`;
  const v4 = IPV4.exec(host);
  if (v4 !== null) {
    if (v4.slice(1).some((o) => Number(o) > 255)) throw badSeed(seed, "a valid IPv4 address");
    return `/ip4/${host}`;
  }
  if (host === "localhost") return "/ip4/127.0.0.1";
  if (HOSTNAME.test(host)) return `/dns/${host}`;
  throw badSeed(seed, "host:port with an IPv4 address, [IPv6] address or host name");
}

/** Parses one seed into a multiaddr; throws a ThetaError naming the seed when it is neither form. */
export function parseSeed(seed: string): Multiaddr {
  const s = seed.trim();
  if (s.startsWith("/")) {
    try {
      return multiaddr(s);
    } catch (e) {
      throw badSeed(seed, "a valid multiaddr", e);
    }
  }
  const colon = s.lastIndexOf(":");
  if (colon <= 0) throw badSeed(seed, "a multiaddr or host:port");
  const portText = s.slice(colon + 1);
  const port = Number(portText);
  if (!/^[0-9]{1,5}$/.test(portText) || port < 1 || port > 65535) {
    throw badSeed(seed, "host:port with a port in 1..65535");
  }
  const addr = `${hostPart(s.slice(0, colon), seed)}/tcp/${port}`;
  try {
    return multiaddr(addr);
  } catch (e) {
    throw badSeed(seed, "a valid address", e);
  }
}

/** Parses a list of seeds, skipping empty entries (so a split of `""` gives no seeds). */
export function parseSeeds(seeds: readonly string[]): Multiaddr[] {
  return seeds.filter((s) => s.trim() !== "").map(parseSeed);
}
