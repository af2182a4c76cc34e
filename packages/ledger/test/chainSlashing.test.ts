import {
  coins,
  encodeTx,
  newAccount,
  privatenet,
  type ServicePaymentTx,
  type Tx,
  TxType,
} from "@theta/core-types";
import { describe, expect, it } from "vitest";
import { createLedger } from "../src/chain/ledger.ts";
import { openStateView } from "../src/state/stateView.ts";
import { addr, blockInfo, crypto, E18, fundedState, keys, PROPOSER } from "./helpers/chainFixture.ts";

const [S, T] = [0, 1];
const H = 100n;
const rewards = { validators: [{ address: PROPOSER, stake: 1n }] };

function payTx(amount: bigint, paymentSequence: bigint): ServicePaymentTx {
  const tx: ServicePaymentTx = {
    type: TxType.ServicePayment,
    fee: coins(0n, 3n * 10n ** 17n),
    source: { address: addr[S]!, coins: coins(0n, amount), sequence: 1n, signature: new Uint8Array(0) },
    target: { address: addr[T]!, coins: coins(0n, 0n), sequence: 1n, signature: new Uint8Array(0) },
    paymentSequence,
    reserveSequence: 1n,
    resourceId: "rid",
  };
  return crypto.signTx(privatenet.chainId, crypto.signTx(privatenet.chainId, tx, keys[S]!), keys[T]!);
}

describe("slashing across blocks (docs/decisions.md §8, privatenet)", () => {
  it("an overspend in block H yields an intent; the proposer of H+1 includes the SlashTx and takes collateral + remaining fund", async () => {
    const { db, root: funded, runtime } = await fundedState();
    const state = await openStateView({ db }, funded);
    const settled = payTx(8n * E18, 1n);
    const pool = {
      collateral: coins(0n, 20n * E18),
      initialFund: coins(0n, 10n * E18),
      usedFund: coins(0n, 8n * E18),
      resourceIds: ["rid"],
      endBlockHeight: H + 100n,
      reserveSequence: 1n,
      transferRecords: [settled],
    };
    await state.setAccount({ ...newAccount(addr[S]!), sequence: 1n, reservedFunds: [pool] });
    await state.setAccount({ ...newAccount(PROPOSER), balance: coins(0n, E18) });
    const root = await state.commit();
    const ledger = createLedger({ db, profile: privatenet, crypto, runtime });
    const block = await ledger.applyBlock(root, { ...blockInfo(H), rewards }, [
      encodeTx(payTx(5n * E18, 2n)),
    ]);
    if (!block.ok) throw new Error(block.message);
    expect(block.value.slashIntents).toHaveLength(1);

    const sign = (tx: Tx) => crypto.signTx(privatenet.chainId, tx, keys[7]!);
    const next = { ...blockInfo(H + 1n), rewards };
    const quiet = createLedger({
      db,
      profile: privatenet,
      crypto,
      hooks: { buildCoinbase: async () => undefined },
    });
    const p = await quiet.proposeBlock(block.value.stateRoot, next, [], {
      sign,
      slashIntents: block.value.slashIntents,
    });
    expect(p.dropped.map((d) => d.failure.message)).toEqual([]);
    expect(p.outcomes.map((o) => o.tx.type)).toEqual([TxType.Slash]);
    const after = await quiet.view(p.stateRoot);
    expect((await after.getAccount(PROPOSER))?.balance.tfuelWei).toBe(E18 + 22n * E18);
    expect((await after.getAccount(addr[S]!))?.reservedFunds).toEqual([]);
    const replay = await quiet.applyBlock(block.value.stateRoot, next, p.txs, {
      expectedStateRoot: p.stateRoot,
    });
    expect(replay.ok).toBe(true);
  });
});
