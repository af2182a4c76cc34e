/**
 * Strict transaction decoding (docs/ledger.md §1.5, §3.2): each rejection rule with a concrete input
 * built from a docs/ledger.md §12.3 vector, and the wire-format rules (tag, trailing bytes, size, BLS fields).
 */
import { bls12_381 } from "@noble/curves/bls12-381.js";
import { describe, expect, it } from "vitest";
import {
  bytesToHex,
  concatBytes,
  type DepositStakeTxV2,
  decodeTx,
  encodeTx,
  encodeUint,
  hexToBytes,
  isThetaError,
  RlpErrorCode,
  type RlpItem,
  rlpDecode,
  rlpDecodeFirst,
  rlpEncode,
  TxErrorCode,
  TxType,
} from "../src/index.ts";
import { signedTxVectors } from "./vectors/signedTxs.ts";

const rawOf = (prefix: string) => hexToBytes(signedTxVectors.find((v) => v.name.startsWith(prefix))!.raw);
const WITHDRAW = rawOf("WithdrawStakeTx");
const SEND = rawOf("SendTx");

/** The tag and the body list of a raw transaction. */
function split(raw: Uint8Array): { tag: Uint8Array; body: RlpItem[] } {
  const tag = rlpDecodeFirst(raw, 0);
  return { tag: raw.subarray(0, tag.end), body: [...(rlpDecode(raw.subarray(tag.end)) as RlpItem[])] };
}
const join = (tag: Uint8Array, body: RlpItem) => concatBytes(tag, rlpEncode(body));

function codeOf(raw: Uint8Array): string | undefined {
  try {
    decodeTx(raw);
    return undefined;
  } catch (e) {
    if (isThetaError(e)) return e.code;
    throw e;
  }
}

describe("transaction wire format (docs/ledger.md §3.2)", () => {
  it("ignores bytes after the body", () => {
    const withTail = concatBytes(SEND, hexToBytes("deadbeefc0"));
    expect(decodeTx(withTail)).toEqual(decodeTx(SEND));
  });

  it("rejects unknown tags, a uint16 overflow and non-canonical tags", () => {
    const { body } = split(WITHDRAW);
    expect(codeOf(join(hexToBytes("0c"), body))).toBe(TxErrorCode.UnknownType);
    expect(codeOf(join(hexToBytes("82ffff"), body))).toBe(TxErrorCode.UnknownType);
    expect(codeOf(join(hexToBytes("83010000"), body))).toBe(RlpErrorCode.IntOverflow);
    expect(codeOf(join(hexToBytes("8109"), body))).toBe(RlpErrorCode.NonCanonicalSize);
    expect(codeOf(join(hexToBytes("00"), body))).toBe(RlpErrorCode.NonCanonicalInt);
    expect(codeOf(join(hexToBytes("c0"), body))).toBe(RlpErrorCode.WrongKind);
  });

  it("rejects a missing body and inputs over 8 MiB", () => {
    expect(codeOf(hexToBytes("09"))).toBe(RlpErrorCode.Truncated);
    expect(codeOf(new Uint8Array(8 * 1024 * 1024 + 1))).toBe(TxErrorCode.TooLarge);
  });
});

describe("strict body decoding (docs/ledger.md §1.5)", () => {
  const { tag, body } = split(WITHDRAW);
  const withField = (i: number, v: RlpItem) =>
    join(
      tag,
      body.map((x, k) => (k === i ? v : x)),
    );

  it("the unmodified vector decodes and re-encodes byte for byte", () => {
    expect(bytesToHex(encodeTx(decodeTx(WITHDRAW)))).toBe(bytesToHex(WITHDRAW));
  });

  it("structs need exactly their element count", () => {
    expect(codeOf(join(tag, body.slice(0, 3)))).toBe(RlpErrorCode.WrongElementCount);
    expect(codeOf(join(tag, [...body, encodeUint(0)]))).toBe(RlpErrorCode.WrongElementCount);
  });

  it("uint8 purpose above 255 fails; leading zeros and a wrapped small value fail", () => {
    expect(codeOf(withField(3, encodeUint(256)))).toBe(RlpErrorCode.IntOverflow);
    expect(codeOf(withField(3, Uint8Array.of(0, 1)))).toBe(RlpErrorCode.NonCanonicalInt);
    expect(codeOf(withField(3, Uint8Array.of(0)))).toBe(RlpErrorCode.NonCanonicalInt);
    // purpose 5 written 0x81 0x05 instead of 0x05: the body list is assembled by hand.
    const inner = concatBytes(...body.slice(0, 3).map((x) => rlpEncode(x)), hexToBytes("8105"));
    const header = inner.length < 56 ? Uint8Array.of(0xc0 + inner.length) : Uint8Array.of(0xf8, inner.length);
    expect(codeOf(concatBytes(tag, header, inner))).toBe(RlpErrorCode.NonCanonicalSize);
  });

  it("big integers (coins) reject a leading zero byte", () => {
    const fee = body[0] as RlpItem[];
    expect(codeOf(withField(0, [fee[0]!, Uint8Array.of(0, ...(fee[1] as Uint8Array))]))).toBe(
      RlpErrorCode.NonCanonicalInt,
    );
  });

  it("addresses must be exactly 20 bytes", () => {
    const holder = body[2] as RlpItem[];
    const short = (holder[0] as Uint8Array).subarray(1);
    expect(codeOf(withField(2, [short, holder[1]!]))).toBe(RlpErrorCode.WrongLength);
    expect(codeOf(withField(2, [concatBytes(short, new Uint8Array(2)), holder[1]!]))).toBe(
      RlpErrorCode.WrongLength,
    );
  });

  it("signatures of any length decode, empty included", () => {
    const source = body[1] as RlpItem[];
    for (const len of [0, 1, 64, 66]) {
      const t = decodeTx(withField(1, [source[0]!, source[1]!, source[2]!, new Uint8Array(len).fill(7)]));
      expect(t.type === TxType.WithdrawStake && t.source.signature.length).toBe(len);
    }
  });
});

describe("DepositStakeTxV2 BLS fields (docs/ledger.md §1.5)", () => {
  const base = decodeTx(rawOf("DepositStakeTxV2")) as DepositStakeTxV2;
  const G1 = bls12_381.G1.Point.BASE.multiply(3n).toBytes(true);
  const G2 = bls12_381.G2.Point.BASE.multiply(5n).toBytes(true);

  it("valid points decode and round trip", () => {
    const tx: DepositStakeTxV2 = { ...base, purpose: 1, blsPubkey: G1, blsPop: G2 };
    expect(decodeTx(encodeTx(tx))).toEqual(tx);
  });

  it("non-empty bytes that are not points fail the whole transaction", () => {
    expect(codeOf(encodeTx({ ...base, blsPubkey: new Uint8Array(48).fill(0x11) }))).toBe(
      TxErrorCode.InvalidBlsPoint,
    );
    expect(codeOf(encodeTx({ ...base, blsPubkey: G1.subarray(1) }))).toBe(TxErrorCode.InvalidBlsPoint);
    expect(codeOf(encodeTx({ ...base, blsPop: G1 }))).toBe(TxErrorCode.InvalidBlsPoint);
  });
});
