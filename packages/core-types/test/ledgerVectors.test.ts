/**
 * Vectors of docs/ledger.md §2.1 (coins), §2.3 (account), §2.8 (VCP), §2.9 (GCP), §9.2 (state key)
 * and the address forms of docs/ledger.md §1.1 / docs/interfaces.md §1.3.
 */
import { keccak_256 } from "@noble/hashes/sha3.js";
import { afterAll, describe, expect, it } from "vitest";
import {
  bytesToHex,
  Coin,
  coins,
  coinsFromItem,
  coinsToItem,
  decodeAccount,
  decodeGcp,
  decodeVcp,
  EMPTY_CODE_HASH,
  encodeAccount,
  encodeGcp,
  encodeVcp,
  hexToBytes,
  isSmartContract,
  isThetaError,
  MAX_RETURN_HEIGHT,
  newAccount,
  parseAddress,
  parseHash,
  parseLenientBytes,
  rlpDecode,
  rlpEncode,
  SELF_DESTRUCT_CODE_HASH,
  StateKey,
  totalStake,
  ZERO_HASH,
} from "../src/index.ts";

const A = hexToBytes("2E833968E5bB786Ae419c4d13189fB081Cc43bab");
const B = hexToBytes("511f5B5aF946eDca88217EB9404477a95CB5C3F4");
const E18 = 10n ** 18n;

let vectors = 0;
afterAll(() => {
  console.log(`docs/ledger.md §2.1/§2.3/§2.8/§2.9/§9.2 vectors: ${vectors}`);
  expect(vectors).toBe(8);
});

describe("docs/ledger.md §2.1 Coins", () => {
  const cases: Array<[string, bigint, bigint, string]> = [
    ["Coins(0,0)", 0n, 0n, "c28080"],
    ["Coins(333,0)", 333n, 0n, "c482014d80"],
    ["Coins(0,111)", 0n, 111n, "c2806f"],
  ];
  for (const [name, theta, tfuel, hex] of cases) {
    it(`${name} encodes as ${hex} and decodes back`, () => {
      expect(bytesToHex(rlpEncode(coinsToItem(coins(theta, tfuel))))).toBe(hex);
      expect(coinsFromItem(rlpDecode(hexToBytes(hex)), "coins")).toEqual(coins(theta, tfuel));
      vectors++;
    });
  }

  it("IsPositive is 'one component > 0, the other ≥ 0', not 'both > 0'", () => {
    expect(Coin.isPositive(coins(1n, 0n))).toBe(true);
    expect(Coin.isPositive(coins(0n, 1n))).toBe(true);
    expect(Coin.isPositive(coins(0n, 0n))).toBe(false);
    expect(Coin.isPositive(coins(5n, -1n))).toBe(false);
  });

  it("IsGTE needs a − b non-negative in both components", () => {
    expect(Coin.isGTE(coins(5n, 5n), coins(5n, 5n))).toBe(true);
    expect(Coin.isGTE(coins(6n, 4n), coins(5n, 5n))).toBe(false);
    expect(Coin.isGTE(coins(6n, 6n), coins(5n, 5n))).toBe(true);
  });

  it("Minus may go negative in memory; IsValid then fails", () => {
    const d = Coin.minus(coins(1n, 10n), coins(2n, 3n));
    expect(d).toEqual(coins(-1n, 7n));
    expect(Coin.isValid(d)).toBe(false);
    expect(Coin.isValid(Coin.plus(d, coins(1n, 0n)))).toBe(true);
  });

  it("CalculatePercentage floors each component", () => {
    expect(Coin.percentage(coins(199n, 7n), 50n)).toEqual(coins(99n, 3n));
  });
});

describe("docs/ledger.md §2.3 Account", () => {
  const hex =
    "f86e942e833968e5bb786ae419c4d13189fb081cc43bab02d3888ac7230489e800008901158e460913d00000c080a00000000000000000000000000000000000000000000000000000000000000000a0c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470";

  it("account 2E83…3bab, sequence 2, balance (10 THETA, 20 TFUEL)", () => {
    const account = { ...newAccount(A), sequence: 2n, balance: coins(10n * E18, 20n * E18) };
    expect(bytesToHex(encodeAccount(account))).toBe(hex);
    expect(decodeAccount(hexToBytes(hex))).toEqual(account);
    vectors++;
  });

  it("EmptyCodeHash is keccak256 of the empty input (docs/ledger.md §1.2)", () => {
    expect(bytesToHex(EMPTY_CODE_HASH)).toBe(bytesToHex(keccak_256(new Uint8Array(0))));
    vectors++;
  });

  it("a new account has a zero root, the empty code hash and is not a contract", () => {
    const a = newAccount(A, 7n);
    expect(a.root).toEqual(ZERO_HASH);
    expect(a.lastUpdatedBlockHeight).toBe(7n);
    expect(isSmartContract(a)).toBe(false);
    expect(isSmartContract({ ...a, codeHash: SELF_DESTRUCT_CODE_HASH })).toBe(true);
    expect(bytesToHex(SELF_DESTRUCT_CODE_HASH)).toBe("dead".repeat(16));
  });
});

