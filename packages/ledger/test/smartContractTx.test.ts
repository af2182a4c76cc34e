import {
  type ChainProfile,
  coins,
  EMPTY_ROOT_HASH,
  equalBytes,
  ethSigningPreimage,
  ethTxEncoding,
  mainnet,
  mapChainId,
  maxGasLimit,
  minGasPrice,
  newAccount,
  privatenet,
  type SmartContractTx,
  TxType,
  ZERO_ADDRESS,
} from "@theta/core-types";
import { createCrypto, nobleBackend } from "@theta/crypto";
import { describe, expect, it } from "vitest";
import { type ExecContext, ExecMode } from "../src/execution/context.ts";
import { ExecCode } from "../src/execution/resultCodes.ts";
import {
  contractIntrinsicGas,
  DryRunErrorCode,
  dryRunContract,
  ethTxHashOf,
  executeSmartContractTx,
  SmartContractErrorCode,
} from "../src/execution/smartContractTx.ts";
import { openStateView } from "../src/state/stateView.ts";
import { createFakeRuntime, EXTRA_GAS, squareCall } from "./helpers/fakeRuntime.ts";
import { createMemoryTrieDatabase } from "./helpers/memoryTrie.ts";

const crypto = createCrypto(nobleBackend);
const SK = new Uint8Array(32).fill(7);
const A = crypto.privateKeyToAddress(SK);
const E18 = 10n ** 18n;
const PROPOSER = crypto.privateKeyToAddress(new Uint8Array(32).fill(9));
const INIT_CODE = new Uint8Array([0x60, 0x80, 0x60, 0x40, 0x52]);

async function setup(profile: ChainProfile, height: bigint, mode: ExecMode = ExecMode.Deliver) {
  const db = await createMemoryTrieDatabase();
  const state = await openStateView({ db }, EMPTY_ROOT_HASH);
  await state.setAccount({ ...newAccount(A), balance: coins(10n * E18, 1000n * E18) });
  const runtime = createFakeRuntime(crypto);
  const ctx: ExecContext = {
    state,
    profile,
    height,
    crypto,
    mode,
    runtime,
    block: { parentTimestamp: 1234n, proposer: PROPOSER },
  };
  return { state, runtime, ctx };
}

function contractTx(
  profile: ChainProfile,
  height: bigint,
  o: Partial<{
    to: Uint8Array;
    seq: bigint;
    value: bigint;
    theta: bigint;
    gasLimit: bigint;
    gasPrice: bigint;
    data: Uint8Array;
  }> = {},
  sign = true,
): SmartContractTx {
  const tx: SmartContractTx = {
    type: TxType.SmartContract,
    from: {
      address: A,
      coins: coins(o.theta ?? 0n, o.value ?? 0n),
      sequence: o.seq ?? 1n,
      signature: new Uint8Array(0),
    },
    to: { address: o.to ?? ZERO_ADDRESS, coins: coins(0n, 0n) },
    gasLimit: o.gasLimit ?? 200_000n,
    gasPrice: o.gasPrice ?? minGasPrice(profile, height),
    data: o.data ?? INIT_CODE,
  };
  return sign ? crypto.signTx(profile.chainId, tx, SK) : tx;
}

function ethSign(profile: ChainProfile, height: bigint, tx: SmartContractTx): SmartContractTx {
  const heights = {
    rpcCompatibility: profile.heights.rpcCompatibility,
    metachain: profile.heights.enableMetachainSupport,
  };
  const hash = crypto.keccak256(
    ethSigningPreimage(tx, mapChainId(profile.chainId, height, heights, crypto.keccak256)),
  );
  const sig = crypto.backend.signHash(hash, SK);
  sig[64] = sig[64]! + 27;
  return { ...tx, from: { ...tx.from, signature: sig } };
}

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
