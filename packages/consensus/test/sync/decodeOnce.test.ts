import { ALL_FORKS_AT_GENESIS, ChannelId, encodeHeader } from "@theta/core-types";
import { defaultCrypto } from "@theta/crypto";
import { describe, expect, it } from "vitest";
import {
  blockHashOnce,
  blockMessage,
  decodeConsensusMessageOnce,
  decodedBefore,
  decodeSyncInbound,
} from "../../src/index.ts";
import { buildChain, world } from "./world.ts";

const forks = ALL_FORKS_AT_GENESIS;
const later = { theta2Height: 0n, theta3Height: 100n };

describe("a received block is decoded and hashed once", () => {
  it("the syncer and the engine get the block the first decoder made, for the same payload object only", () => {
    const [, b] = buildChain(world().genesis, 1);
    const payload = blockMessage(b!, forks);
    expect(decodedBefore(ChannelId.Block, payload, forks)).toBeUndefined();
    const first = decodeSyncInbound(ChannelId.Block, payload, forks);
    if (first.kind !== "block") throw new Error(first.kind);
    expect(first.block).toEqual(b);
    const engine = decodeConsensusMessageOnce(ChannelId.Block, payload, forks);
    expect(engine.kind === "block" && engine.block).toBe(first.block);
    const again = decodeSyncInbound(ChannelId.Block, payload, forks);
    expect(again.kind === "block" && again.block).toBe(first.block);
    // The same bytes in another buffer: decoded afresh.
    const copy = decodeSyncInbound(ChannelId.Block, payload.slice(), forks);
    expect(copy.kind === "block" && copy.block).not.toBe(first.block);
    // Another channel or a header layout that differs at the block's height: not reused (and refused).
    expect(decodedBefore(ChannelId.Proposal, payload, forks)).toBeUndefined();
    expect(decodedBefore(ChannelId.Block, payload, later)).toBeUndefined();
    expect(() => decodeConsensusMessageOnce(ChannelId.Block, payload, later)).toThrow();
  });

  it("the block hash is keccak256 of the encoded header, computed once per header object and fork heights", () => {
    const [, b] = buildChain(world().genesis, 1);
    let calls = 0;
    const keccak = (d: Uint8Array): Uint8Array => {
      calls++;
      return defaultCrypto.keccak256(d);
    };
    const expected = defaultCrypto.keccak256(encodeHeader(b!.header, forks));
    expect(blockHashOnce(b!.header, forks, keccak)).toEqual(expected);
    expect(blockHashOnce(b!.header, { ...forks }, keccak)).toEqual(expected);
    expect(calls).toBe(1);
    blockHashOnce(b!.header, later, keccak);
    expect(calls).toBe(2);
  });
});