describe("docs/ledger.md §2.8 validator candidate pool", () => {
  it("one candidate 511f…C3F4 with 200,000 THETA from 2E83…3bab", () => {
    const hex =
      "f845f843f84194511f5b5af946edca88217eb9404477a95cb5c3f4ebea942e833968e5bb786ae419c4d13189fb081cc43bab8a2a5a058fc295ed0000008088ffffffffffffffff";
    const pool = {
      sortedCandidates: [
        {
          holder: B,
          stakes: [{ source: A, amount: 200_000n * E18, withdrawn: false, returnHeight: MAX_RETURN_HEIGHT }],
        },
      ],
    };
    expect(bytesToHex(encodeVcp(pool))).toBe(hex);
    const decoded = decodeVcp(hexToBytes(hex));
    expect(decoded).toEqual(pool);
    expect(totalStake(decoded.sortedCandidates[0]!)).toBe(200_000n * E18);
    vectors++;
  });
});

describe("docs/ledger.md §2.9 guardian candidate pool", () => {
  it("guardian 511f… with a withdrawn stake (return height 128800) and a zero pubkey", () => {
    const hex = `f873f871f86ff83c94511f5b5af946edca88217eb9404477a95cb5c3f4e6e5942e833968e5bb786ae419c4d13189fb081cc43bab8a2a5a058fc295ed000000018301f720b0${"00".repeat(48)}`;
    const pool = {
      sortedGuardians: [
        {
          holder: B,
          stakes: [{ source: A, amount: 200_000n * E18, withdrawn: true, returnHeight: 128_800n }],
          blsPubkey: new Uint8Array(48),
        },
      ],
    };
    expect(bytesToHex(encodeGcp(pool))).toBe(hex);
    const decoded = decodeGcp(hexToBytes(hex));
    expect(decoded).toEqual(pool);
    expect(totalStake(decoded.sortedGuardians[0]!)).toBe(0n);
    vectors++;
  });
});

describe("docs/ledger.md §9.2 state keys", () => {
  it("the account key of 2E83…3bab", () => {
    expect(bytesToHex(StateKey.account(A))).toBe("6c732f612f2e833968e5bb786ae419c4d13189fb081cc43bab");
    vectors++;
  });

  it("prefixes are the ASCII of the table", () => {
    const ascii = (b: Uint8Array) => new TextDecoder().decode(b);
    expect(ascii(StateKey.vcp())).toBe("ls/vcp");
    expect(ascii(StateKey.gcp())).toBe("ls/gcp");
    expect(ascii(StateKey.eliteEdgeNodeStakeReturns(12345n))).toBe("ls/eensrk/12345");
    expect(ascii(StateKey.splitRule("vid001"))).toBe("ls/ssc/split/vid001");
    expect(ascii(StateKey.stakeTransactionHeightList())).toBe("ls/sthl");
  });
});

describe("address and hash text forms (docs/ledger.md §1.1, docs/interfaces.md §1.3)", () => {
  const code = (fn: () => unknown) => {
    try {
      fn();
      return undefined;
    } catch (e) {
      if (isThetaError(e)) return e.code;
      throw e;
    }
  };

  it("typed fields need 0x and the exact length", () => {
    expect(parseAddress("0x2e833968e5bb786ae419c4d13189fb081cc43bab")).toEqual(A);
    expect(parseAddress("0x2E833968E5bB786Ae419c4d13189fB081Cc43bab")).toEqual(A);
    expect(code(() => parseAddress("2e833968e5bb786ae419c4d13189fb081cc43bab"))).toBeDefined();
    expect(code(() => parseAddress("0x2e833968e5bb786ae419c4d13189fb081cc43b"))).toBeDefined();
    expect(code(() => parseHash(""))).toBeDefined();
    expect(parseHash(`0x${"00".repeat(32)}`)).toEqual(ZERO_HASH);
  });

  it("plain string arguments are lenient: optional prefix, odd length padded, rightmost bytes kept", () => {
    expect(parseLenientBytes("2e833968e5bb786ae419c4d13189fb081cc43bab", 20)).toEqual(A);
    expect(parseLenientBytes("0X2E833968E5BB786AE419C4D13189FB081CC43BAB", 20)).toEqual(A);
    expect(bytesToHex(parseLenientBytes("0x123", 20))).toBe(`${"00".repeat(18)}0123`);
    expect(parseLenientBytes(`ffff${bytesToHex(A)}`, 20)).toEqual(A);
  });
});
