/**
 * SmartContractTx's signature and sender messages and its delivery preconditions
 * (docs/ledger.md §5.8): each refusal names its check, the fee limit may use 255 bits but not 256,
 * and delivering without the block information is a configuration error.
 */
import { deriveProfile, isThetaError, newAccount, privatenet } from "@theta/core-types";
import { describe, expect, it } from "vitest";
import { type ExecContext, ExecMode } from "../../src/execution/context.ts";
import { ExecCode } from "../../src/execution/resultCodes.ts";
import {
  checkSmartContractTx,
  executeSmartContractTx,
  SmartContractErrorCode,
} from "../../src/execution/smartContractTx.ts";
import { A, contractTx, crypto, ethSign, setup } from "../helpers/contractTxFixture.ts";

const H = 100n;
const failureOf = (r: { ok: boolean; failure?: { code: number; message: string } }) =>
  r.ok ? undefined : r.failure;

describe("SmartContractTx messages", () => {
  it("a bad signature before RPC compatibility does not verify over the sign bytes", async () => {
    const profile = deriveProfile(privatenet, {
      name: "pre-rpc",
      chainId: "privatenet",
      heights: { ...privatenet.heights, rpcCompatibility: H + 1n },
    });
    const { ctx } = await setup(profile, H, ExecMode.Check);
    const tx = contractTx(profile, H);
    const bad = {
      ...tx,
      from: { ...tx.from, signature: crypto.sign(new Uint8Array([1]), new Uint8Array(32).fill(7)) },
    };
    expect(failureOf(await checkSmartContractTx(ctx, bad))).toEqual({
      code: ExecCode.InvalidSignature,
      message: "smart_contract.from.signature: does not verify over the sign bytes",
    });
  });

  it("after it, a bad signature verifies neither way; THETA cannot go with an Ethereum signature", async () => {
    const { ctx } = await setup(privatenet, H, ExecMode.Check);
    const tx = contractTx(privatenet, H);
    const bad = {
      ...tx,
      from: { ...tx.from, signature: crypto.sign(new Uint8Array([1]), new Uint8Array(32).fill(7)) },
    };
    expect(failureOf(await checkSmartContractTx(ctx, bad))).toEqual({
      code: ExecCode.InvalidSignature,
      message:
        "smart_contract.from.signature: verifies neither over the sign bytes nor as an Ethereum signature",
    });
    const theta = ethSign(privatenet, H, contractTx(privatenet, H, { theta: 1n }, false));
    expect(failureOf(await checkSmartContractTx(ctx, theta))).toEqual({
      code: ExecCode.Generic,
      message: "smart_contract.from.coins: THETA cannot be sent with an Ethereum-signed transaction",
    });
  });

  it("names a sender without an account", async () => {
    const { ctx } = await setup(privatenet, H, ExecMode.Check);
    const sk = new Uint8Array(32).fill(99);
    const tx = contractTx(privatenet, H, {}, false);
    const other = crypto.signTx(
      privatenet.chainId,
      { ...tx, from: { ...tx.from, address: crypto.privateKeyToAddress(sk) } },
      sk,
    );
    expect(failureOf(await checkSmartContractTx(ctx, other))).toEqual({
      code: ExecCode.Generic,
      message: "smart_contract.from: failed to get the account (the address has no THETA nor TFuel)",
    });
  });

  it("a fee limit of 255 bits passes that check (the balance then fails); 256 bits is too high", async () => {
    const { ctx } = await setup(privatenet, H, ExecMode.Check);
    const gasLimit = 2n ** 16n;
    const at = contractTx(privatenet, H, { gasLimit, gasPrice: 2n ** 238n });
    expect(failureOf(await checkSmartContractTx(ctx, at))?.code).toBe(ExecCode.InsufficientFund);
    const over = contractTx(privatenet, H, { gasLimit, gasPrice: 2n ** 239n });
    expect(failureOf(await checkSmartContractTx(ctx, over))).toEqual({
      code: ExecCode.FeeLimitTooHigh,
      message: "smart_contract: gas_price × gas_limit exceeds 255 bits",
    });
  });
});

describe("SmartContractTx delivery preconditions", () => {
  it("delivering without the block information throws NoBlockInfo; without a runtime, NoRuntime", async () => {
    const { ctx, runtime } = await setup(privatenet, H);
    const { state } = ctx;
    const base = { state, profile: privatenet, height: H, crypto };
    const tx = contractTx(privatenet, H);
    const codeOfThrow = async (c: ExecContext) => {
      try {
        await executeSmartContractTx(c, tx);
        return "no throw";
      } catch (e) {
        return isThetaError(e) ? `${e.code}: ${e.message}` : "other";
      }
    };
    expect(await codeOfThrow({ ...base, mode: ExecMode.Deliver, runtime })).toBe(
      `${SmartContractErrorCode.NoBlockInfo}: ctx.block: the parent timestamp and proposer are required to deliver a SmartContractTx`,
    );
    expect(
      await codeOfThrow({ ...base, mode: ExecMode.Deliver, block: { parentTimestamp: 1n, proposer: A } }),
    ).toBe(
      `${SmartContractErrorCode.NoRuntime}: ctx.runtime: a ContractRuntime is required to deliver a SmartContractTx`,
    );
    // Check mode needs neither.
    expect(await executeSmartContractTx({ ...base, mode: ExecMode.Check }, tx)).toEqual({
      ok: true,
    });
    // Nothing was written by the refused deliveries.
    expect((await ctx.state.getAccount(A))?.sequence).toBe(newAccount(A).sequence);
  });
});
