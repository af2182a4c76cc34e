import { peerIdFromPrivateKey } from "@libp2p/peer-id";
import { Channel } from "@theta/consensus";
import { bytesToHex, hexToBytes } from "@theta/core-types";
import { afterAll, describe, expect, it } from "vitest";
import { hostKeyFromIdentity, referenceEd25519Seed } from "../src/identity.ts";
import { decodeWireMessage, encodeWireMessage, WireDropCode } from "../src/wire.ts";

let vectors = 0;
afterAll(() => {
  console.log(`docs/consensus.md §7.6 vectors run by p2p: ${vectors}`);
  expect(vectors).toBe(5);
});

/** The 66-character string "0xa9af…2ee2" as hex. */
const HASH_STRING_HEX =
  "307861396166656534376666303263643064623637303532393236386236313465653937316635663863356265616133316335623561346664643635333932656532";
const VOTE_RLP =
  "f87ca0a9afee47ff02cd0db670529268b614ee971f5f8c5beaa31c5b5a4fdd65392ee26581cd942e833968e5bb786ae419c4d13189fb081cc43babb841505543fa9f5d744c0bad0fa6a7189d7d747bd73e0e52d0f2676b7c6b9beda5d5025a9384e0351a795f56bcda6c021ed9e460f6b63e8aed999071fb26cd0d02e100";
const PUBKEY_7_2 =
  "048e8d53fd435265ad074597cc3e202f8e935cfb57925bb51316252027cb08767fb8099226414732543c4b5cbaa64b4ee8f173ba559258a0b5f633a0d11509e78b";

describe("docs/consensus.md §7.6 on the wire", () => {
  it("a vote travels as the DataResponse vector and unwraps to the vote", () => {
    const wire = encodeWireMessage(Channel.Vote, hexToBytes(VOTE_RLP));
    expect(bytesToHex(wire)).toBe(`03f88106b87e${VOTE_RLP}`);
    const back = decodeWireMessage(Channel.Vote, wire);
    expect(back.ok && bytesToHex(back.value)).toBe(VOTE_RLP);
    vectors++;
  });

  it("a transaction travels as the mempool vector", () => {
    expect(bytesToHex(encodeWireMessage(7, hexToBytes("deadbeef")))).toBe("c60784deadbeef");
    const back = decodeWireMessage(7, hexToBytes("c60784deadbeef"));
    expect(back.ok && bytesToHex(back.value)).toBe("deadbeef");
    vectors++;
  });

  it("the InventoryRequest vector is not a message this network carries", () => {
    const r = decodeWireMessage(Channel.Block, hexToBytes(`80f84803f844b842${HASH_STRING_HEX}80`));
    expect(r.ok ? undefined : r.code).toBe(WireDropCode.WrongMessageType);
    vectors++;
  });

  it("the DataRequest vector is not a message this network carries", () => {
    const r = decodeWireMessage(Channel.Block, hexToBytes(`02f84703f844b842${HASH_STRING_HEX}`));
    expect(r.ok ? undefined : r.code).toBe(WireDropCode.WrongMessageType);
    vectors++;
  });

  it("the reference's libp2p identity of the docs/consensus.md §7.2 key", async () => {
    const key = await hostKeyFromIdentity({ ed25519Seed: referenceEd25519Seed(hexToBytes(PUBKEY_7_2)) });
    expect(bytesToHex(key.publicKey.raw)).toBe(
      "9c251845377deaa19b064badc5197a43510c37079f0fb195879e948197eeae48",
    );
    expect(peerIdFromPrivateKey(key).toString()).toBe("12D3KooWLKtaPatcXXNeuheMCRvNHrSKMjr3v9B2zFma2W4kAbfm");
    vectors++;
  });
});
