import { secp256k1 } from "@noble/curves/secp256k1.js";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { afterAll, describe, expect, it } from "vitest";
import {
  type BlockHeader,
  BlockStatus,
  bytesToHex,
  decodeBlock,
  decodeExtendedBlock,
  decodeHeader,
  decodeHeaderList,
  EMPTY_ROOT_HASH,
  encodeBlock,
  encodeExtendedBlock,
  encodeHeader,
  encodeHeaderList,
  headerSignBytes,
  hexToBytes,
  isFinalizedStatus,
  MAINNET_HEADER_FORKS,
  txTrieKey,
  ZERO_ADDRESS,
  ZERO_HASH,
} from "../src/index.ts";

const k = (b: Uint8Array) => `0x${bytesToHex(keccak_256(b))}`;
let vectors = 0;
afterAll(() => {
  console.log(`docs/consensus.md §7.1 block vectors: ${vectors}`);
  expect(vectors).toBe(6);
});

// docs/consensus.md §7.1, from the reference's core/block_test.go.
const PRE_THETA2_BLOCK =
  "f90217f902138974657374636861696e0301a035a8f8d3cf9b6da72f72363d53291f9744cab20e420e7e6545235e93a3588e74e2c0a035a8f8d3cf9b6da72f72363d53291f9744cab20e420e7e6545235e93a3588e74a056e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421a056e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421b90100" +
  "00".repeat(256) +
  "a000000000000000000000000000000000000000000000000000000000000000b1845dc3ade894c0a4e0c9b349b13b5e882770bfcf20e985691298b841e745098aff2ddbae9aefbb72850f3ff7542dd26bc06252d235f9975a52152a6e257ce7195a31e14b4be0f185b59fd56f5dc3ee444759d16e8ae7964e9370436b00c0";

describe("docs/consensus.md §7.1 pre-Theta2 block", () => {
  const raw = hexToBytes(PRE_THETA2_BLOCK);
  const block = decodeBlock(raw, MAINNET_HEADER_FORKS);
  const h = block.header;

  it("decodes the reference fields and re-encodes byte for byte", () => {
    expect(h.chainId).toBe("testchain");
    expect(h.epoch).toBe(3n);
    expect(h.height).toBe(1n);
    expect(h.timestamp).toBe(1573105128n);
    expect(bytesToHex(h.proposer)).toBe("c0a4e0c9b349b13b5e882770bfcf20e985691298");
    expect(block.txs).toEqual([]);
    expect(h.guardianVotes).toBeUndefined();
    expect(bytesToHex(encodeBlock(block, MAINNET_HEADER_FORKS))).toBe(PRE_THETA2_BLOCK);
    vectors++;
  });

  it("header hash", () => {
    expect(k(encodeHeader(h, MAINNET_HEADER_FORKS))).toBe(
      "0xf1a7fa371f6a108bb4f2ed33de26ac006f0d8cf6a0ed9dc2c1d9547b6cf43cae",
    );
    vectors++;
  });

  it("sign-bytes hash, and the signature recovers to the proposer", () => {
    const digest = keccak_256(headerSignBytes(h, MAINNET_HEADER_FORKS));
    expect(`0x${bytesToHex(digest)}`).toBe(
      "0x6d8c64410af285280e13d3d8e93d2812ec9edf2530d4295a8a111768972f8070",
    );
    vectors++;
    const sig = h.signature!;
    const pub = secp256k1.Signature.fromBytes(sig.subarray(0, 64), "compact")
      .addRecoveryBit(sig[64]!)
      .recoverPublicKey(digest)
      .toBytes(false);
    expect(bytesToHex(keccak_256(pub.subarray(1)).subarray(12))).toBe(bytesToHex(h.proposer));
    vectors++;
  });
});

