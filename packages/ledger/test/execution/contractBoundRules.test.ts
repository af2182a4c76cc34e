/**
 * SmartContractTx's bounds (docs/ledger.md §5.8): the intrinsic gas by byte kind, and each limit at
 * its edge (gas price at the minimum, gas limit at the maximum and at the intrinsic gas, balance at
 * value + fee limit) passing, one unit past it failing with the check's message.
 */
import { maxGasLimit, minGasPrice, privatenet } from "@theta/core-types";
import { describe, expect, it } from "vitest";
import { ExecMode } from "../../src/execution/context.ts";
import { ExecCode } from "../../src/execution/resultCodes.ts";
import {
  checkSmartContractTx,
  contractIntrinsicGas,
  isContractCreation,
} from "../../src/execution/smartContractTx.ts";
import { A, contractTx, E18, setup } from "../helpers/contractTxFixture.ts";

const H = 100n;
const CALLEE = new Uint8Array(20).fill(0x42);

const failureOf = (r: { ok: boolean; failure?: { code: number; message: string } }) =>
  r.ok ? undefined : r.failure;

describe("contractIntrinsicGas", () => {
  it("is 53000 for a create and 21000 for a call, plus 68 per non-zero and 4 per zero byte", () => {
    expect(contractIntrinsicGas(new Uint8Array(0), true)).toBe(53_000n);
    expect(contractIntrinsicGas(new Uint8Array(0), false)).toBe(21_000n);
    const data = new Uint8Array([0, 1, 0, 0xff, 0]);
    expect(contractIntrinsicGas(data, false)).toBe(21_000n + 2n * 68n + 3n * 4n);
    expect(contractIntrinsicGas(data, true)).toBe(53_000n + 2n * 68n + 3n * 4n);
  });

  it("a tx to the zero address is a creation, any other is a call", () => {
    expect(isContractCreation(contractTx(privatenet, H))).toBe(true);
    expect(isContractCreation(contractTx(privatenet, H, { to: CALLEE }))).toBe(false);
  });
});

describe("SmartContractTx limits at their edges", () => {
  it("the minimum gas price passes; one wei less fails naming both", async () => {
    const { ctx } = await setup(privatenet, H, ExecMode.Check);
    const min = minGasPrice(privatenet, H);
    expect(await checkSmartContractTx(ctx, contractTx(privatenet, H, { gasPrice: min }))).toEqual({
      ok: true,
    });
    expect(
      failureOf(await checkSmartContractTx(ctx, contractTx(privatenet, H, { gasPrice: min - 1n }))),
    ).toEqual({
      code: ExecCode.InvalidGasPrice,
      message: `smart_contract.gas_price: expected at least ${min} TFuelWei, got ${min - 1n}`,
    });
  });

  it("the maximum gas limit passes; one more fails naming both", async () => {
    const { ctx } = await setup(privatenet, H, ExecMode.Check);
    const max = maxGasLimit(privatenet, H);
    expect(await checkSmartContractTx(ctx, contractTx(privatenet, H, { gasLimit: max }))).toEqual({
      ok: true,
    });
    expect(
      failureOf(await checkSmartContractTx(ctx, contractTx(privatenet, H, { gasLimit: max + 1n }))),
    ).toEqual({
      code: ExecCode.InvalidGasLimit,
      message: `smart_contract.gas_limit: expected at most ${max}, got ${max + 1n}`,
    });
  });

  it("a gas limit equal to the intrinsic gas passes; one less is out of gas", async () => {
    const { ctx } = await setup(privatenet, H, ExecMode.Check);
    const data = new Uint8Array([1, 0, 2]);
    const intrinsic = contractIntrinsicGas(data, false);
    const at = contractTx(privatenet, H, { to: CALLEE, data, gasLimit: intrinsic });
    expect(await checkSmartContractTx(ctx, at)).toEqual({ ok: true });
    const below = contractTx(privatenet, H, { to: CALLEE, data, gasLimit: intrinsic - 1n });
    expect(failureOf(await checkSmartContractTx(ctx, below))).toEqual({
      code: ExecCode.InvalidGasLimit,
      message: `smart_contract.gas_limit: ${intrinsic - 1n} is below the intrinsic gas ${intrinsic} (out of gas)`,
    });
  });

  it("a balance of exactly value + fee limit passes; one wei more needed fails naming the amounts", async () => {
    const { state, ctx } = await setup(privatenet, H, ExecMode.Check);
    const price = minGasPrice(privatenet, H);
    const limit = 100_000n;
    const value = 3n * E18;
    const acc = (await state.getAccount(A))!;
    await state.setAccount({ ...acc, balance: { thetaWei: 2n, tfuelWei: value + price * limit } });
    const tx = contractTx(privatenet, H, { to: CALLEE, value, theta: 2n, gasLimit: limit, gasPrice: price });
    expect(await checkSmartContractTx(ctx, tx)).toEqual({ ok: true });
    await state.setAccount({ ...acc, balance: { thetaWei: 2n, tfuelWei: value + price * limit - 1n } });
    expect(failureOf(await checkSmartContractTx(ctx, tx))).toEqual({
      code: ExecCode.InsufficientFund,
      message: `smart_contract.from: balance below the value plus the fee limit (2 THETA wei, ${value + price * limit} TFuel wei)`,
    });
  });

  it("names the sequence and the balance checks", async () => {
    const { ctx } = await setup(privatenet, H, ExecMode.Check);
    expect(failureOf(await checkSmartContractTx(ctx, contractTx(privatenet, H, { seq: 3n })))).toEqual({
      code: ExecCode.InvalidSequence,
      message: "smart_contract.from.sequence: expected 1, got 3",
    });
    expect(
      failureOf(await checkSmartContractTx(ctx, contractTx(privatenet, H, { value: 1001n * E18 }))),
    ).toEqual({
      code: ExecCode.InsufficientFund,
      message: "smart_contract.from.coins: exceed the account balance",
    });
  });
});
