import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import {
  bytesToHex,
  ChannelId,
  decodeMempoolMessage,
  decodeSyncMessage,
  decodeVote,
  encodeMempoolMessage,
  encodeSyncMessage,
  hexToBytes,
  isThetaError,
  type SyncMessage,
} from "../src/index.ts";

let vectors = 0;
afterAll(() => {
  console.log(`docs/consensus.md §7.6 envelope vectors: ${vectors}`);
  expect(vectors).toBe(4);
});

const HASH = "0xa9afee47ff02cd0db670529268b614ee971f5f8c5beaa31c5b5a4fdd65392ee2";
const VOTE_RLP =
  "f87ca0a9afee47ff02cd0db670529268b614ee971f5f8c5beaa31c5b5a4fdd65392ee26581cd942e833968e5bb786ae419c4d13189fb081cc43babb841505543fa9f5d744c0bad0fa6a7189d7d747bd73e0e52d0f2676b7c6b9beda5d5025a9384e0351a795f56bcda6c021ed9e460f6b63e8aed999071fb26cd0d02e100";

function vector(m: SyncMessage, expected: string) {
  expect(bytesToHex(encodeSyncMessage(m))).toBe(expected);
  expect(decodeSyncMessage(hexToBytes(expected))).toEqual(m);
  vectors++;
}

describe("docs/consensus.md §7.6 wire envelopes", () => {
  it("InventoryRequest (msg id 0 encodes as 0x80)", () =>
    vector(
      { type: "inventoryRequest", channelId: ChannelId.Block, starts: [HASH], end: "" },
      "80f84803f844b84230786139616665653437666630326364306462363730353239323638623631346565393731663566386335626561613331633562356134666464363533393265653280",
    ));

  it("DataRequest", () =>
    vector(
      { type: "dataRequest", channelId: ChannelId.Block, entries: [HASH] },
      "02f84703f844b842307861396166656534376666303263643064623637303532393236386236313465653937316635663863356265616133316335623561346664643635333932656532",
    ));

  it("DataResponse carrying the docs/consensus.md §7.2 vote", () => {
    const m: SyncMessage = { type: "dataResponse", channelId: ChannelId.Vote, payload: hexToBytes(VOTE_RLP) };
    vector(m, `03f88106b87e${VOTE_RLP}`);
    const decoded = decodeSyncMessage(encodeSyncMessage(m));
    expect(decoded.type === "dataResponse" && decodeVote(decoded.payload).epoch).toBe(205n);
  });

  it("mempool message has no msg id", () => {
    expect(bytesToHex(encodeMempoolMessage(hexToBytes("deadbeef")))).toBe("c60784deadbeef");
    expect(decodeMempoolMessage(hexToBytes("c60784deadbeef"))).toEqual({
      channelId: 7,
      payload: hexToBytes("deadbeef"),
    });
    vectors++;
  });
});

describe("envelope codec properties", () => {
  const ch = fc.integer({ min: 0, max: 255 });
  const strs = fc.array(fc.string({ unit: "grapheme", maxLength: 70 }), { maxLength: 3 });
  const message: fc.Arbitrary<SyncMessage> = fc.oneof(
    fc.record({
      type: fc.constant("inventoryRequest" as const),
      channelId: ch,
      starts: strs,
      end: fc.string({ unit: "grapheme" }),
    }),
    fc.record({ type: fc.constant("inventoryResponse" as const), channelId: ch, entries: strs }),
    fc.record({ type: fc.constant("dataRequest" as const), channelId: ch, entries: strs }),
    fc.record({
      type: fc.constant("dataResponse" as const),
      channelId: ch,
      payload: fc.uint8Array({ maxLength: 80 }),
    }),
  );
  it("round-trips", () =>
    fc.assert(
      fc.property(message, (m) => {
        expect(decodeSyncMessage(encodeSyncMessage(m))).toEqual(m);
      }),
    ));
  it("random bytes decode or throw a ThetaError", () =>
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 120 }), (b) => {
        for (const decode of [decodeSyncMessage, decodeMempoolMessage]) {
          try {
            decode(b);
          } catch (e) {
            if (!isThetaError(e)) throw e;
          }
        }
      }),
      { numRuns: 10_000 },
    ));
});
