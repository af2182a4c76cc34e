import { ALL_FORKS_AT_GENESIS, ChannelId, isThetaError } from "@theta/core-types";
import { describe, expect, it } from "vitest";
import {
  dataRequestMessage,
  decodeConsensusMessage,
  decodeSyncInbound,
  headersMessage,
  INVENTORY_MAX_ENTRIES,
  inventoryRequestMessage,
  inventoryResponseMessage,
  SyncErrorCode,
} from "../../src/index.ts";
import { buildChain, world } from "./world.ts";

const forks = ALL_FORKS_AT_GENESIS;
const hash = (b: number) => new Uint8Array(32).fill(b);
const codeOf = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    return isThetaError(e) ? e.code : "not a ThetaError";
  }
  return undefined;
};

describe("the syncer's messages", () => {
  it("round-trip: inventory request and response, headers", () => {
    const starts = [hash(1), hash(2)];
    expect(decodeSyncInbound(ChannelId.Block, inventoryRequestMessage(starts), forks)).toEqual({
      kind: "inventoryRequest",
      starts,
    });
    expect(decodeSyncInbound(ChannelId.Block, inventoryResponseMessage(starts), forks)).toEqual({
      kind: "inventoryResponse",
      hashes: starts,
    });
    const headers = buildChain(world().genesis, 3).map((b) => b.header);
    expect(decodeSyncInbound(ChannelId.Header, headersMessage(headers, forks), forks)).toEqual({
      kind: "headers",
      headers,
    });
  });

  it("pass the engine's decoder on the Block channel (so networks that check payloads carry them)", () => {
    expect(decodeConsensusMessage(ChannelId.Block, inventoryRequestMessage([hash(1)]), forks)).toEqual({
      kind: "inventory",
    });
    expect(decodeConsensusMessage(ChannelId.Block, inventoryResponseMessage([hash(1)]), forks)).toEqual({
      kind: "inventory",
    });
    expect(decodeConsensusMessage(ChannelId.Block, dataRequestMessage([hash(1), hash(2)]), forks)).toEqual({
      kind: "blockRequest",
      hashes: [hash(1), hash(2)],
    });
  });

  it("an inventory or header message with too many entries is oversized; garbage is malformed", () => {
    const many = Array.from({ length: INVENTORY_MAX_ENTRIES + 1 }, (_, i) => hash(i));
    expect(codeOf(() => decodeSyncInbound(ChannelId.Block, inventoryResponseMessage(many), forks))).toBe(
      SyncErrorCode.Oversized,
    );
    const headers = buildChain(world().genesis, INVENTORY_MAX_ENTRIES + 1).map((b) => b.header);
    expect(codeOf(() => decodeSyncInbound(ChannelId.Header, headersMessage(headers, forks), forks))).toBe(
      SyncErrorCode.Oversized,
    );
    expect(codeOf(() => decodeSyncInbound(ChannelId.Header, new Uint8Array([0xc3, 1, 2]), forks))).toBe(
      SyncErrorCode.Malformed,
    );
    expect(codeOf(() => decodeSyncInbound(ChannelId.Block, new Uint8Array(17 * 1024 * 1024), forks))).toBe(
      SyncErrorCode.Oversized,
    );
    expect(decodeSyncInbound(ChannelId.Header, headersMessage(headers.slice(0, 3), forks), forks).kind).toBe(
      "headers",
    );
  });
});
