import { ethTxEncoding, mainnet, privatenet } from "@theta/core-types";
import { describe, expect, it } from "vitest";
import { ExecMode } from "../src/execution/context.ts";
import { DryRunErrorCode, dryRunContract } from "../src/execution/contractDryRun.ts";
import { ExecCode } from "../src/execution/resultCodes.ts";
import { ethTxHashOf, executeSmartContractTx } from "../src/execution/smartContractTx.ts";
import { contractTx, crypto, ethSign, setup } from "./helpers/contractTxFixture.ts";

describe("Ethereum tx hash", () => {
  it("is keccak256 of the legacy encoding with chain id 366 on privatenet, only for an Ethereum signature", async () => {
    const { ctx } = await setup(privatenet, 10n);
    const eth = ethSign(privatenet, 10n, contractTx(privatenet, 10n, {}, false));
    expect(ethTxHashOf(ctx, eth)).toEqual(crypto.keccak256(ethTxEncoding(eth, 366n)));
    expect(ethTxHashOf(ctx, contractTx(privatenet, 10n))).toBeUndefined();
  });
});

describe("SmartContractTx height rules (mainnet)", () => {
  it("before RPC compatibility an Ethereum signature is refused", async () => {
    const h = 11_000_000n;
    const { ctx } = await setup(mainnet, h);
    const tx = ethSign(mainnet, h, contractTx(mainnet, h, {}, false));
    const r = await executeSmartContractTx(ctx, tx);
    expect(r.ok ? 0 : r.failure.code).toBe(ExecCode.InvalidSignature);
  });
  it("before WrappedTheta a gas limit below the intrinsic gas passes sanity", async () => {
    const h = 17_000_000n;
    const { ctx } = await setup(mainnet, h, ExecMode.Check);
    const tx = contractTx(mainnet, h, { gasLimit: 1000n });
    expect(await executeSmartContractTx(ctx, tx)).toEqual({ ok: true });
  });
  it("before SupportThetaToken THETA value is neither required nor passed to the EVM", async () => {
    const h = 12_000_000n;
    const { ctx, runtime } = await setup(mainnet, h);
    const r = await executeSmartContractTx(ctx, contractTx(mainnet, h, { theta: 5n }));
    expect(r.ok).toBe(true);
    expect(runtime.runs[0]?.call.thetaValue).toBe(0n);
  });
  it("a dry run before the SmartContract height is refused", async () => {
    const h = 8_000_000n;
    const { ctx, state, runtime } = await setup(mainnet, h);
    const r = await dryRunContract(
      { state, profile: mainnet, height: h, runtime, block: ctx.block! },
      contractTx(mainnet, h),
    );
    expect(r.ok ? "" : r.code).toBe(DryRunErrorCode.NotEnabled);
  });
});
