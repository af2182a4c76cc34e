import { secp256k1 } from "@noble/curves/secp256k1.js";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { afterAll, describe, expect, it } from "vitest";
import {
  type AggregatedVotes,
  aggregatedVotesSignBytes,
  bytesToHex,
  decodeAggregatedVotes,
  decodeGcp,
  decodeVote,
  eenVoteSignBytes,
  encodeAggregatedVotes,
  encodeGcp,
  encodeVote,
  type GuardianCandidatePool,
  hexToBytes,
  MAX_RETURN_HEIGHT,
  utf8ToBytes,
  type Vote,
  voteSignBytes,
} from "../src/index.ts";

const hex = (b: Uint8Array) => bytesToHex(b);
let vectors = 0;
afterAll(() => {
  console.log(`docs/consensus.md §7.2/§7.4 vote vectors: ${vectors}`);
  expect(vectors).toBe(11);
});

// docs/consensus.md §7.2
const PRIV = hexToBytes("93a90ea508331dfdf27fb79757d4250b4e84954927ba0073cd67454ac432c737");
const ADDRESS = "2e833968e5bb786ae419c4d13189fb081cc43bab";
const BLOCK = "a9afee47ff02cd0db670529268b614ee971f5f8c5beaa31c5b5a4fdd65392ee2";
const SIGNATURE =
  "505543fa9f5d744c0bad0fa6a7189d7d747bd73e0e52d0f2676b7c6b9beda5d5025a9384e0351a795f56bcda6c021ed9e460f6b63e8aed999071fb26cd0d02e100";
const SIGN_BYTES = `f83aa0${BLOCK}8081cd94${ADDRESS}80`;
const VOTE_RLP = `f87ca0${BLOCK}6581cd94${ADDRESS}b841${SIGNATURE}`;

describe("docs/consensus.md §7.2 secp256k1 vote", () => {
  const vote: Vote = {
    block: hexToBytes(BLOCK),
    height: 101n,
    epoch: 205n,
    id: hexToBytes(ADDRESS),
    signature: hexToBytes(SIGNATURE),
  };

  it("the block is keccak256('theta-test-block')", () => {
    expect(hex(keccak_256(utf8ToBytes("theta-test-block")))).toBe(BLOCK);
    vectors++;
  });

  it("sign bytes (height 0, nil signature)", () => {
    expect(hex(voteSignBytes(vote))).toBe(SIGN_BYTES);
    vectors++;
  });

  it("signature over keccak256(sign bytes) is noble's and recovers to the voter", () => {
    const digest = keccak_256(voteSignBytes(vote));
    const sig = secp256k1.sign(digest, PRIV, { prehash: false, format: "compact" });
    const recovered = secp256k1.Signature.fromBytes(sig, "compact")
      .addRecoveryBit(Number(SIGNATURE.slice(128)))
      .recoverPublicKey(digest)
      .toBytes(false);
    expect(hex(sig)).toBe(SIGNATURE.slice(0, 128));
    expect(hex(keccak_256(recovered.subarray(1)).subarray(12))).toBe(ADDRESS);
    vectors++;
  });

  it("vote RLP round-trips", () => {
    expect(hex(encodeVote(vote))).toBe(VOTE_RLP);
    expect(decodeVote(hexToBytes(VOTE_RLP))).toEqual(vote);
    vectors++;
  });

  it("vote hash", () => {
    expect(hex(keccak_256(encodeVote(vote)))).toBe(
      "be906a82beeb770feffabe90d34e93986d757ce24877aad5ab1fb0199edbc311",
    );
    vectors++;
  });
});

// docs/consensus.md §7.4
const GCP_HASH = "2356e2e6adb8aacf676174533bac21b63af7667051c7f73a4aaf5f6f993271fa";
const AGG_SIG =
  "87b0746064febc1b188e81cf233037c2b75f1a8757c5cec22d52931e0f07afbb02ed5d4053477a6a83d23dfe3279110400909008339c7ba5255d67698e29ce36b85df3d5428a9cfe11dc4adad4d83bf2a280a49840c55c5c4ac3ed4ab9f28d28";
const PK1 =
  "b3e80f28b649d2504d8ce8bd1a8d42a60994a0f9e96964e3ed2a848317484c42b27824e1d0b1288108b3ddb320d45d59";
const PK2 =
  "b237d2fe6330dc5161517474a0d254f7a04b6fbb543cb9eeb04e5d25784a627ba16cc48f66f9bbbcde6a5288f698acc3";
