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
import { type CryptoBackend, createCrypto } from "../src/index.ts";

const KEY_A = hexToBytes("93a90ea508331dfdf27fb79757d4250b4e84954927ba0073cd67454ac432c737");
const KEY_B = hexToBytes("f3e4bfb656a98beac6931c86f48de62a7e469624d359f6b067b7f4a45a136446");

/**
 * The spec vectors cited below, on one backend: this package runs them on noble
 * (vectors.test.ts), @theta/crypto-native on its native backend.
 */
export function specVectorSuite(backend: CryptoBackend): void {
  const c = createCrypto(backend);
  describe(`spec vectors on the ${backend.name} backend`, () => {
    let ran = 0;
    const count = () => ran++;
    afterAll(() => expect(ran).toBe(3 + 3 + 3 + 1 + 1 + 3 + 11));

    // docs/ledger.md §1.2
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
    // docs/ledger.md §1.3 keys and addresses (the first two with public keys, the third address only)
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
    // docs/ledger.md §1.3 contract addresses
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
    // docs/ledger.md §1.4 ecrecover
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
    // docs/consensus.md §7.2 vote signature
    it("vote signature (docs/consensus.md §7.2)", () => {
      const signBytes = hexToBytes(
        "f83aa0a9afee47ff02cd0db670529268b614ee971f5f8c5beaa31c5b5a4fdd65392ee28081cd942e833968e5bb786ae419c4d13189fb081cc43bab80",
      );
      expect(bytesToHex(c.sign(signBytes, KEY_A))).toBe(
        "505543fa9f5d744c0bad0fa6a7189d7d747bd73e0e52d0f2676b7c6b9beda5d5025a9384e0351a795f56bcda6c021ed9e460f6b63e8aed999071fb26cd0d02e100",
      );
      count();
    });
    // docs/ledger.md §12.2–12.3: re-signing the decoded, unsigned tx reproduces the raw bytes
    const signed: Array<[string, Uint8Array, string]> = [
      [
        "02f8a4c78085e8d4a51000f86ff86d942e833968e5bb786ae419c4d13189fb081cc43babd3888ac7230489e800008901158e46f1e875100002b8415a6e9a2e93487c786f07175998493161e61a5d9613745aa0e2fe51e5db1eaf626f72bfae41d971e88ff3b2c217cf611c2addb266e7d7ebda29cb0e9e5a2f482800eae9949f1233798e905e173560071255140b4a8abd3ec6d3888ac7230489e800008901158e460913d00000",
        KEY_A,
        "27f1095c41ae036d09b2624d095c7515eda5886a28b894ea6bb2b82f774641dd",
      ],
      [
        "03f890ca80880429d069189e0000f865942e833968e5bb786ae419c4d13189fb081cc43babcb80893635c9adc5dea0000003b841a2dc5e0b12296487f7cec4abf92883da457b513fe85d1ef2796ef5f880063c8a66ffb7f2b8a9ca1a4af5b1214775e2c36d25cdc95ccb0d043ff8c336d679702c01cb80893643aa647986040000ce86766964303031867669643030328203e8",
        KEY_A,
        "9a6c0ea8bddfe67eb2429e2f562e09c1f74b7087b568c0c7857005a6bce6b5af",
      ],
      [
        "04f86aca80880429d069189e0000f85c942e833968e5bb786ae419c4d13189fb081cc43babc2808004b8415e2f699cb396a72e18f99eb688a9435a7da3cf5041c821eb41600ffabfe59be90f7b7b7f340e04f2f77911575c41c40919eed9699183cbc327a090c6418992d20003",
        KEY_A,
        "f5fc5d29ee47647da67917c7488aae5809ccd82e768d1a66979cbb0e54e3619c",
      ],
      [
        "05f8d9ca80880429d069189e0000f865942e833968e5bb786ae419c4d13189fb081cc43babcb808904563918244f40000080b84135b1eca0477d121634fbe56c86f1e350afc8f52eee73cb49b5c34224cca817c767cf2f951b4c2e4702475ec4dc204012ad6b2ae69910734fb44514a0692e6a0000f85c94511f5b5af946edca88217eb9404477a95cb5c3f4c2808001b8411c73d8b9cb5a4740f700cf005efd8ee882dc3509fc99174d9d796bcc21a5dd5413f69d45c20c66743dc8cc30bd53f0e2ef4c8584ce4b3f54f0ab243ce1828d0301010386766964303031",
        KEY_A,
        "fef1ee3a27c5dad6f78b3759fd46ec81022fb0e8744b4b3ced8f61605d5f477f",
      ],
      [
        "06f88bca80880429d069189e000086766964303031f85c942e833968e5bb786ae419c4d13189fb081cc43babc2808005b841ffe2fc6cc6be1c36bea5fc84d6885d6f152103d55a0e457de89dc5551c09ecb4246a29651e00cecf1d26b4e452824fbd8f4edd7c5af0a880e4e81b453694a7dc00d7d694511f5b5af946edca88217eb9404477a95cb5c3f41e8203e8",
        KEY_A,
        "3de9a3da81bc9cd2f7aa019712fec2e56a833e4c9c5ffdcd1c96622daede1698",
      ],
      [
        "07f8c8f85c942e833968e5bb786ae419c4d13189fb081cc43babc2808006b841411f509ffb70cf8cc782ee27275b0e9f20ae0e9d851e302660cec49a631d7ac9372a28a23b814f472758c05772a050b8bce67c8ae191747f5b947e7dfae65cb201d8940000000000000000000000000000000000001234c28080830186a08603a352944000b844a9059cbb000000000000000000000000511f5b5af946edca88217eb9404477a95cb5c3f40000000000000000000000000000000000000000000000000000000000000064",
        KEY_A,
        "fe4a6fe19d6e9ce09475127697d458cb78bace24757d1fc6b539727f729d1105",
      ],
      [
        "08f88dca80880429d069189e0000f866942e833968e5bb786ae419c4d13189fb081cc43babcc8a2a5a058fc295ed0000008007b8416283075661fc1693c9f953730c271df9eda3816d44d6b063f49ddee69b0fc3d61541dd187ea1bec25f562d1a9a9f0d6b62f309790387bdf00969f51281fd7a1200d894511f5b5af946edca88217eb9404477a95cb5c3f4c2808080",
        KEY_A,
        "6224f86d6a63647efdadf439a84cc7b7917b5da6957e1a6308872ab30df3b113",
      ],
      [
        "0af890ca80880429d069189e0000f866942e833968e5bb786ae419c4d13189fb081cc43babcc8a2a5a058fc295ed0000008007b8416283075661fc1693c9f953730c271df9eda3816d44d6b063f49ddee69b0fc3d61541dd187ea1bec25f562d1a9a9f0d6b62f309790387bdf00969f51281fd7a1200d894511f5b5af946edca88217eb9404477a95cb5c3f4c2808080808080",
        KEY_A,
        "8d0529f02508bf52cf10e74aaa6590a8d59c8cef5b3a0c9140c589b976062efb",
      ],
      [
        "09f883ca80880429d069189e0000f85c942e833968e5bb786ae419c4d13189fb081cc43babc2808008b841fb7a76e695431ebb334bd48da976ea4dbf722e18063680cc2f2e49548729e35f6a4043c4aa3cca884a51f3d23da7ae9b2a6e07f652c0030f186b883a16cb9cc001d894511f5b5af946edca88217eb9404477a95cb5c3f4c2808080",
        KEY_A,
        "d6da473029aa6323edc71be81c7eb4f162a542a657311589b1fd4a2d52e71f29",
      ],
      [
        "0bf885ca80880429d069189e0000f85c942e833968e5bb786ae419c4d13189fb081cc43babc2808009b8410b45a80c5d545ab8374b7a120f39a8eb09b0e154fa8356b22068c7fc5c4317a67903705e81b860bb3bc0613f4a951d0cb4d1f35a9c266a3334785d66da0f609b00d894511f5b5af946edca88217eb9404477a95cb5c3f4c280808201f4",
        KEY_A,
        "81e605972efaf83ee643f851f153da5e22ecd3828c09cf240a2352cf96724f03",
      ],
      [
        "80f883f85c942e833968e5bb786ae419c4d13189fb081cc43babc2808080b841afef75a8b47b65d4f4775f0525acb83deee20d9951a0eddad4835a069ac6b4f1682ab030c26035e5d5f6358d7774dc230e5bcb37c7c14d49e4c3e5a9fe2995d400e3e294511f5b5af946edca88217eb9404477a95cb5c3f4cc808a01043561a8829300000064",
        KEY_A,
        "dcf4817e47ed3578496ab70fffd2cc6622846f1675f6f50783ca99eef2c4fffa",
      ],
    ].map(([h, k, hash]) => [h as string, k as Uint8Array, hash as string]);
    it("canonical hashes of every docs/ledger.md §12.2–12.3 raw tx", () => {
      for (const [rawHex, , hash] of signed) expect(bytesToHex(c.txHash(hexToBytes(rawHex)))).toBe(hash);
      count();
    });
    it("TxIDs (docs/ledger.md §12.2–§12.3): SendTx and ServicePaymentTx's target sign bytes", () => {
      const send = decodeTx(hexToBytes(signed[0]![0]));
      expect(bytesToHex(c.txId("privatenet", send))).toBe(
        "aea214df95f3424dfe4878e54d269bfffe9840caf7458d4fb4c0de60b711271b",
      );
      const sp = decodeTx(hexToBytes(signed[3]![0]));
      expect(bytesToHex(c.txId("privatenet", sp))).toBe(
        "a302027ec15c2f4fa87ac8bcf9304e88defb6af12cbbc91070e9d3c7bb5586da",
      );
      count();
    });
    it("Ethereum-signed SmartContractTx (docs/ledger.md §12.3): signing hash, recovery, canonical hash", () => {
      const preimage = hexToBytes(
        "ef058603a35294400082520894511f5b5af946edca88217eb9404477a95cb5c3f4880de0b6b3a7640000808201698080",
      );
      const signingHash = c.keccak256(preimage);
      expect(bytesToHex(signingHash)).toBe(
        "0890cd9f8f3dde16cde18081a1a40773bcc5556dd3e168857afb05d98d765634",
      );
      const rawHex =
        "07f88af864942e833968e5bb786ae419c4d13189fb081cc43babca80880de0b6b3a764000006b8418ac2218662df168ae64135ec198b762b3774b057170135e6c0b931e2c9eb5be0671723d1471660451a8f9e08439c41cf28f660c15b9d567468305fa19584261e1cd894511f5b5af946edca88217eb9404477a95cb5c3f4c280808252088603a35294400080";
      const tx = decodeTx(hexToBytes(rawHex));
      if (tx.type !== TxType.SmartContract) throw new Error("expected a SmartContractTx");
      const sig = tx.from.signature;
      expect(sig[64]).toBe(0x1c);
      expect(c.toChecksumAddress(c.recoverEthAddress(signingHash, sig)!)).toBe(
        "0x2E833968E5bB786Ae419c4d13189fB081Cc43bab",
      );
      // the Theta path (v must be 0/1) does not accept it; a high-S twin is refused on the Ethereum path
      expect(c.recoverAddress(preimage, sig)).toBeUndefined();
      expect(c.recoverEthAddress(signingHash, highSTwin(sig))).toBeUndefined();
      expect(bytesToHex(c.txHash(hexToBytes(rawHex)))).toBe(
        "176b863eff59ccc8e8414c9495c1e2def6ffc7692cbdd56c5d20b01e9f37ba50",
      );
      count();
    });
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

const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

/** S' = n − S with the recovery bit flipped: the same signer, but high-S. */
function highSTwin(sig: Uint8Array): Uint8Array {
  let v = 0n;
  for (const x of sig.subarray(32, 64)) v = (v << 8n) | BigInt(x);
  const out = sig.slice();
  out.set(hexToBytes((N - v).toString(16).padStart(64, "0")), 32);
  out[64] = sig[64] === 27 ? 28 : 27;
  return out;
}
