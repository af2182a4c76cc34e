import { keccak_256 } from "@noble/hashes/sha3.js";
import { afterAll, describe, expect, it } from "vitest";
import {
  asciiAddress,
  bytesToHex,
  type Coins,
  decodeEthLegacyTx,
  decodeTx,
  encodeTx,
  ethSigningPreimage,
  ethTxEncoding,
  hexToBytes,
  mapChainId,
  type ServicePaymentTx,
  SignBytesWrapper,
  type SmartContractTx,
  servicePaymentSourceSignBytes,
  servicePaymentTargetSignBytes,
  type Tx,
  TxType,
  txInput,
  txSignBytes,
} from "../src/index.ts";
import { ethSignedVector, signedTxVectors } from "./vectors/signedTxs.ts";

const k = (b: Uint8Array) => bytesToHex(keccak_256(b));
const c = (thetaWei: bigint, tfuelWei: bigint): Coins => ({ thetaWei, tfuelWei });
const V1 = hexToBytes("B23369B1225E72332462A75C1B7F509A805E3D6E");
const ta = asciiAddress;

describe("docs/ledger.md §12.1 sign-bytes vectors (upstream tx_test.go)", () => {
  const payment: ServicePaymentTx = {
    type: TxType.ServicePayment,
    fee: c(0n, 111n),
    source: txInput(ta("source"), c(0n, 12345n), 67890n),
    target: txInput(ta("target"), c(0n, 0n), 22341n),
    paymentSequence: 3n,
    reserveSequence: 12n,
    resourceId: "rid00123",
  };
  const cases: Array<[string, () => Uint8Array, string]> = [
    [
      "CoinbaseTx",
      () =>
        txSignBytes("test_chain_id", {
          type: TxType.Coinbase,
          proposer: txInput(V1, c(0n, 0n), 1n),
          outputs: [
            { address: ta("validator1"), coins: c(333n, 0n) },
            { address: ta("validator1"), coins: c(444n, 0n) },
          ],
          blockHeight: 10n,
        }),
      "F87F80808094000000000000000000000000000000000000000080B8648D746573745F636861696E5F696480F853DA94B23369B1225E72332462A75C1B7F509A805E3D6EC280800180F6DA9476616C696461746F723100000000000000000000C482014D80DA9476616C696461746F723100000000000000000000C48201BC800A",
    ],
    [
      "SlashTx",
      () =>
        txSignBytes("test_chain", {
          type: TxType.Slash,
          proposer: txInput(V1, c(0n, 0n), 1n),
          slashedAddress: ta("014FAB"),
          reserveSequence: 1n,
          slashProof: new TextEncoder().encode("2345ABC"),
        }),
      "F86280808094000000000000000000000000000000000000000080B8478A746573745F636861696E01F839DA94B23369B1225E72332462A75C1B7F509A805E3D6EC280800180943031344641420000000000000000000000000000018732333435414243",
    ],
    [
      "SendTx",
      () =>
        txSignBytes("test_chain", {
          type: TxType.Send,
          fee: c(111n, 0n),
          inputs: [txInput(ta("input1"), c(12345n, 0n), 67890n), txInput(ta("input2"), c(111n, 0n), 222n)],
          outputs: [
            { address: ta("output1"), coins: c(333n, 0n) },
            { address: ta("output2"), coins: c(444n, 0n) },
          ],
        }),
      "F8A180808094000000000000000000000000000000000000000080B8868A746573745F636861696E02F878C26F80F83CDF94696E707574310000000000000000000000000000C4823039808301093280DB94696E707574320000000000000000000000000000C26F8081DE80F6DA946F75747075743100000000000000000000000000C482014D80DA946F75747075743200000000000000000000000000C48201BC80",
    ],
    [
      "ReserveFundTx",
      () =>
        txSignBytes("test_chain", {
          type: TxType.ReserveFund,
          fee: c(0n, 111n),
          source: txInput(ta("input1"), c(0n, 12345n), 67890n),
          collateral: c(0n, 22897n),
          resourceIds: ["rid00123"],
          duration: 999n,
        }),
      "F85D80808094000000000000000000000000000000000000000080B8428A746573745F636861696E03F5C2806FDF94696E707574310000000000000000000000000000C4808230398301093280C480825971C98872696430303132338203E7",
    ],
    [
      "ReleaseFundTx",
      () =>
        txSignBytes("test_chain", {
          type: TxType.ReleaseFund,
          fee: c(0n, 111n),
          source: txInput(ta("input1"), c(0n, 12345n), 67890n),
          reserveSequence: 12n,
        }),
      "F84B80808094000000000000000000000000000000000000000080B18A746573745F636861696E04E4C2806FDF94696E707574310000000000000000000000000000C48082303983010932800C",
    ],
    [
      "ServicePaymentTx source",
      () => servicePaymentSourceSignBytes("test_chain", payment),
      "F86F80808094000000000000000000000000000000000000000080B8548A746573745F636861696E05F846C28080DC94736F757263650000000000000000000000000000C4808230398080DA947461726765740000000000000000000000000000C280808080030C887269643030313233",
    ],
    [
      "ServicePaymentTx target",
      () => servicePaymentTargetSignBytes("test_chain", payment),
      "F87480808094000000000000000000000000000000000000000080B8598A746573745F636861696E05F84BC2806FDF94736F757263650000000000000000000000000000C4808230398301093280DC947461726765740000000000000000000000000000C2808082574580030C887269643030313233",
    ],
    [
      "SplitRuleTx",
      () =>
        txSignBytes("test_chain", {
          type: TxType.SplitRule,
          fee: c(0n, 111n),
          resourceId: "rid00123",
          initiator: txInput(ta("source"), c(0n, 12345n), 67890n),
          splits: [{ address: ta("splitaddr1"), percentage: 30n }],
          duration: 99n,
        }),
      "F86E80808094000000000000000000000000000000000000000080B8538A746573745F636861696E06F845C2806F887269643030313233DF94736F757263650000000000000000000000000000C4808230398301093280D7D69473706C69746164647231000000000000000000001E63",
    ],
  ];
  let ran = 0;
  for (const [name, build, expected] of cases) {
    it(name, () => {
      expect(bytesToHex(build())).toBe(expected.toLowerCase());
      ran++;
    });
  }
  afterAll(() => expect(ran).toBe(8));
});