const GCP_RLP =
  "f8eef8ecf874f841942e833968e5bb786ae419c4d13189fb081cc43babebea942e833968e5bb786ae419c4d13189fb081cc43bab8a021e19e0c9bab24000008088ffffffffffffffffb0b3e80f28b649d2504d8ce8bd1a8d42a60994a0f9e96964e3ed2a848317484c42b27824e1d0b1288108b3ddb320d45d59f874f8419470f587259738cb626a1720af7038b8dcdb6a42a0ebea9470f587259738cb626a1720af7038b8dcdb6a42a08a043c33c19375648000008088ffffffffffffffffb0b237d2fe6330dc5161517474a0d254f7a04b6fbb543cb9eeb04e5d25784a627ba16cc48f66f9bbbcde6a5288f698acc3";

describe("docs/consensus.md §7.4 aggregated guardian vote", () => {
  it("the gcp hash is keccak256('theta-test-gcp')", () => {
    expect(hex(keccak_256(utf8ToBytes("theta-test-gcp")))).toBe(GCP_HASH);
    vectors++;
  });

  it("signed message", () => {
    expect(hex(aggregatedVotesSignBytes(hexToBytes(BLOCK), hexToBytes(GCP_HASH)))).toBe(
      `f844a0${BLOCK}a0${GCP_HASH}c080`,
    );
    vectors++;
  });

  it("AggregatedVotes RLP with multiplies [1, 2] round-trips", () => {
    const agg: AggregatedVotes = {
      block: hexToBytes(BLOCK),
      gcp: hexToBytes(GCP_HASH),
      multiplies: [1, 2],
      signature: hexToBytes(AGG_SIG),
    };
    const expected = `f8a7a0${BLOCK}a0${GCP_HASH}c20102b860${AGG_SIG}`;
    expect(hex(encodeAggregatedVotes(agg))).toBe(expected);
    expect(decodeAggregatedVotes(hexToBytes(expected))).toEqual(agg);
    vectors++;
  });

  it("EEN signed message", () => {
    expect(hex(eenVoteSignBytes(hexToBytes(BLOCK)))).toBe(`e1a0${BLOCK}`);
    vectors++;
  });

  it("GCP of two guardians: RLP and hash", () => {
    const guardian = (addr: string, thetaWei: bigint, pk: string) => ({
      holder: hexToBytes(addr),
      stakes: [
        { source: hexToBytes(addr), amount: thetaWei, withdrawn: false, returnHeight: MAX_RETURN_HEIGHT },
      ],
      blsPubkey: hexToBytes(pk),
    });
    const gcp: GuardianCandidatePool = {
      sortedGuardians: [
        guardian(ADDRESS, 10_000n * 10n ** 18n, PK1),
        guardian("70f587259738cb626a1720af7038b8dcdb6a42a0", 20_000n * 10n ** 18n, PK2),
      ],
    };
    expect(hex(encodeGcp(gcp))).toBe(GCP_RLP);
    expect(hex(keccak_256(encodeGcp(gcp)))).toBe(
      "65201ec49ed3c89ee2975710d8867ecaab0d93ab0d0a88aa33da4be9d6b58951",
    );
    vectors++;
    expect(decodeGcp(hexToBytes(GCP_RLP))).toEqual(gcp);
    vectors++;
  });
});

describe("aggregated-vote field rules", () => {
  const base = `a0${BLOCK}a0${GCP_HASH}c20102`;
  it("a nil signature is 0x80 and decodes as undefined", () => {
    const raw = hexToBytes(`f846${base}80`);
    expect(decodeAggregatedVotes(raw).signature).toBeUndefined();
    expect(hex(encodeAggregatedVotes(decodeAggregatedVotes(raw)))).toBe(`f846${base}80`);
  });
  it("rejects a BLS signature that is not 96 bytes", () => {
    expect(() => decodeAggregatedVotes(hexToBytes(`f848${base}820102`))).toThrow(
      /aggregated_votes.signature/,
    );
  });
  it("rejects multiplicities above uint32", () => {
    const raw = hexToBytes(`f84aa0${BLOCK}a0${GCP_HASH}c685010000000080`);
    expect(() => decodeAggregatedVotes(raw)).toThrow(/multiplies\[0\]/);
    expect(() =>
      encodeAggregatedVotes({
        block: hexToBytes(BLOCK),
        gcp: hexToBytes(GCP_HASH),
        multiplies: [2 ** 32],
        signature: undefined,
      }),
    ).toThrow(/multiplies\[0\]/);
  });
});
