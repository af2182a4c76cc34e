import type { Network } from "@theta/consensus";
import { createVirtualClock } from "@theta/consensus/testing";
import { ChannelId, deriveProfile, privatenet } from "@theta/core-types";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { createEenLayer } from "../../src/compose/eenLayer.ts";
import { key, nodeSigner } from "./harness.ts";

const profile = deriveProfile(privatenet, {
  name: "een-layer",
  chainId: "privatenet",
  checkpointInterval: 5n,
});

function layer(enabled: boolean) {
  const sent: number[] = [];
  const network: Network = {
    broadcast: (channel) => void sent.push(channel),
    send: () => {},
    subscribe: () => () => {},
    peers: () => [],
  };
  const l = createEenLayer(
    {
      ledger: { view: async () => Promise.reject(new Error("no state in this test")) },
      headerOf: async () => undefined,
      network,
      clock: createVirtualClock(),
      signer: nodeSigner(key(5)),
      keccak256: (d) => d,
      profile,
      log: pino({ level: "silent" }),
    },
    { enabled },
  );
  const finalized = (height: bigint) =>
    l.onFinalized({ height, hash: new Uint8Array(32).fill(Number(height)), block: undefined as never });
  return { l, sent, finalized };
}

describe("the node's EEN layer", () => {
  it("with een.enabled votes on channel 12 for finalized checkpoints only", () => {
    const { l, sent, finalized } = layer(true);
    expect(l.voter).toBeDefined();
    finalized(7n);
    expect(sent).toEqual([]);
    finalized(6n);
    expect(sent).toEqual([ChannelId.EliteEdgeNodeVote]);
    expect(l.voter?.lastVote()?.height).toBe(6n);
    l.stop();
  });

  it("without it only aggregates", () => {
    const { l, sent, finalized } = layer(false);
    expect(l.voter).toBeUndefined();
    finalized(6n);
    expect(sent).toEqual([]);
    expect(l.aggregator.best()).toBeUndefined();
    l.stop();
  });
});
