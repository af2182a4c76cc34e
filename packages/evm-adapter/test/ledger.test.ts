import {
  bytesToHex,
  coins,
  hexToBytes,
  minGasPrice,
  newAccount,
  privatenet,
  type SmartContractTx,
  TxType,
  ZERO_ADDRESS,
} from "@theta/core-types";
import { dryRunContract, type ExecContext, ExecMode, executeSmartContractTx } from "@theta/ledger";
import { describe, expect, it } from "vitest";
import { intrinsicGas } from "../src/index.ts";
import { meter } from "./helpers/gasMeter.ts";
import {
  activeStake,
  blsKey,
  E18,
  guardianInput,
  handIntrinsic,
  holder,
  precompile,
  summary,
} from "./helpers/staking.ts";
import { account, crypto, emptyView, initFor, runtime } from "./helpers/state.ts";

// Runtime: stores calldata word 0 in slot 0 when given; returns slot0².
const SQUARE = "3615600b576000356000555b600054800260005260206000f3";
const SK = new Uint8Array(32).fill(7);
const A = crypto.privateKeyToAddress(SK);
const HEIGHT = 10n;
const PRICE = minGasPrice(privatenet, HEIGHT);
const BLOCK = { parentTimestamp: 1234n, proposer: new Uint8Array(20).fill(9) };
const word = (n: bigint) => hexToBytes(n.toString(16).padStart(64, "0"));

function tx(sequence: bigint, to: Uint8Array, data: Uint8Array): SmartContractTx {
  const unsigned: SmartContractTx = {
    type: TxType.SmartContract,
    from: { address: A, coins: coins(0n, 0n), sequence, signature: new Uint8Array(0) },
    to: { address: to, coins: coins(0n, 0n) },
    gasLimit: 100_000n,
    gasPrice: PRICE,
    data,
  };
  return crypto.signTx(privatenet.chainId, unsigned, SK);
}

describe("through the ledger's SmartContractTx executor and dry run", () => {
  it("deploys, sets and reads back with the ledger's fee and sequence rules", async () => {
    const state = await emptyView();
    const start = 10n ** 21n;
    await state.setAccount({ ...newAccount(A), balance: coins(0n, start) });
    const ctx: ExecContext = {
      state,
      profile: privatenet,
      height: HEIGHT,
      crypto,
      mode: ExecMode.Deliver,
      runtime,
      block: BLOCK,
    };
    const init = initFor(SQUARE);
    const deployGas = intrinsicGas(init, true) + meter(init, new Uint8Array(0), new Map()).gas + 200n * 25n;

    const deployed = await executeSmartContractTx(ctx, tx(1n, ZERO_ADDRESS, init));
    expect(deployed.ok).toBe(true);
    const contract = crypto.contractAddress(A, 0n);
    expect(deployed.ok && deployed.receipt).toMatchObject({
      vmError: "",
      gasUsed: deployGas,
      contractAddress: contract,
    });
    expect(await account(state, A)).toMatchObject({
      sequence: 1n,
      balance: { tfuelWei: start - deployGas * PRICE },
    });

    const set = await executeSmartContractTx(ctx, tx(2n, contract, word(3n)));
    expect(set.ok && set.receipt?.vmError).toBe("");
    expect((await account(state, A)).sequence).toBe(2n);
    expect(await state.getStorage(contract, new Uint8Array(32))).toEqual(word(3n));

    const root = await state.root();
    const read = await dryRunContract(
      { state, profile: privatenet, height: HEIGHT + 1n, runtime, block: BLOCK },
      tx(3n, contract, new Uint8Array(0)),
    );
    expect(read.ok && bytesToHex(read.value.returnValue)).toBe(bytesToHex(word(9n)));
    expect(await state.root()).toEqual(root);
  });

  it("a SmartContractTx to 0xcc stakes THETA, pays the fee on intrinsic + 21000 gas and bumps the sequence", async () => {
    const state = await emptyView();
    const start = 10n ** 21n;
    await state.setAccount({ ...newAccount(A), balance: coins(1_500n * E18, start) });
    const ctx: ExecContext = {
      state,
      profile: privatenet,
      height: HEIGHT,
      crypto,
      mode: ExecMode.Deliver,
      runtime,
      block: BLOCK,
    };
    const g = holder(31);
    const data = guardianInput(summary(g), 1_000n * E18);
    const r = await executeSmartContractTx(ctx, tx(1n, precompile(0xcc), data));
    const gas = handIntrinsic(data) + 21_000n;
    expect(r.ok && r.receipt).toMatchObject({ vmError: "", gasUsed: gas });
    expect(await account(state, A)).toMatchObject({
      sequence: 1n,
      balance: { thetaWei: 500n * E18, tfuelWei: start - gas * PRICE },
    });
    expect(await state.getGcp()).toEqual({
      sortedGuardians: [{ holder: g.address, stakes: [activeStake(A, 1_000n * E18)], blsPubkey: blsKey(3) }],
    });
  });
});
