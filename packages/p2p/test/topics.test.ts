import { Channel } from "@theta/consensus";
import { isThetaError } from "@theta/core-types";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { P2P_CHANNELS } from "../src/channels.ts";
import { P2pErrorCode } from "../src/errors.ts";
import { channelOfName, directProtocol, protocolPrefix, topicName } from "../src/topics.ts";

describe("topic and protocol names", () => {
  it("embed the chain id and the channel number", () => {
    expect(topicName("privatenet", Channel.Vote)).toBe("/theta/privatenet/ts/1/6");
    expect(topicName("testnet_sapphire", Channel.Proposal)).toBe("/theta/testnet_sapphire/ts/1/4");
    expect(directProtocol("privatenet")).toBe("/theta/privatenet/ts/1/direct");
    expect(directProtocol("a")).not.toBe(directProtocol("b"));
  });

  it("differ between chains for every channel", () => {
    for (const ch of P2P_CHANNELS) expect(topicName("a", ch)).not.toBe(topicName("b", ch));
  });

  it("map back to their channel on the same chain only", () => {
    expect(channelOfName("privatenet", directProtocol("privatenet"))).toBeUndefined();
    for (const ch of P2P_CHANNELS) {
      expect(channelOfName("privatenet", topicName("privatenet", ch))).toBe(ch);
      expect(channelOfName("mainnet", topicName("privatenet", ch))).toBeUndefined();
    }
    expect(channelOfName("privatenet", "/theta/privatenet/ts/1/9")).toBeUndefined();
    expect(channelOfName("privatenet", "/theta/privatenet/ts/1/06")).toBe(Channel.Vote);
    expect(channelOfName("privatenet", "/theta/privatenet/ts/1/6/x")).toBeUndefined();
  });

  it("reject chain ids that could break the name apart", () => {
    for (const bad of ["", "a/b", "a b", "x".repeat(65), "ü"]) {
      try {
        protocolPrefix(bad);
        expect.unreachable(`accepted ${JSON.stringify(bad)}`);
      } catch (e) {
        expect(isThetaError(e, P2pErrorCode.BadChainId)).toBe(true);
      }
    }
  });

  it("channelOfName never throws for a valid chain id and any name", () => {
    fc.assert(
      fc.property(fc.string(), (name) => {
        const ch = channelOfName("privatenet", name);
        expect(ch === undefined || P2P_CHANNELS.includes(ch)).toBe(true);
      }),
    );
  });
});
