import { decodeBlock, decodeVote, hexToBytes, MAINNET_HEADER_FORKS } from "@theta/core-types";
import { defaultCrypto } from "@theta/crypto";
import { describe, expect, it } from "vitest";
import { BlockRejection, isVoteSigned, validateBlockBasic } from "../src/index.ts";

/**
 * docs/consensus.md §7.1 and §7.2 run through the engine's own checks with real secp256k1: the reference's
 * signed block passes the network-layer validation, the reference's vote verifies, and tampering fails.
 */
const PRE_THETA2_BLOCK =
  "f90217f902138974657374636861696e0301a035a8f8d3cf9b6da72f72363d53291f9744cab20e420e7e6545235e93a3588e74e2c0a035a8f8d3cf9b6da72f72363d53291f9744cab20e420e7e6545235e93a3588e74a056e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421a056e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421b90100" +
  "00".repeat(256) +
  "a000000000000000000000000000000000000000000000000000000000000000b1845dc3ade894c0a4e0c9b349b13b5e882770bfcf20e985691298b841e745098aff2ddbae9aefbb72850f3ff7542dd26bc06252d235f9975a52152a6e257ce7195a31e14b4be0f185b59fd56f5dc3ee444759d16e8ae7964e9370436b00c0";
const VOTE =
  "f87ca0a9afee47ff02cd0db670529268b614ee971f5f8c5beaa31c5b5a4fdd65392ee26581cd942e833968e5bb786ae419c4d13189fb081cc43babb841505543fa9f5d744c0bad0fa6a7189d7d747bd73e0e52d0f2676b7c6b9beda5d5025a9384e0351a795f56bcda6c021ed9e460f6b63e8aed999071fb26cd0d02e100";

describe("docs/consensus.md §7 vectors through the validator engine's checks", () => {
  let vectors = 0;

  it("docs/consensus.md §7.1: the reference's signed block passes Block.Validate; another chain id or proposer fails", () => {
    vectors++;
    const block = decodeBlock(hexToBytes(PRE_THETA2_BLOCK), MAINNET_HEADER_FORKS);
    expect(validateBlockBasic(block, "testchain", MAINNET_HEADER_FORKS, defaultCrypto)).toEqual({
      ok: true,
      value: true,
    });
    const other = validateBlockBasic(block, "mainnet", MAINNET_HEADER_FORKS, defaultCrypto);
    expect(other.ok === false && other.code).toBe(BlockRejection.WrongChain);
    const forged = { ...block, header: { ...block.header, proposer: new Uint8Array(20).fill(1) } };
    const bad = validateBlockBasic(forged, "testchain", MAINNET_HEADER_FORKS, defaultCrypto);
    expect(bad.ok === false && bad.code).toBe(BlockRejection.BadSignature);
  });

  it("docs/consensus.md §7.2: the reference's vote verifies (height unsigned); another epoch does not", () => {
    vectors++;
    const vote = decodeVote(hexToBytes(VOTE));
    expect(isVoteSigned(vote, defaultCrypto)).toBe(true);
    expect(isVoteSigned({ ...vote, height: 999n }, defaultCrypto)).toBe(true);
    expect(isVoteSigned({ ...vote, epoch: vote.epoch + 1n }, defaultCrypto)).toBe(false);
  });

  it("ran both vectors", () => {
    expect(vectors).toBe(2);
  });
});
