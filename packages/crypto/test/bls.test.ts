import { bytesToHex, hexToBytes, isThetaError, utf8ToBytes } from "@theta/core-types";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import {
  blsAggregatePublicKeys,
  blsAggregateSignatures,
  blsPopProve,
  blsPopVerify,
  blsPublicKey,
  blsPublicKeyFromBytes,
  blsSecretKeyFromBytes,
  blsSecretKeyFromPrivateKey,
  blsSecretKeyFromSecpPublicKeyCompat,
  blsSecretKeyToBytes,
  blsSign,
  blsSignatureFromBytes,
  blsVerify,
  blsVerifyAggregate,
  CryptoErrorCode,
  thetaHashToG2,
} from "../src/index.ts";

const PUB =
  "048e8d53fd435265ad074597cc3e202f8e935cfb57925bb51316252027cb08767fb8099226414732543c4b5cbaa64b4ee8f173ba559258a0b5f633a0d11509e78b";

describe("docs/consensus.md §7.3 BLS vectors (pinned herumi)", () => {
  let ran = 0;
  afterAll(() => expect(ran).toBe(7));
  const sk1 = blsSecretKeyFromSecpPublicKeyCompat(hexToBytes(PUB));
  it("node key derived from the secp256k1 public key (compat)", () => {
    expect(bytesToHex(blsSecretKeyToBytes(sk1))).toBe(
      "6632303265336363373935343730646135363235333464663335643865383430",
    );
    ran++;
  });
  it("public key", () => {
    expect(bytesToHex(blsPublicKey(sk1).bytes)).toBe(
      "b3e80f28b649d2504d8ce8bd1a8d42a60994a0f9e96964e3ed2a848317484c42b27824e1d0b1288108b3ddb320d45d59",
    );
    ran++;
  });
  it("proof of possession", () => {
    const pop = blsPopProve(sk1);
    expect(bytesToHex(pop.bytes)).toBe(
      "8348872899937e5da5bbc23e88c5e3f7b8b56af31cd3e88890f0a12090a25a753ab911c4aba1f2c0cce70cfd0c4ffc8d0e1f0d5c5a89e0fbf7638d4eb15a316e6be0a22e4e111ca9ed0a94e060c7f906d06ca2a0525654e5948efeeb9f519038",
    );
    expect(blsPopVerify(blsPublicKey(sk1), pop)).toBe(true);
    ran++;
  });
  it('Sign("hello")', () => {
    const s = blsSign(sk1, utf8ToBytes("hello"));
    expect(bytesToHex(s.bytes)).toBe(
      "95017731e61a63b2beb0b162aad27280deda9b4e678b5178f68fc03df0fc22410c2b59f73843447bc29905b58b0106f81819ffd65a9df33e517a83be79b58d408211cce9adf5ed33aa83acb5dfddcdbd283dd1a4a7d78c6216a0ed58218adffe",
    );
    expect(blsVerify(blsPublicKey(sk1), utf8ToBytes("hello"), s)).toBe(true);
    expect(blsVerify(blsPublicKey(sk1), utf8ToBytes("hellO"), s)).toBe(false);
    ran++;
  });
  it("sk = 1: the G1 generator, and Sign('hello') = H_theta('hello')", () => {
    const one = blsSecretKeyFromBytes(hexToBytes(`${"00".repeat(31)}01`));
    expect(bytesToHex(blsPublicKey(one).bytes)).toBe(
      "97f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb",
    );
    const h =
      "980cd2382891152d4c8697bf4d4622e341f50d05692435af38938394282c66668baa090bd7068d8101499b21bb4397370d6d719c47eaa227108015d4242c2a2a154b1b16ec19ee9d180e5f1552a4f1900e470578f5b7f2e3976b348792bfcb93";
    expect(bytesToHex(blsSign(one, utf8ToBytes("hello")).bytes)).toBe(h);
    expect(bytesToHex(thetaHashToG2(utf8ToBytes("hello")).toBytes(true))).toBe(h);
    ran++;
  });
  it("second key", () => {
    const seed = "0123456789abcdef".repeat(8);
    const ascii = utf8ToBytes(seed);
    const sk2 = blsSecretKeyFromBytes(ascii.slice(0, 32).reverse());
    expect(bytesToHex(blsSecretKeyToBytes(sk2))).toBe(
      "6665646362613938373635343332313066656463626139383736353433323130",
    );
    expect(bytesToHex(blsPublicKey(sk2).bytes)).toBe(
      "b237d2fe6330dc5161517474a0d254f7a04b6fbb543cb9eeb04e5d25784a627ba16cc48f66f9bbbcde6a5288f698acc3",
    );
    ran++;
  });
  it("identity encodings", () => {
    expect(bytesToHex(blsAggregatePublicKeys([], []).bytes)).toBe(`c0${"00".repeat(47)}`);
    expect(bytesToHex(blsAggregateSignatures([]).bytes)).toBe(`c0${"00".repeat(95)}`);
    ran++;
  });
});

