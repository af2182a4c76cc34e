import {
  type ChainProfile,
  equalBytes,
  mainnet,
  maxGasLimit,
  minGasPrice,
  privatenet,
  type SmartContractTx,
} from "@theta/core-types";
import { describe, expect, it } from "vitest";
import { ExecMode } from "../src/execution/context.ts";
import { dryRunContract } from "../src/execution/contractDryRun.ts";
import { ExecCode } from "../src/execution/resultCodes.ts";
import {
  contractIntrinsicGas,
  executeSmartContractTx,
  SmartContractErrorCode,
} from "../src/execution/smartContractTx.ts";
import {
  A,
  contractTx,
  crypto,
  E18,
  ethSign,
  INIT_CODE,
  PROPOSER,
  SK,
  setup,
} from "./helpers/contractTxFixture.ts";
import { EXTRA_GAS, squareCall } from "./helpers/fakeRuntime.ts";

const cases: readonly { profile: ChainProfile; height: bigint }[] = [
  { profile: privatenet, height: 10n },
  { profile: mainnet, height: 18_000_000n },
];

describe.each(cases.map((c) => ({ ...c, name: c.profile.name })))(
  "SmartContractTx on $name",
  ({ profile, height }) => {
    const fail = async (tx: SmartContractTx, code: number, mode: ExecMode = ExecMode.Deliver) => {
      const { ctx, runtime } = await setup(profile, height, mode);
      const r = await executeSmartContractTx(ctx, tx);
      expect(r.ok ? undefined : r.failure.code).toBe(code);
      expect(runtime.runs).toHaveLength(0);
    };

    it("refuses negative coins (from basic)", async () => {
      await fail(contractTx(profile, height, { value: -1n }, false), ExecCode.Generic);
    });
    it("refuses a signature by someone else", async () => {
      const tx = crypto.signTx(
        profile.chainId,
        contractTx(profile, height, {}, false),
        new Uint8Array(32).fill(8),
      );
      await fail(
        { ...tx, from: { ...tx.from, signature: crypto.sign(new Uint8Array([1]), SK) } },
        ExecCode.InvalidSignature,
      );
    });
    it("accepts an Ethereum signature and refuses THETA with one", async () => {
      const tx = ethSign(profile, height, contractTx(profile, height, {}, false));
      const { ctx } = await setup(profile, height, ExecMode.Check);
      expect(await executeSmartContractTx(ctx, tx)).toEqual({ ok: true });
      await fail(
        ethSign(profile, height, contractTx(profile, height, { theta: 1n }, false)),
        ExecCode.Generic,
      );
    });
    it("refuses an unknown sender", async () => {
      const other = new Uint8Array(32).fill(3);
      const tx = crypto.signTx(
        profile.chainId,
        {
          ...contractTx(profile, height, {}, false),
          from: { ...contractTx(profile, height).from, address: crypto.privateKeyToAddress(other) },
        },
        other,
      );
      await fail(tx, ExecCode.Generic);
    });
    it("checks the sequence, then the balance against From.Coins", async () => {
      await fail(contractTx(profile, height, { seq: 2n }), ExecCode.InvalidSequence);
      await fail(contractTx(profile, height, { value: 2000n * E18 }), ExecCode.InsufficientFund);
    });
    it("checks the gas price minimum and the gas limit maximum", async () => {
      await fail(
        contractTx(profile, height, { gasPrice: minGasPrice(profile, height) - 1n }),
        ExecCode.InvalidGasPrice,
      );
      await fail(
        contractTx(profile, height, { gasLimit: maxGasLimit(profile, height) + 1n }),
        ExecCode.InvalidGasLimit,
      );
    });
    it("checks the intrinsic gas (WrappedTheta height)", async () => {
      const limit = contractIntrinsicGas(INIT_CODE, true) - 1n;
      await fail(contractTx(profile, height, { gasLimit: limit }), ExecCode.InvalidGasLimit);
    });
    it("refuses a fee limit over 255 bits", async () => {
      await fail(
        contractTx(profile, height, { gasPrice: 2n ** 240n, gasLimit: 100_000n }),
        ExecCode.FeeLimitTooHigh,
      );
    });
    it("requires value plus fee limit (and THETA value) in the balance", async () => {
      const price = (1000n * E18) / 100_000n;
      await fail(
        contractTx(profile, height, { gasPrice: price, gasLimit: 100_001n }),
        ExecCode.InsufficientFund,
      );
      await fail(contractTx(profile, height, { theta: 11n * E18 }), ExecCode.InsufficientFund);
    });
    it("check mode passes without running the EVM", async () => {
      const { ctx, runtime, state } = await setup(profile, height, ExecMode.Check);
      const before = await state.root();
      expect(await executeSmartContractTx(ctx, contractTx(profile, height))).toEqual({ ok: true });
      expect(runtime.runs).toHaveLength(0);
      expect(equalBytes(await state.root(), before)).toBe(true);
    });

    it("deploys then calls: fee on gas used, sequence once each, receipt, storage written", async () => {
      const { ctx, state, runtime } = await setup(profile, height);
      const deploy = contractTx(profile, height, { value: 5n });
      const d = await executeSmartContractTx(ctx, deploy);
      if (!d.ok || d.receipt === undefined) throw new Error("deploy failed");
      const at = crypto.contractAddress(A, 0n);
      expect(d.receipt.contractAddress).toEqual(at);
      expect(d.receipt.vmError).toBe("");
      expect(runtime.runs[0]?.block).toEqual({
        height,
        parentTimestamp: 1234n,
        proposer: PROPOSER,
        chainId: profile.chainId,
      });
      const gas1 = contractIntrinsicGas(INIT_CODE, true) + EXTRA_GAS;
      expect(d.receipt.gasUsed).toBe(gas1);
      let a = await state.getAccount(A);
      expect(a?.sequence).toBe(1n);
      expect(a?.balance.tfuelWei).toBe(1000n * E18 - 5n - gas1 * deploy.gasPrice);
      expect((await state.getAccount(at))?.balance.tfuelWei).toBe(5n);

      const data = squareCall(12n);
      const call = contractTx(profile, height, { to: at, seq: 2n, data });
      const c = await executeSmartContractTx(ctx, call);
      if (!c.ok || c.receipt === undefined) throw new Error("call failed");
      expect(c.receipt.evmReturn.at(-1)).toBe(144);
      expect(c.receipt.logs).toHaveLength(1);
      expect((await state.getStorage(at, new Uint8Array(32))).at(-1)).toBe(144);
      a = await state.getAccount(A);
      expect(a?.sequence).toBe(2n);
      const gas2 = contractIntrinsicGas(data, false) + EXTRA_GAS;
      expect(a?.balance.tfuelWei).toBe(1000n * E18 - 5n - (gas1 + gas2) * deploy.gasPrice);
    });

    it("an EVM error still charges the fee and bumps a caller's sequence, and drops logs", async () => {
      const { ctx, state } = await setup(profile, height);
      await executeSmartContractTx(ctx, contractTx(profile, height));
      const at = crypto.contractAddress(A, 0n);
      const bad = contractTx(profile, height, { to: at, seq: 2n, data: new Uint8Array([9, 9, 9, 9]) });
      const before = (await state.getAccount(A))!;
      const r = await executeSmartContractTx(ctx, bad);
      if (!r.ok || r.receipt === undefined) throw new Error("expected a receipt");
      expect(r.receipt.vmError).toBe("evm: execution reverted");
      expect(r.receipt.logs).toEqual([]);
      const after = (await state.getAccount(A))!;
      expect(after.sequence).toBe(before.sequence + 1n);
      expect(after.balance.tfuelWei).toBe(before.balance.tfuelWei - r.receipt.gasUsed * bad.gasPrice);
    });

    it("a failed create burns the whole gas limit and leaves the sequence (no EVM bump)", async () => {
      const { ctx, state } = await setup(profile, height);
      const tx = contractTx(profile, height, { data: new Uint8Array([0xfe, 1]), gasLimit: 100_000n });
      const r = await executeSmartContractTx(ctx, tx);
      if (!r.ok || r.receipt === undefined) throw new Error("expected a receipt");
      expect(r.receipt.gasUsed).toBe(100_000n);
      const a = (await state.getAccount(A))!;
      expect(a.sequence).toBe(0n);
      expect(a.balance.tfuelWei).toBe(1000n * E18 - 100_000n * tx.gasPrice);
    });

    it("delivering without a runtime is a configuration error", async () => {
      const { ctx } = await setup(profile, height);
      const { runtime: _r, ...bare } = ctx;
      await expect(executeSmartContractTx(bare, contractTx(profile, height))).rejects.toMatchObject({
        code: SmartContractErrorCode.NoRuntime,
      });
    });

    it("dry run: runs on a copy, reports an over-limit gas as a vm error", async () => {
      const { ctx, state, runtime } = await setup(profile, height);
      const env = { state, profile, height, runtime, block: ctx.block! };
      const before = await state.root();
      const r = await dryRunContract(env, contractTx(profile, height, {}, false));
      expect(r.ok && r.value.vmError).toBe("");
      expect(r.ok && r.value.contractAddress).toEqual(crypto.contractAddress(A, 0n));
      expect(equalBytes(await state.root(), before)).toBe(true);
      const over = await dryRunContract(
        env,
        contractTx(profile, height, { gasLimit: maxGasLimit(profile, height) + 1n }, false),
      );
      expect(over.ok && [over.value.vmError, over.value.gasUsed]).toEqual(["invalid gas limit", 0n]);
    });
  },
);
