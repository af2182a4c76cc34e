import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  accountToJson,
  CoinsJsonSchema,
  decodeTx,
  hexToBytes,
  newAccount,
  TxInputJsonSchema,
  txInputToJson,
  txToJson,
} from "../src/index.ts";

const SEND_RAW =
  "02f8a4c78085e8d4a51000f86ff86d942e833968e5bb786ae419c4d13189fb081cc43babd3888ac7230489e800008901158e46f1e875100002b8415a6e9a2e93487c786f07175998493161e61a5d9613745aa0e2fe51e5db1eaf626f72bfae41d971e88ff3b2c217cf611c2addb266e7d7ebda29cb0e9e5a2f482800eae9949f1233798e905e173560071255140b4a8abd3ec6d3888ac7230489e800008901158e460913d00000";

describe("transaction JSON (docs/ledger.md §3.8)", () => {
  it("prints the docs/ledger.md §12.2 SendTx with decimal strings and lowercase hex", () => {
    expect(txToJson(decodeTx(hexToBytes(SEND_RAW)))).toEqual({
      fee: { thetawei: "0", tfuelwei: "1000000000000" },
      inputs: [
        {
          address: "0x2e833968e5bb786ae419c4d13189fb081cc43bab",
          coins: { thetawei: "10000000000000000000", tfuelwei: "20000001000000000000" },
          sequence: "2",
          signature:
            "0x5a6e9a2e93487c786f07175998493161e61a5d9613745aa0e2fe51e5db1eaf626f72bfae41d971e88ff3b2c217cf611c2addb266e7d7ebda29cb0e9e5a2f482800",
        },
      ],
      outputs: [
        {
          address: "0x9f1233798e905e173560071255140b4a8abd3ec6",
          coins: { thetawei: "10000000000000000000", tfuelwei: "20000000000000000000" },
        },
      ],
    });
  });
  it("SmartContractTx data is base64 and purpose is a number", () => {
    const sc = txToJson(
      decodeTx(
        hexToBytes(
          "07f8c8f85c942e833968e5bb786ae419c4d13189fb081cc43babc2808006b841411f509ffb70cf8cc782ee27275b0e9f20ae0e9d851e302660cec49a631d7ac9372a28a23b814f472758c05772a050b8bce67c8ae191747f5b947e7dfae65cb201d8940000000000000000000000000000000000001234c28080830186a08603a352944000b844a9059cbb000000000000000000000000511f5b5af946edca88217eb9404477a95cb5c3f40000000000000000000000000000000000000000000000000000000000000064",
        ),
      ),
    );
    expect(sc.gas_limit).toBe("100000");
    expect(sc.gas_price).toBe("4000000000000");
    expect(sc.data).toBe(
      Buffer.from(
        hexToBytes(
          "a9059cbb000000000000000000000000511f5b5af946edca88217eb9404477a95cb5c3f40000000000000000000000000000000000000000000000000000000000000064",
        ),
      ).toString("base64"),
    );
  });
});

describe("account JSON (theta.GetAccount)", () => {
  it("has no address member and prints the code hash and root", () => {
    const a = {
      ...newAccount(hexToBytes("2e833968e5bb786ae419c4d13189fb081cc43bab")),
      balance: { thetaWei: 1n, tfuelWei: 5n },
    };
    expect(accountToJson(a)).toEqual({
      sequence: "0",
      coins: { thetawei: "1", tfuelwei: "5" },
      reserved_funds: [],
      last_updated_block_height: "0",
      root: `0x${"00".repeat(32)}`,
      code: "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470",
    });
  });
});

describe("zod schemas for JSON crossing a process boundary", () => {
  it("round trip inputs and name the failing field", () => {
    fc.assert(
      fc.property(
        fc.record({
          address: fc.uint8Array({ minLength: 20, maxLength: 20 }),
          coins: fc.record({
            thetaWei: fc.bigInt({ min: 0n, max: 2n ** 128n }),
            tfuelWei: fc.bigInt({ min: 0n, max: 2n ** 128n }),
          }),
          sequence: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
          signature: fc.uint8Array({ minLength: 65, maxLength: 65 }),
        }),
        (input) => {
          expect(TxInputJsonSchema.parse(txInputToJson(input))).toEqual(input);
        },
      ),
      { numRuns: 200 },
    );
    const bad = CoinsJsonSchema.safeParse({ thetawei: 5, tfuelwei: "1" });
    expect(bad.success).toBe(false);
    if (!bad.success) {
      expect(bad.error.issues[0]!.path).toEqual(["thetawei"]);
    }
    expect(CoinsJsonSchema.safeParse({ thetawei: "01", tfuelwei: "1" }).success).toBe(false);
  });
});