describe("docs/consensus.md §7.4 aggregated guardian vote", () => {
  it("multiplicities [1, 2]: aggregate signature and public key, and it verifies", () => {
    const sk1 = blsSecretKeyFromSecpPublicKeyCompat(hexToBytes(PUB));
    const sk2 = blsSecretKeyFromBytes(
      hexToBytes("6665646362613938373635343332313066656463626139383736353433323130"),
    );
    const msg = hexToBytes(
      "f844a0a9afee47ff02cd0db670529268b614ee971f5f8c5beaa31c5b5a4fdd65392ee2a02356e2e6adb8aacf676174533bac21b63af7667051c7f73a4aaf5f6f993271fac080",
    );
    const s1 = blsSign(sk1, msg);
    const s2 = blsSign(sk2, msg);
    expect(bytesToHex(s1.bytes)).toBe(
      "aeb2d0074eee854f0a31eb88749fb008b00e019aaad4d436226fa08e4f6a35037ad2eac73c1bfdc912b0080c774a4d881915b5f7925bf54c0cce7d151db89f6b7606a1d9b94166b98395ca11f1122b3cac28298e898c8af7b711b22c44447a99",
    );
    expect(bytesToHex(s2.bytes)).toBe(
      "b1a9e81e108821f3afde8c9de681bff358c68b0d7e3c78876573d71d14dd96d5daa1b0fe45860c41636a94fc41f828dd134a1a9f1c400e072531b9953bf9f775f7e1f41ff74400ce98aecadd99ca506c837e7ef6a39f1ac9ac8f94b5b3f2170d",
    );
    const agg = blsAggregateSignatures([s1, s2], [1, 2]);
    expect(bytesToHex(agg.bytes)).toBe(
      "87b0746064febc1b188e81cf233037c2b75f1a8757c5cec22d52931e0f07afbb02ed5d4053477a6a83d23dfe3279110400909008339c7ba5255d67698e29ce36b85df3d5428a9cfe11dc4adad4d83bf2a280a49840c55c5c4ac3ed4ab9f28d28",
    );
    const keys = [blsPublicKey(sk1), blsPublicKey(sk2)];
    expect(bytesToHex(blsAggregatePublicKeys(keys, [1, 2]).bytes)).toBe(
      "a92935be5e3854975bdd9a34ce5168891627e8cc3aae6cb0f9e391d7f4a06bd80a5fd4f8006580932310a9e59d879642",
    );
    expect(blsVerifyAggregate(keys, [1, 2], msg, agg)).toBe(true);
    expect(blsVerifyAggregate(keys, [1, 1], msg, agg)).toBe(false);
  });
});

describe("BLS keys, decoding and derivation", () => {
  it("docs/decisions.md §9: the key derives from the private key, deterministically, and differs from the compat key", () => {
    const secp = hexToBytes("93a90ea508331dfdf27fb79757d4250b4e84954927ba0073cd67454ac432c737");
    const a = blsSecretKeyFromPrivateKey(secp);
    expect(a.scalar).toBe(blsSecretKeyFromPrivateKey(secp).scalar);
    expect(a.scalar).not.toBe(blsSecretKeyFromSecpPublicKeyCompat(hexToBytes(PUB)).scalar);
    expect(blsPopVerify(blsPublicKey(a), blsPopProve(a))).toBe(true);
  });
  it("random bytes never crash the point decoders", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 100 }), (b) => {
        for (const decode of [blsPublicKeyFromBytes, blsSignatureFromBytes]) {
          try {
            decode(b);
          } catch (e) {
            expect(isThetaError(e)).toBe(true);
            expect([CryptoErrorCode.InvalidBlsKey, CryptoErrorCode.InvalidBlsSignature]).toContain(
              (e as { code: string }).code,
            );
          }
        }
      }),
      { numRuns: 3000 },
    );
  });
});
