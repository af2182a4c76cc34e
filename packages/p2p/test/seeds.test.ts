import { isThetaError } from "@theta/core-types";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { P2pErrorCode } from "../src/errors.ts";
import { parseSeed, parseSeeds } from "../src/seeds.ts";

describe("parseSeed", () => {
  it("takes multiaddrs as they are", () => {
    const a = "/ip4/127.0.0.1/tcp/12000/p2p/12D3KooWLKtaPatcXXNeuheMCRvNHrSKMjr3v9B2zFma2W4kAbfm";
    expect(parseSeed(a).toString()).toBe(a);
  });

  it("turns the reference's host:port into a TCP multiaddr", () => {
    expect(parseSeed("127.0.0.1:6000").toString()).toBe("/ip4/127.0.0.1/tcp/6000");
    expect(parseSeed(" localhost:7000 ").toString()).toBe("/ip4/127.0.0.1/tcp/7000");
    expect(parseSeed("[::1]:6000").toString()).toBe("/ip6/::1/tcp/6000");
    expect(parseSeed("seed.example.org:6000").toString()).toBe("/dns/seed.example.org/tcp/6000");
  });

  it("skips empty entries of a split config value", () => {
    expect(parseSeeds("".split(","))).toEqual([]);
    expect(parseSeeds("127.0.0.1:6000,,127.0.0.1:7000".split(",")).map(String)).toEqual([
      "/ip4/127.0.0.1/tcp/6000",
      "/ip4/127.0.0.1/tcp/7000",
    ]);
  });

  it("rejects malformed seeds with P2P_BAD_SEED naming the seed", () => {
    for (const bad of [
      "127.0.0.1",
      "127.0.0.1:0",
      "127.0.0.1:70000",
      "300.0.0.1:5",
      ":5",
      "/ip4/nope",
      "a b:5",
    ]) {
      try {
        parseSeed(bad);
        expect.unreachable(`accepted ${bad}`);
      } catch (e) {
        expect(isThetaError(e, P2pErrorCode.BadSeed)).toBe(true);
        expect((e as Error).message).toContain(JSON.stringify(bad));
      }
    }
  });

  it("any string either parses or throws P2P_BAD_SEED", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string().map((s) => `/${s}`),
          fc.string().map((s) => `${s}:12`),
        ),
        (s) => {
          try {
            parseSeed(s);
          } catch (e) {
            expect(isThetaError(e, P2pErrorCode.BadSeed)).toBe(true);
          }
        },
      ),
    );
  });
});
