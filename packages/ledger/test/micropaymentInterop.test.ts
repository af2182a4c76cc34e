/**
 * Micropayments across packages: payments built by @theta/micropayment (payer and relay)
 * are accepted by this ledger's ServicePayment executor, and the docs/ledger.md §12.3 settlement executes.
 */
import {
  coins,
  decodeTx,
  EMPTY_ROOT_HASH,
  hexToBytes,
  newAccount,
  privatenet,
  type ServicePaymentTx,
} from "@theta/core-types";
import { createCrypto, nobleBackend } from "@theta/crypto";
import { createMemoryPaymentStore, createPayer, createRelay, type PoolInfo } from "@theta/micropayment";
import { describe, expect, it } from "vitest";
import { ExecMode } from "../src/execution/context.ts";
import { executeServicePaymentTx } from "../src/execution/servicePaymentTx.ts";
import { openStateView } from "../src/state/stateView.ts";
import { createMemoryTrieDatabase } from "./helpers/memoryTrie.ts";

const crypto = createCrypto(nobleBackend);
const KEY_A = hexToBytes("93a90ea508331dfdf27fb79757d4250b4e84954927ba0073cd67454ac432c737");
const KEY_B = hexToBytes("f3e4bfb656a98beac6931c86f48de62a7e469624d359f6b067b7f4a45a136446");
const A = crypto.privateKeyToAddress(KEY_A);
const B = crypto.privateKeyToAddress(KEY_B);
const E18 = 10n ** 18n;
const FEE = 3n * 10n ** 17n;
const H = 1500n;

async function chainWithPool() {
  const db = await createMemoryTrieDatabase();
  const state = await openStateView({ db }, EMPTY_ROOT_HASH);
  await state.setAccount({
    ...newAccount(A),
    sequence: 3n,
    reservedFunds: [
      {
        collateral: coins(0n, 1001n * E18),
        initialFund: coins(0n, 1000n * E18),
        usedFund: coins(0n, 0n),
        resourceIds: ["vid001", "vid002"],
        endBlockHeight: 2000n,
        reserveSequence: 3n,
        transferRecords: [],
      },
    ],
  });
  await state.setAccount({ ...newAccount(B), balance: coins(0n, 100n * E18) });
  return { state, ctx: { state, profile: privatenet, height: H, crypto, mode: ExecMode.Deliver } };
}

async function poolOf(state: Awaited<ReturnType<typeof chainWithPool>>["state"]): Promise<PoolInfo> {
  const f = (await state.getAccount(A))!.reservedFunds[0]!;
  return {
    source: A,
    reserveSequence: f.reserveSequence,
    resourceIds: f.resourceIds,
    initialFund: f.initialFund.tfuelWei,
    usedFund: f.usedFund.tfuelWei,
    collateral: f.collateral.tfuelWei,
    endBlockHeight: f.endBlockHeight,
    transferRecords: f.transferRecords,
  };
}

describe("@theta/micropayment payments settle through the ledger's ServicePayment executor", () => {
  it("the docs/ledger.md §12.3 ServicePaymentTx executes: 80 TFuel to B, B pays the fee, the pool records it", async () => {
    const { state, ctx } = await chainWithPool();
    const raw =
      "05f8d9ca80880429d069189e0000f865942e833968e5bb786ae419c4d13189fb081cc43babcb808904563918244f40000080b84135b1eca0477d121634fbe56c86f1e350afc8f52eee73cb49b5c34224cca817c767cf2f951b4c2e4702475ec4dc204012ad6b2ae69910734fb44514a0692e6a0000f85c94511f5b5af946edca88217eb9404477a95cb5c3f4c2808001b8411c73d8b9cb5a4740f700cf005efd8ee882dc3509fc99174d9d796bcc21a5dd5413f69d45c20c66743dc8cc30bd53f0e2ef4c8584ce4b3f54f0ab243ce1828d0301010386766964303031";
    const r = await executeServicePaymentTx(ctx, decodeTx(hexToBytes(raw)) as ServicePaymentTx);
    expect(r).toEqual({ ok: true });
    expect((await state.getAccount(B))!.balance.tfuelWei).toBe(100n * E18 + 80n * E18 - FEE);
    expect((await state.getAccount(A))!.reservedFunds[0]!.usedFund.tfuelWei).toBe(80n * E18);
  });

  it("two rounds of payer → relay → settle, each accepted and applied, the relay's bytes decoding to what the ledger runs", async () => {
    const { state, ctx } = await chainWithPool();
    const signer = (sk: Uint8Array) => ({
      address: crypto.privateKeyToAddress(sk),
      sign: (m: Uint8Array) => crypto.sign(m, sk),
    });
    const verifier = { verify: (m: Uint8Array, s: Uint8Array, a: Uint8Array) => crypto.verify(m, s, a) };
    const payer = createPayer({ signer: signer(KEY_A), chainId: "privatenet" }, await poolOf(state));
    const relay = createRelay({
      signer: signer(KEY_B),
      verifier,
      chainId: "privatenet",
      store: createMemoryPaymentStore(),
    });
    for (const [round, chunks] of [
      [1, 5],
      [2, 3],
    ] as const) {
      for (let i = 0; i < chunks; i++) {
        const v = await relay.accept(payer.pay(B, "vid002", 10n * E18), await poolOf(state), H);
        expect(v.ok).toBe(true);
      }
      const { raw } = await relay.settle(A, 3n, { fee: coins(0n, FEE), targetSequence: 0n });
      const tx = decodeTx(raw) as ServicePaymentTx;
      expect(tx.paymentSequence).toBe(BigInt(round));
      expect(await executeServicePaymentTx(ctx, tx)).toEqual({ ok: true });
      payer.observePool(await poolOf(state));
    }
    expect((await state.getAccount(A))!.reservedFunds[0]!.usedFund.tfuelWei).toBe(80n * E18);
    expect((await state.getAccount(B))!.balance.tfuelWei).toBe(100n * E18 + 80n * E18 - 2n * FEE);
    expect(payer.available()).toBe(920n * E18);
  });
});
