import {
  bytesToHex,
  decodeTx,
  encodeTx,
  hexToBytes,
  type ServicePaymentTx,
  type Tx,
  TxType,
  utf8ToBytes,
} from "@theta/core-types";
import { afterAll, describe, expect, it } from "vitest";
import { createCrypto, nobleBackend } from "../src/index.ts";
import { nativeBackend } from "../src/native/index.ts";

const KEY_A = hexToBytes("93a90ea508331dfdf27fb79757d4250b4e84954927ba0073cd67454ac432c737");
const KEY_B = hexToBytes("f3e4bfb656a98beac6931c86f48de62a7e469624d359f6b067b7f4a45a136446");

for (const backend of [nobleBackend, nativeBackend]) {
  const c = createCrypto(backend);
  describe(`spec vectors on the ${backend.name} backend`, () => {
    let ran = 0;
    const count = () => ran++;
    afterAll(() => expect(ran).toBe(3 + 3 + 3 + 1 + 1 + 11));

    // ledger.md §1.2
    for (const [input, hash] of [
      ["abc", "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45"],
      ["Hello world!", "ecd0e108a98e192af1d2c25055f4e3bed784b5c877204e73219a5203251feaab"],
      ["", "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"],
    ] as const) {
      it(`keccak256(${JSON.stringify(input)})`, () => {
        expect(bytesToHex(c.keccak256(utf8ToBytes(input)))).toBe(hash);
        count();
      });
    }
    // ledger.md §1.3 keys and addresses (the first two with public keys, the third address only)
    const keys: Array<[string, string | undefined, string]> = [
      [
        "f3e4bfb656a98beac6931c86f48de62a7e469624d359f6b067b7f4a45a136446",
        "046adefd8a2b7a581fab692cae4160d7399bc8280972122206a968762f2898bd2376879a7430520e6477a1d6c3d07f2688d6d71a83848b5086808b2d04847bea8e",
        "0x511f5B5aF946eDca88217EB9404477a95CB5C3F4",
      ],
      [
        "93a90ea508331dfdf27fb79757d4250b4e84954927ba0073cd67454ac432c737",
        "048e8d53fd435265ad074597cc3e202f8e935cfb57925bb51316252027cb08767fb8099226414732543c4b5cbaa64b4ee8f173ba559258a0b5f633a0d11509e78b",
        "0x2E833968E5bB786Ae419c4d13189fB081Cc43bab",
      ],
      [
        "289c2857d4598e37fb9647507e47a309d6133539bf21a8b9cb6df88fd5232032",
        undefined,
        "0x970e8128ab834e8eac17ab8e3812f010678cf791",
      ],
    ];
    for (const [sk, pub, addr] of keys) {
      it(`key ${sk.slice(0, 8)}… → ${addr}`, () => {
        const key = hexToBytes(sk);
        if (pub) expect(bytesToHex(c.publicKey(key))).toBe(pub);
        const a = c.privateKeyToAddress(key);
        expect(bytesToHex(a)).toBe(addr.slice(2).toLowerCase());
        if (addr !== addr.toLowerCase()) expect(c.toChecksumAddress(a)).toBe(addr);
        count();
      });
    }
    // ledger.md §1.3 contract addresses
    const sender = hexToBytes("970e8128ab834e8eac17ab8e3812f010678cf791");
    for (const [nonce, expected] of [
      [0n, "333c3310824b7c685133f2bedb2ca4b8b4df633d"],
      [1n, "8bda78331c916a08481428e4b07c96d3e916d165"],
      [2n, "c9ddedf451bc62ce88bf9292afb13df35b670699"],
    ] as const) {
      it(`contract address, nonce ${nonce}`, () => {
        expect(bytesToHex(c.contractAddress(sender, nonce))).toBe(expected);
        count();
      });
    }
    // ledger.md §1.4 ecrecover
    it("ecrecover (upstream signatureutils_test.go)", () => {
      const hash = hexToBytes("ce0677bb30baa8cf067c88db9811f4333d131bf8bcf12fe7065d211dce971008");
      const sig = hexToBytes(
        "90f27b8b488db00b00606796d2987f6a5f59ae62ea05effe84fef5b8b0e549984a691139ad57a3f0b906637673aa2f63d1f55cb1a69199d4009eea23ceaddc9301",
      );
      expect(bytesToHex(backend.recoverPublicKey(hash, sig)!)).toBe(
        "04e32df42865e97135acfb65f3bae71bdc86f4d49150ad6a440b6f15878109880a0a2b2667f7e725ceea70c673093bf67663e0312623c8e091b13cf2c0f11ef652",
      );
      count();
    });
    // consensus.md §7.2 vote signature
    it("vote signature (consensus.md §7.2)", () => {
      const signBytes = hexToBytes(
        "f83aa0a9afee47ff02cd0db670529268b614ee971f5f8c5beaa31c5b5a4fdd65392ee28081cd942e833968e5bb786ae419c4d13189fb081cc43bab80",
      );
      expect(bytesToHex(c.sign(signBytes, KEY_A))).toBe(
        "505543fa9f5d744c0bad0fa6a7189d7d747bd73e0e52d0f2676b7c6b9beda5d5025a9384e0351a795f56bcda6c021ed9e460f6b63e8aed999071fb26cd0d02e100",
      );
      count();
    });
    // ledger.md §12.2–12.3: re-signing the decoded, unsigned tx reproduces the raw bytes
    const signed: Array<[string, Uint8Array]> = [
      [
        "02f8a4c78085e8d4a51000f86ff86d942e833968e5bb786ae419c4d13189fb081cc43babd3888ac7230489e800008901158e46f1e875100002b8415a6e9a2e93487c786f07175998493161e61a5d9613745aa0e2fe51e5db1eaf626f72bfae41d971e88ff3b2c217cf611c2addb266e7d7ebda29cb0e9e5a2f482800eae9949f1233798e905e173560071255140b4a8abd3ec6d3888ac7230489e800008901158e460913d00000",
        KEY_A,
      ],
      [
        "03f890ca80880429d069189e0000f865942e833968e5bb786ae419c4d13189fb081cc43babcb80893635c9adc5dea0000003b841a2dc5e0b12296487f7cec4abf92883da457b513fe85d1ef2796ef5f880063c8a66ffb7f2b8a9ca1a4af5b1214775e2c36d25cdc95ccb0d043ff8c336d679702c01cb80893643aa647986040000ce86766964303031867669643030328203e8",
        KEY_A,
      ],
      [
        "04f86aca80880429d069189e0000f85c942e833968e5bb786ae419c4d13189fb081cc43babc2808004b8415e2f699cb396a72e18f99eb688a9435a7da3cf5041c821eb41600ffabfe59be90f7b7b7f340e04f2f77911575c41c40919eed9699183cbc327a090c6418992d20003",
        KEY_A,
      ],
      [
        "05f8d9ca80880429d069189e0000f865942e833968e5bb786ae419c4d13189fb081cc43babcb808904563918244f40000080b84135b1eca0477d121634fbe56c86f1e350afc8f52eee73cb49b5c34224cca817c767cf2f951b4c2e4702475ec4dc204012ad6b2ae69910734fb44514a0692e6a0000f85c94511f5b5af946edca88217eb9404477a95cb5c3f4c2808001b8411c73d8b9cb5a4740f700cf005efd8ee882dc3509fc99174d9d796bcc21a5dd5413f69d45c20c66743dc8cc30bd53f0e2ef4c8584ce4b3f54f0ab243ce1828d0301010386766964303031",
        KEY_A,
      ],
      [
        "06f88bca80880429d069189e000086766964303031f85c942e833968e5bb786ae419c4d13189fb081cc43babc2808005b841ffe2fc6cc6be1c36bea5fc84d6885d6f152103d55a0e457de89dc5551c09ecb4246a29651e00cecf1d26b4e452824fbd8f4edd7c5af0a880e4e81b453694a7dc00d7d694511f5b5af946edca88217eb9404477a95cb5c3f41e8203e8",
        KEY_A,
      ],
      [
        "07f8c8f85c942e833968e5bb786ae419c4d13189fb081cc43babc2808006b841411f509ffb70cf8cc782ee27275b0e9f20ae0e9d851e302660cec49a631d7ac9372a28a23b814f472758c05772a050b8bce67c8ae191747f5b947e7dfae65cb201d8940000000000000000000000000000000000001234c28080830186a08603a352944000b844a9059cbb000000000000000000000000511f5b5af946edca88217eb9404477a95cb5c3f40000000000000000000000000000000000000000000000000000000000000064",
        KEY_A,
      ],
      [
        "08f88dca80880429d069189e0000f866942e833968e5bb786ae419c4d13189fb081cc43babcc8a2a5a058fc295ed0000008007b8416283075661fc1693c9f953730c271df9eda3816d44d6b063f49ddee69b0fc3d61541dd187ea1bec25f562d1a9a9f0d6b62f309790387bdf00969f51281fd7a1200d894511f5b5af946edca88217eb9404477a95cb5c3f4c2808080",
        KEY_A,
      ],
      [
        "0af890ca80880429d069189e0000f866942e833968e5bb786ae419c4d13189fb081cc43babcc8a2a5a058fc295ed0000008007b8416283075661fc1693c9f953730c271df9eda3816d44d6b063f49ddee69b0fc3d61541dd187ea1bec25f562d1a9a9f0d6b62f309790387bdf00969f51281fd7a1200d894511f5b5af946edca88217eb9404477a95cb5c3f4c2808080808080",
        KEY_A,
      ],
      [
        "09f883ca80880429d069189e0000f85c942e833968e5bb786ae419c4d13189fb081cc43babc2808008b841fb7a76e695431ebb334bd48da976ea4dbf722e18063680cc2f2e49548729e35f6a4043c4aa3cca884a51f3d23da7ae9b2a6e07f652c0030f186b883a16cb9cc001d894511f5b5af946edca88217eb9404477a95cb5c3f4c2808080",
        KEY_A,
      ],
      [
        "0bf885ca80880429d069189e0000f85c942e833968e5bb786ae419c4d13189fb081cc43babc2808009b8410b45a80c5d545ab8374b7a120f39a8eb09b0e154fa8356b22068c7fc5c4317a67903705e81b860bb3bc0613f4a951d0cb4d1f35a9c266a3334785d66da0f609b00d894511f5b5af946edca88217eb9404477a95cb5c3f4c280808201f4",
        KEY_A,
      ],
      [
        "80f883f85c942e833968e5bb786ae419c4d13189fb081cc43babc2808080b841afef75a8b47b65d4f4775f0525acb83deee20d9951a0eddad4835a069ac6b4f1682ab030c26035e5d5f6358d7774dc230e5bcb37c7c14d49e4c3e5a9fe2995d400e3e294511f5b5af946edca88217eb9404477a95cb5c3f4cc808a01043561a8829300000064",
        KEY_A,
      ],
    ].map(([h, k]) => [h as string, k as Uint8Array]);
    for (const [rawHex, key] of signed) {
      it(`re-signs tx type 0x${rawHex.slice(0, 2)} byte for byte`, () => {
        const tx = decodeTx(hexToBytes(rawHex));
        const blank = stripSignatures(tx);
        let out: Tx = c.signTx("privatenet", blank, key);
        if (out.type === TxType.ServicePayment) out = c.signTx("privatenet", out, KEY_B);
        expect(bytesToHex(encodeTx(out))).toBe(rawHex);
        count();
      });
    }
  });
}

function stripSignatures(tx: Tx): Tx {
  const e = new Uint8Array(0);
  switch (tx.type) {
    case TxType.Send:
      return { ...tx, inputs: tx.inputs.map((i) => ({ ...i, signature: e })) };
    case TxType.ServicePayment:
      return {
        ...(tx as ServicePaymentTx),
        source: { ...tx.source, signature: e },
        target: { ...tx.target, signature: e },
      };
    case TxType.Coinbase:
    case TxType.Slash:
      return { ...tx, proposer: { ...tx.proposer, signature: e } };
    case TxType.SplitRule:
      return { ...tx, initiator: { ...tx.initiator, signature: e } };
    case TxType.SmartContract:
      return { ...tx, from: { ...tx.from, signature: e } };
    case TxType.StakeRewardDistribution:
      return { ...tx, holder: { ...tx.holder, signature: e } };
    default:
      return { ...tx, source: { ...tx.source, signature: e } };
  }
}
