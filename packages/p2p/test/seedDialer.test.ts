import { peerIdFromString } from "@libp2p/peer-id";
import { multiaddr } from "@multiformats/multiaddr";
import { describe, expect, it } from "vitest";
import type { Host } from "../src/libp2pNode.ts";
import { silentLogger } from "../src/logger.ts";
import { createSeedDialer } from "../src/seedDialer.ts";

const SEED_PEER = peerIdFromString("12D3KooWLKtaPatcXXNeuheMCRvNHrSKMjr3v9B2zFma2W4kAbfm");

/** A host whose dials succeed at once and whose connections are whatever the test says. */
function fakeHost(connected: () => boolean) {
  const dials: string[] = [];
  const host = {
    dial: async (addr: { toString(): string }) => {
      dials.push(addr.toString());
      return { remotePeer: SEED_PEER };
    },
    getConnections: () => (connected() ? [{}] : []),
  } as unknown as Host;
  return { host, dials };
}

const settle = () => new Promise((r) => setImmediate(r));

describe("seed dialer", () => {
  const seeds = [multiaddr("/ip4/127.0.0.1/tcp/6000")];

  it("re-dials a seed that is not connected, and not one that is", async () => {
    let up = false;
    const { host, dials } = fakeHost(() => up);
    const d = createSeedDialer({
      host,
      seeds,
      intervalMs: 1e9,
      timeoutMs: 1000,
      log: silentLogger,
      refused: () => false,
    });
    d.start();
    await settle();
    d.redial();
    await settle();
    expect(dials).toHaveLength(2);
    up = true;
    d.redial();
    await settle();
    expect(dials).toHaveLength(2);
    d.stop();
  });

  it("stops re-dialling a seed that serves another chain", async () => {
    const { host, dials } = fakeHost(() => false);
    const refused = new Set<string>();
    const d = createSeedDialer({
      host,
      seeds,
      intervalMs: 1e9,
      timeoutMs: 1000,
      log: silentLogger,
      refused: (id) => refused.has(id),
    });
    d.start();
    await settle();
    refused.add(SEED_PEER.toString());
    d.redial();
    d.redial();
    await settle();
    expect(dials).toHaveLength(1);
    d.stop();
  });

  it("dials nothing after stop", async () => {
    const { host, dials } = fakeHost(() => false);
    const d = createSeedDialer({
      host,
      seeds,
      intervalMs: 1e9,
      timeoutMs: 1000,
      log: silentLogger,
      refused: () => false,
    });
    d.start();
    d.stop();
    await settle();
    d.redial();
    expect(dials).toHaveLength(1);
  });
});
