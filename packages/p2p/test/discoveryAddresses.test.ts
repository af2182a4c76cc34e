import { multiaddr } from "@multiformats/multiaddr";
import { ThetaError } from "@theta/core-types";
import { describe, expect, it } from "vitest";
import {
  advertisedAddrs,
  classOf,
  createP2pNetwork,
  decodeEntry,
  MAX_ADDR_BYTES,
  P2pErrorCode,
  parseAnnounce,
  relayableAddr,
} from "../src/index.ts";

const ID = "12D3KooWJfVCRuoVSCjYMW5PNeP6TQsSv7i9KU3sMuXsuJZh6tbM";
const ma = (s: string) => multiaddr(s);
const texts = (xs: readonly { toString(): string }[]) => xs.map(String);

describe("address classes", () => {
  it.each([
    ["/ip4/0.0.0.0/tcp/1", "unspecified"],
    ["/ip4/127.0.0.1/tcp/1", "loopback"],
    ["/ip4/10.1.2.3/tcp/1", "private"],
    ["/ip4/172.16.0.1/tcp/1", "private"],
    ["/ip4/172.32.0.1/tcp/1", "public"],
    ["/ip4/192.168.1.1/tcp/1", "private"],
    ["/ip4/100.64.0.1/tcp/1", "private"],
    ["/ip4/169.254.1.1/tcp/1", "private"],
    ["/ip4/8.8.8.8/tcp/1", "public"],
    ["/ip6/::/tcp/1", "unspecified"],
    ["/ip6/::1/tcp/1", "loopback"],
    ["/ip6/fd00::1/tcp/1", "private"],
    ["/ip6/fe80::1/tcp/1", "private"],
    ["/ip6/2001:db8::1/tcp/1", "public"],
    ["/dns4/node.example.org/tcp/1", "public"],
  ])("%s is %s", (addr, cls) => {
    expect(classOf(ma(addr))).toBe(cls);
  });
});

describe("what a node advertises about itself", () => {
  const reported = [
    ma(`/ip4/127.0.0.1/tcp/5000/p2p/${ID}`),
    ma(`/ip4/10.0.0.7/tcp/5000/p2p/${ID}`),
    ma(`/ip4/0.0.0.0/tcp/5000/p2p/${ID}`),
  ];

  it("on all interfaces: the most public class present, never the unspecified address", () => {
    expect(texts(advertisedAddrs(reported, undefined, true))).toEqual([`/ip4/10.0.0.7/tcp/5000/p2p/${ID}`]);
    const withPublic = [...reported, ma(`/ip4/203.0.113.9/tcp/5000/p2p/${ID}`)];
    expect(texts(advertisedAddrs(withPublic, undefined, true))).toEqual([
      `/ip4/203.0.113.9/tcp/5000/p2p/${ID}`,
    ]);
    expect(texts(advertisedAddrs([reported[0]!, reported[2]!], undefined, true))).toEqual([
      `/ip4/127.0.0.1/tcp/5000/p2p/${ID}`,
    ]);
  });

  it("on a concrete listen host: every concrete address reported", () => {
    expect(texts(advertisedAddrs(reported, undefined, false))).toEqual(texts(reported.slice(0, 2)));
  });

  it("with an announce host: that host on the bound port; with an announce multiaddr: only it", () => {
    const host = parseAnnounce("198.51.100.7");
    expect(texts(advertisedAddrs(reported, host, true))).toEqual([`/ip4/198.51.100.7/tcp/5000/p2p/${ID}`]);
    const v6 = parseAnnounce("[2001:db8::5]");
    expect(texts(advertisedAddrs(reported, v6, false))).toEqual([`/ip6/2001:db8::5/tcp/5000/p2p/${ID}`]);
    const full = parseAnnounce("/dns4/seed.example.org/tcp/4000");
    expect(texts(advertisedAddrs(reported, full, true))).toEqual([
      `/dns4/seed.example.org/tcp/4000/p2p/${ID}`,
    ]);
  });

  it.each(["0.0.0.0", "/ip4/0.0.0.0/tcp/4000", "/ip4/1.2.3.4/udp/4000", "not a host!", "/nonsense"])(
    "refuses the announce address %j with P2P_BAD_ANNOUNCE",
    (bad) => {
      expect(() => parseAnnounce(bad)).toThrow(expect.objectContaining({ code: P2pErrorCode.BadAnnounce }));
      expect(() =>
        createP2pNetwork({ chainId: "privatenet", listen: { host: "127.0.0.1", port: 0 }, announce: bad }),
      ).toThrow(ThetaError);
    },
  );

  it.each([-1, 1.5, Number.NaN])("refuses minPeers %d with P2P_BAD_MIN_PEERS", (minPeers) => {
    expect(() =>
      createP2pNetwork({ chainId: "privatenet", listen: { host: "127.0.0.1", port: 0 }, minPeers }),
    ).toThrow(expect.objectContaining({ code: P2pErrorCode.BadMinPeers }));
  });
});

describe("what a node passes on about a peer", () => {
  const listen = [ma("/ip4/127.0.0.1/tcp/5000"), ma("/ip4/10.0.0.7/tcp/5000"), ma("/ip4/0.0.0.0/tcp/5000")];

  it("a peer reached over a public address: only its public addresses", () => {
    expect(relayableAddr(listen, ma("/ip4/203.0.113.9/tcp/5000"))).toBeUndefined();
    const withPublic = [...listen, ma("/ip4/203.0.113.9/tcp/5000")];
    expect(String(relayableAddr(withPublic, ma("/ip4/203.0.113.9/tcp/41000")))).toBe(
      "/ip4/203.0.113.9/tcp/5000",
    );
  });

  it("a peer on the local network: the address on the host it is reached at", () => {
    expect(String(relayableAddr(listen, ma("/ip4/10.0.0.7/tcp/41000")))).toBe("/ip4/10.0.0.7/tcp/5000");
    expect(String(relayableAddr(listen, ma("/ip4/127.0.0.1/tcp/41000")))).toBe("/ip4/127.0.0.1/tcp/5000");
    expect(relayableAddr([ma("/ip4/0.0.0.0/tcp/5000")], ma("/ip4/127.0.0.1/tcp/1"))).toBeUndefined();
  });
});

describe("answer entries", () => {
  it("accepts host/tcp/p2p addresses", () => {
    const r = decodeEntry(ma(`/ip4/127.0.0.1/tcp/5000/p2p/${ID}`).bytes);
    expect(r).toMatchObject({ ok: true, value: { peerId: ID } });
  });

  it.each([
    `/ip4/127.0.0.1/tcp/5000`,
    `/ip4/127.0.0.1/udp/5000/p2p/${ID}`,
    `/ip4/0.0.0.0/tcp/5000/p2p/${ID}`,
    `/ip4/127.0.0.1/tcp/0/p2p/${ID}`,
    `/ip4/127.0.0.1/tcp/5000/p2p/${ID}/p2p-circuit`,
  ])("refuses %s", (addr) => {
    expect(decodeEntry(ma(addr).bytes).ok).toBe(false);
  });

  it("refuses bytes that are no multiaddr, and entries over the limit", () => {
    expect(decodeEntry(Uint8Array.from([0xff, 0xfe, 0x01])).ok).toBe(false);
    expect(decodeEntry(new Uint8Array(MAX_ADDR_BYTES + 1)).ok).toBe(false);
  });
});