describe("docs/ledger.md §12.2–12.3 signed transactions", () => {
  let ran = 0;
  for (const v of signedTxVectors) {
    it(v.name, () => {
      const raw = hexToBytes(v.raw);
      const tx: Tx = decodeTx(raw);
      expect(bytesToHex(encodeTx(tx))).toBe(v.raw);
      expect(k(raw)).toBe(v.hash);
      expect(bytesToHex(txSignBytes(v.chainId, tx))).toBe(v.signBytes);
      if (v.txId) expect(k(txSignBytes(v.chainId, tx))).toBe(v.txId);
      if (v.v2SignBytes)
        expect(bytesToHex(txSignBytes(v.chainId, tx, SignBytesWrapper.V2))).toBe(v.v2SignBytes);
      if (v.sourceSignBytes) {
        expect(bytesToHex(servicePaymentSourceSignBytes(v.chainId, tx as ServicePaymentTx))).toBe(
          v.sourceSignBytes,
        );
      }
      ran++;
    });
  }
  it("Ethereum-signed SmartContractTx: pre-image, ETH encoding and both hashes", () => {
    const tx = decodeTx(hexToBytes(ethSignedVector.thetaRaw)) as SmartContractTx;
    expect(bytesToHex(encodeTx(tx))).toBe(ethSignedVector.thetaRaw);
    expect(k(hexToBytes(ethSignedVector.thetaRaw))).toBe(ethSignedVector.thetaHash);
    const heights = { rpcCompatibility: 11354820n, metachain: 17790756n };
    const chainId = mapChainId("mainnet", 11354820n, heights, keccak_256);
    expect(chainId).toBe(ethSignedVector.evmChainId);
    const pre = ethSigningPreimage(tx, chainId);
    expect(bytesToHex(pre)).toBe(ethSignedVector.preimage);
    expect(k(pre)).toBe(ethSignedVector.signingHash);
    const eth = ethTxEncoding(tx, chainId);
    expect(bytesToHex(eth)).toBe(ethSignedVector.ethRaw);
    expect(k(eth)).toBe(ethSignedVector.ethHash);
    const legacy = decodeEthLegacyTx(eth);
    expect(legacy.nonce).toBe(5n);
    expect(legacy.v).toBe(0x2f6n);
    ran++;
  });
  afterAll(() => expect(ran).toBe(signedTxVectors.length + 1));
});

describe("chain id mapping (docs/ledger.md §3.7)", () => {
  const heights = { rpcCompatibility: 100n, metachain: 200n };
  it("maps the known names, adds 360 from RPC compatibility, and reads tsubNNNN after Metachain", () => {
    expect(mapChainId("privatenet", 0n, heights, keccak_256)).toBe(6n);
    expect(mapChainId("privatenet", 100n, heights, keccak_256)).toBe(366n);
    expect(mapChainId("testnet", 150n, heights, keccak_256)).toBe(365n);
    expect(mapChainId("tsub1991", 200n, heights, keccak_256)).toBe(1991n);
    expect(mapChainId("tsub0991", 200n, heights, keccak_256)).not.toBe(991n);
    const custom = mapChainId("my_chain", 0n, heights, keccak_256);
    expect(custom).toBe(BigInt(`0x${k(new TextEncoder().encode("my_chain"))}`));
  });
});
