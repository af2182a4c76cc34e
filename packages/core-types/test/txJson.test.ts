/** Every transaction's RPC JSON parses back through its zod schema (docs/ledger.md §3.8). */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  accountFromJson,
  accountToJson,
  decodeTx,
  hexToBytes,
  isThetaError,
  JsonErrorCode,
  newAccount,
  type ServicePaymentTx,
  type Tx,
  TxType,
  txFromJson,
  txToJson,
} from "../src/index.ts";
import { account, tx } from "./arbitraries.ts";
import { signedTxVectors } from "./vectors/signedTxs.ts";

const SAFE = 2n ** 53n;
const empty = new Uint8Array(0);

/** The RPC form prints Go `uint` fields as JSON numbers and BLS points as `{}`: keep to what survives. */
function jsonSafe(t: Tx): Tx {
  switch (t.type) {
    case TxType.SplitRule:
      return { ...t, splits: t.splits.map((s) => ({ ...s, percentage: s.percentage % SAFE })) };
    case TxType.StakeRewardDistribution:
      return { ...t, splitBasisPoint: t.splitBasisPoint % SAFE };
    case TxType.DepositStakeV2:
      return { ...t, blsPubkey: empty, blsPop: empty };
    default:
      return t;
  }
}

const viaText = (t: Tx): Tx => txFromJson(t.type, JSON.parse(JSON.stringify(txToJson(t))));

function codeAndMessage(fn: () => unknown): [string, string] | undefined {
  try {
    fn();
    return undefined;
  } catch (e) {
    if (isThetaError(e)) return [e.code, e.message];
    throw e;
  }
}

describe("transaction JSON parses back (txFromJson)", () => {
  it("every type round trips through JSON text", () => {
    fc.assert(
      fc.property(tx.map(jsonSafe), (t) => {
        expect(viaText(t)).toEqual(t);
      }),
      { numRuns: 600 },
    );
  });

  it("the docs/ledger.md §12.3 transactions round trip through JSON", () => {
    let ran = 0;
    for (const v of signedTxVectors) {
      const t = decodeTx(hexToBytes(v.raw));
      expect(viaText(t)).toEqual(t);
      ran++;
    }
    expect(ran).toBe(signedTxVectors.length);
  });

  it("names the failing field", () => {
    const send = txToJson({
      type: TxType.Send,
      fee: { thetaWei: 0n, tfuelWei: 1n },
      inputs: [],
      outputs: [],
    });
    const bad = { ...send, fee: { thetawei: "0", tfuelwei: 1 } };
    const r = codeAndMessage(() => txFromJson(TxType.Send, bad));
    expect(r?.[0]).toBe(JsonErrorCode.Invalid);
    expect(r?.[1]).toContain("transaction.fee.tfuelwei");
    expect(codeAndMessage(() => txFromJson(12, send))?.[1]).toContain("type");
  });

  it("bad base64 and hex are schema failures, not exceptions", () => {
    const sc = txToJson({
      type: TxType.SmartContract,
      from: {
        address: new Uint8Array(20),
        coins: { thetaWei: 0n, tfuelWei: 0n },
        sequence: 1n,
        signature: empty,
      },
      to: { address: new Uint8Array(20), coins: { thetaWei: 0n, tfuelWei: 0n } },
      gasLimit: 1n,
      gasPrice: 1n,
      data: empty,
    });
    for (const data of ["A", "AB", "ABC", "AB=", "A===", "AB==C"]) {
      expect(codeAndMessage(() => txFromJson(TxType.SmartContract, { ...sc, data }))?.[1]).toContain(
        "transaction.data",
      );
    }
    expect(txFromJson(TxType.SmartContract, { ...sc, data: "AAE=" })).toMatchObject({
      data: Uint8Array.of(0, 1),
    });
  });

  it("refuses DepositStakeTxV2 BLS fields printed as {} (not recoverable)", () => {
    const v2 = {
      fee: { thetawei: "0", tfuelwei: "0" },
      source: {
        address: `0x${"11".repeat(20)}`,
        coins: { thetawei: "0", tfuelwei: "0" },
        sequence: "1",
        signature: null,
      },
      holder: { address: `0x${"22".repeat(20)}`, coins: { thetawei: "0", tfuelwei: "0" } },
      purpose: 1,
      BlsPubkey: {},
      BlsPop: null,
      HolderSig: null,
    };
    expect(codeAndMessage(() => txFromJson(TxType.DepositStakeV2, v2))?.[1]).toContain("BlsPubkey");
  });

  it("valid JSON with one member replaced parses or fails with a ThetaError", () => {
    /** Replaces the n-th member (depth first, modulo the count) of a JSON tree with `v`. */
    const replace = (tree: unknown, n: number, v: unknown): unknown => {
      const slots: Array<[Record<string, unknown> | unknown[], string | number]> = [];
      const walk = (x: unknown) => {
        if (x === null || typeof x !== "object") return;
        for (const [k, c] of Object.entries(x)) {
          slots.push([x as Record<string, unknown>, Array.isArray(x) ? Number(k) : k]);
          walk(c);
        }
      };
      walk(tree);
      if (slots.length === 0) return tree;
      const [parent, key] = slots[n % slots.length]!;
      (parent as Record<string | number, unknown>)[key] = v;
      return tree;
    };
    fc.assert(
      fc.property(tx.map(jsonSafe), fc.nat(), fc.jsonValue(), (t, n, v) => {
        const json = replace(JSON.parse(JSON.stringify(txToJson(t))), n, v);
        try {
          txFromJson(t.type, json);
        } catch (e) {
          expect(isThetaError(e, JsonErrorCode.Invalid)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("anything else is a parsed Tx or a ThetaError", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1, max: 12 }), fc.jsonValue(), (type, json) => {
        try {
          txFromJson(type, json);
        } catch (e) {
          expect(isThetaError(e, JsonErrorCode.Invalid)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe("account JSON parses back (accountFromJson)", () => {
  it("accounts with reserved funds and transfer records round trip through JSON text", () => {
    const safe = account.map((a) => ({
      ...a,
      reservedFunds: a.reservedFunds.map((f) => ({
        ...f,
        transferRecords: f.transferRecords.map((p) => jsonSafe(p) as ServicePaymentTx),
      })),
    }));
    fc.assert(
      fc.property(safe, (a) => {
        const text = JSON.stringify(accountToJson(a));
        expect(accountFromJson(a.address, JSON.parse(text))).toEqual(a);
      }),
      { numRuns: 200 },
    );
  });

  it("names the failing field", () => {
    const json = { ...accountToJson(newAccount(new Uint8Array(20))), root: "0x00" };
    const r = codeAndMessage(() => accountFromJson(new Uint8Array(20), json));
    expect(r?.[0]).toBe(JsonErrorCode.Invalid);
    expect(r?.[1]).toContain("account.root");
  });
});