describe("docs/consensus.md §7.1 header with only Epoch = 1", () => {
  const header: BlockHeader = {
    chainId: "",
    epoch: 1n,
    height: 0n,
    parent: ZERO_HASH,
    hcc: { votes: [], blockHash: ZERO_HASH },
    guardianVotes: undefined,
    eliteEdgeNodeVotes: undefined,
    txHash: ZERO_HASH,
    receiptHash: ZERO_HASH,
    bloom: new Uint8Array(256),
    stateHash: ZERO_HASH,
    timestamp: 0n,
    proposer: ZERO_ADDRESS,
    signature: undefined,
  };
  const raw = encodeHeader(header, MAINNET_HEADER_FORKS);

  it("hash", () => {
    expect(k(raw)).toBe("0x87a331c1e807476de260f2dc2e4d531dc42500764587605c7574179bc4cbd5bc");
    vectors++;
  });

  it("RLP prefix", () => {
    const z32 = "00".repeat(32);
    const prefix = `f901c4800180a0${z32}e2c0a0${z32}a0${z32}a0${z32}b90100${"00".repeat(256)}a0${z32}8094${"00".repeat(20)}80`;
    expect(bytesToHex(raw)).toBe(prefix);
    vectors++;
  });
});

describe("header layout by fork height", () => {
  const base: BlockHeader = {
    ...decodeBlock(hexToBytes(PRE_THETA2_BLOCK), MAINNET_HEADER_FORKS).header,
    signature: undefined,
  };
  const forks = { theta2Height: 10n, theta3Height: 20n };
  const guardianVotes = {
    block: EMPTY_ROOT_HASH,
    gcp: ZERO_HASH,
    multiplies: [1, 0, 3],
    signature: undefined,
  };
  const eliteEdgeNodeVotes = {
    block: EMPTY_ROOT_HASH,
    multiplies: [2],
    addresses: [ZERO_ADDRESS],
    signature: new Uint8Array(96).fill(7),
  };

  it.each([
    [9n, 12],
    [10n, 13],
    [20n, 14],
  ])("height %s has %s fields and round-trips", (height, count) => {
    const h: BlockHeader = {
      ...base,
      height,
      guardianVotes: height >= 10n ? guardianVotes : undefined,
      eliteEdgeNodeVotes: height >= 20n ? eliteEdgeNodeVotes : undefined,
    };
    const raw = encodeHeader(h, forks);
    expect(decodeHeader(raw, forks)).toEqual(h);
    // One more or one fewer field is rejected.
    const other = { theta2Height: height + 1n, theta3Height: height + 1n };
    if (count > 12) expect(() => decodeHeader(raw, other)).toThrow(/too many elements/);
    const allAtZero = { theta2Height: 0n, theta3Height: 0n };
    if (count === 14) expect(decodeHeader(raw, allAtZero).height).toBe(height);
    else expect(() => decodeHeader(raw, allAtZero)).toThrow(/too few elements/);
  });

  it("the header-channel payload [[header…]] round-trips", () => {
    const list = [base, { ...base, height: 25n }];
    const raw = encodeHeaderList(list, forks);
    expect(decodeHeaderList(raw, forks)).toEqual(list);
    expect(decodeHeaderList(encodeHeaderList([], forks), forks)).toEqual([]);
  });

  it("absent votes after a fork encode as 0xc0", () => {
    const h: BlockHeader = { ...base, height: 25n };
    const raw = encodeHeader(h, forks);
    expect(bytesToHex(raw).endsWith("80c0c0")).toBe(true);
  });
});

describe("tx trie keys and extended blocks", () => {
  it("txTrieKey is RLP(uint index)", () => {
    expect(bytesToHex(txTrieKey(0))).toBe("80");
    expect(bytesToHex(txTrieKey(1))).toBe("01");
    expect(bytesToHex(txTrieKey(128))).toBe("8180");
  });

  it("extended block round-trips and rejects status 8", () => {
    const block = decodeBlock(hexToBytes(PRE_THETA2_BLOCK), MAINNET_HEADER_FORKS);
    const eb = {
      block: { ...block, txs: [hexToBytes("0aaa")] },
      children: [EMPTY_ROOT_HASH],
      status: BlockStatus.Committed,
      hasValidatorUpdate: true,
    };
    const raw = encodeExtendedBlock(eb, MAINNET_HEADER_FORKS);
    expect(decodeExtendedBlock(raw, MAINNET_HEADER_FORKS)).toEqual(eb);
    const bad = encodeExtendedBlock({ ...eb, status: 7 }, MAINNET_HEADER_FORKS);
    bad[bad.length - 2] = 8;
    expect(() => decodeExtendedBlock(bad, MAINNET_HEADER_FORKS)).toThrow(/status/);
    expect(isFinalizedStatus(BlockStatus.Trusted)).toBe(true);
    expect(isFinalizedStatus(BlockStatus.Committed)).toBe(false);
  });
});
