import {
  bytesToHex,
  coins,
  decodeTx,
  deriveProfile,
  encodeTx,
  equalBytes,
  MAX_RETURN_HEIGHT,
  newAccount,
  type Tx,
  TxType,
  ZERO_HASH,
} from "@theta/core-types";
import { describe, expect, it } from "vitest";
import { ChainErrorCode } from "../src/chain/errors.ts";
import { createLedger, type Ledger } from "../src/chain/ledger.ts";
import { ExecMode } from "../src/execution/context.ts";
import { executeTx } from "../src/execution/executeTx.ts";
import { ExecCode } from "../src/execution/resultCodes.ts";
import { openStateView } from "../src/state/stateView.ts";
import {
  addr,
  blockInfo,
  contractRaw,
  crypto,
  E18,
  fundedState,
  keys,
  PROPOSER,
  profile,
  sendRaw,
} from "./helpers/chainFixture.ts";
import { squareCall } from "./helpers/fakeRuntime.ts";

const INIT = new Uint8Array([0x60, 0x80]);

async function setup(hooks?: Parameters<typeof createLedger>[0]["hooks"]) {
  const { db, root, runtime } = await fundedState();
  const ledger: Ledger = createLedger({
    db,
    profile,
    crypto,
    runtime,
    ...(hooks === undefined ? {} : { hooks }),
  });
  return { db, root, runtime, ledger };
}

const hex = (b: Uint8Array) => bytesToHex(b);

describe("applyBlock", () => {
  it("applies sends and a contract deploy and call in order, with receipts and the same root as tx-by-tx execution", async () => {
    const { db, root, runtime, ledger } = await setup();
    const at = crypto.contractAddress(addr[1]!, 0n);
    const txs = [
      sendRaw(0, 2, 1n, 5n),
      contractRaw(1, 1n, INIT),
      contractRaw(1, 2n, squareCall(3n), at),
      sendRaw(0, 3, 2n),
    ];
    const r = await ledger.applyBlock(root, blockInfo(10n), txs);
    if (!r.ok) throw new Error(r.message);
    expect(r.value.outcomes.map((o) => hex(o.txHash))).toEqual(txs.map((t) => hex(crypto.txHash(t))));
    expect(r.value.outcomes.map((o) => o.receipt === undefined)).toEqual([true, false, false, true]);
    expect(r.value.outcomes[1]?.receipt?.contractAddress).toEqual(at);
    expect(r.value.outcomes[2]?.receipt?.evmReturn.at(-1)).toBe(9);
    expect(runtime.runs[0]?.block.parentTimestamp).toBe(blockInfo(10n).parentTimestamp);

    const state = await openStateView({ db }, root);
    const ctx = {
      state,
      profile,
      height: 10n,
      crypto,
      mode: ExecMode.Deliver,
      runtime,
      block: blockInfo(10n),
    };
    for (const raw of txs) expect((await executeTx(ctx, decodeTx(raw))).ok).toBe(true);
    expect(hex(r.value.stateRoot)).toBe(hex(await state.root()));
    const after = await ledger.view(r.value.stateRoot);
    expect((await after.getAccount(addr[2]!))?.balance.tfuelWei).toBe(1000n * 10n ** 18n + 5n);
  });

  it("a block with an invalid tx is rejected, naming the index and reason; the parent is untouched", async () => {
    const { root, ledger } = await setup();
    const r = await ledger.applyBlock(root, blockInfo(10n), [sendRaw(0, 2, 1n), sendRaw(0, 2, 3n)]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe(ChainErrorCode.InvalidTx);
    expect(r.message).toMatch(/^block 10: tx 1 \(SendTx 0x[0-9a-f]{64}\): input sequence: expected 2, got 3/);
    expect((await (await ledger.view(root)).getAccount(addr[0]!))?.sequence).toBe(0n);
  });

  it("an undecodable tx makes the block invalid", async () => {
    const { root, ledger } = await setup();
    const r = await ledger.applyBlock(root, blockInfo(10n), [new Uint8Array([0x0c, 0xc0])]);
    expect(r.ok ? "" : r.message).toMatch(/tx 0 \(undecodable 0x[0-9a-f]+\): tx decoding/);
  });

  it("checks the header's state root when given, committing nothing on a mismatch", async () => {
    const { root, ledger } = await setup();
    const bad = await ledger.applyBlock(root, blockInfo(10n), [sendRaw(0, 2, 1n)], {
      expectedStateRoot: ZERO_HASH,
    });
    expect(bad.ok ? "" : bad.code).toBe(ChainErrorCode.StateRootMismatch);
    const good = await ledger.applyBlock(root, blockInfo(10n), [sendRaw(0, 2, 1n)]);
    if (!good.ok) throw new Error(good.message);
    const again = await ledger.applyBlock(root, blockInfo(10n), [sendRaw(0, 2, 1n)], {
      expectedStateRoot: good.value.stateRoot,
    });
    expect(again.ok).toBe(true);
  });

  it("runs the stake returns by default at the end of the block", async () => {
    const { db, root: base, ledger } = await setup();
    const state = await openStateView({ db }, base);
    const stake = { source: addr[0]!, amount: 100n * E18, withdrawn: true, returnHeight: 9n };
    await state.setVcp({ sortedCandidates: [{ holder: addr[6]!, stakes: [stake] }] });
    const root = await state.commit();
    const r = await ledger.applyBlock(root, blockInfo(10n), []);
    if (!r.ok) throw new Error(r.message);
    const after = await ledger.view(r.value.stateRoot);
    expect((await after.getAccount(addr[0]!))?.balance.thetaWei).toBe(1100n * E18);
    expect((await after.getVcp()).sortedCandidates.flatMap((c) => c.stakes)).toEqual([]);
  });

  it("runs the delayed-updates hook once per block, after the txs and before the commit", async () => {
    const seen: bigint[] = [];
    const { root, ledger } = await setup({
      delayedUpdates: async (ctx) => {
        seen.push((await ctx.state.getAccount(addr[0]!))?.sequence ?? -1n);
        await ctx.state.setAccount({ ...newAccount(addr[6]!), balance: coins(1n, 0n) });
      },
    });
    const r = await ledger.applyBlock(root, blockInfo(10n), [sendRaw(0, 2, 1n)]);
    if (!r.ok) throw new Error(r.message);
    expect(seen).toEqual([1n]);
    expect((await (await ledger.view(r.value.stateRoot)).getAccount(addr[6]!))?.balance).toEqual(
      coins(1n, 0n),
    );
  });
});

describe("proposeBlock", () => {
  it("keeps the txs that pass, reports the dropped ones with reasons, and its root replays", async () => {
    const { root, ledger } = await setup();
    const coinbase = encodeTx({
      type: TxType.Coinbase,
      proposer: { address: addr[7]!, coins: coins(0n, 0n), sequence: 0n, signature: new Uint8Array(0) },
      outputs: [],
      blockHeight: 10n,
    });
    const candidates = [
      sendRaw(0, 2, 1n),
      sendRaw(0, 2, 1n),
      sendRaw(1, 2, 1n),
      new Uint8Array([1, 2, 3]),
      coinbase,
    ];
    const p = await ledger.proposeBlock(root, blockInfo(10n), candidates);
    expect(p.txs).toEqual([candidates[0], candidates[2]]);
    expect(p.dropped.map((d) => [d.index, d.failure.code])).toEqual([
      [1, ExecCode.InvalidSequence],
      [3, ExecCode.Generic],
      [4, ExecCode.UnauthorizedTx],
    ]);
    const replay = await ledger.applyBlock(root, blockInfo(10n), p.txs);
    expect(replay.ok && hex(replay.value.stateRoot)).toBe(hex(p.stateRoot));
  });

  it("places the proposer's own txs before the candidates and reports a failing one with a negative index", async () => {
    const { root, ledger } = await setup();
    const own = sendRaw(4, 2, 1n);
    const p = await ledger.proposeBlock(root, blockInfo(10n), [sendRaw(0, 2, 1n)], {
      proposerTxs: [own, sendRaw(4, 2, 5n)],
      maxTxs: 1,
    });
    expect(p.txs).toEqual([own, expect.any(Uint8Array)]);
    expect(p.dropped.map((d) => d.index)).toEqual([-2]);
  });

  it("caps the regular txs", async () => {
    const { root, ledger } = await setup();
    const candidates = [sendRaw(0, 2, 1n), sendRaw(1, 2, 1n), sendRaw(3, 2, 1n)];
    const p = await ledger.proposeBlock(root, blockInfo(10n), candidates, { maxTxs: 2 });
    expect(p.txs).toHaveLength(2);
    const small = deriveProfile(profile, { name: "small", chainId: profile.chainId, maxTxsPerBlock: 1 });
    const { db } = await fundedState();
    const byProfile = createLedger({ db, profile: small, crypto });
    expect((await byProfile.proposeBlock(root, blockInfo(10n), candidates, { maxTxs: 5 })).txs).toHaveLength(
      1,
    );
  });

  it("puts the proposer's coinbase first when a builder and a signer are given; a failing one throws", async () => {
    const { root, ledger } = await setup({ buildCoinbase: async () => undefined });
    const p = await ledger.proposeBlock(root, blockInfo(10n), [sendRaw(0, 2, 1n)], {
      sign: (t) => t,
    });
    expect(p.txs).toHaveLength(1);
    const withCoinbase = await setup({
      buildCoinbase: async (_ctx, info) => ({
        type: TxType.Coinbase,
        proposer: {
          address: info.proposer,
          coins: coins(0n, 0n),
          sequence: 0n,
          signature: new Uint8Array(0),
        },
        outputs: [],
        blockHeight: info.height,
      }),
    });
    await expect(
      withCoinbase.ledger.proposeBlock(withCoinbase.root, blockInfo(10n), [], { sign: (t) => t }),
    ).rejects.toMatchObject({ code: ChainErrorCode.CoinbaseFailed });
  });
});

describe("coinbase", () => {
  const stake = 2_000_000n * E18;
  const rewarded = (h: bigint) => ({
    ...blockInfo(h),
    rewards: { validators: [{ address: PROPOSER, stake }] },
  });
  const sign = (t: Tx) => crypto.signTx(profile.chainId, t, keys[7]!);

  it("the default builder puts the proposer's signed coinbase first, and the block replays", async () => {
    const { db, root: base, ledger } = await setup();
    const state = await openStateView({ db }, base);
    const vcpStake = { source: addr[0]!, amount: stake, withdrawn: false, returnHeight: MAX_RETURN_HEIGHT };
    await state.setVcp({ sortedCandidates: [{ holder: PROPOSER, stakes: [vcpStake] }] });
    const root = await state.commit();
    const p = await ledger.proposeBlock(root, rewarded(10n), [sendRaw(0, 2, 1n)], { sign });
    expect(p.txs).toHaveLength(2);
    expect(decodeTx(p.txs[0]!).type).toBe(TxType.Coinbase);
    const replay = await ledger.applyBlock(root, rewarded(10n), p.txs, { expectedStateRoot: p.stateRoot });
    expect(replay.ok).toBe(true);
    const twice = await ledger.applyBlock(root, rewarded(10n), [p.txs[0]!, p.txs[0]!]);
    expect(twice.ok ? "" : twice.message).toMatch(/tx 1 \(CoinbaseTx/);
    const blind = await ledger.applyBlock(root, blockInfo(10n), p.txs);
    expect(blind.ok ? "" : blind.message).toMatch(/tx 0 \(CoinbaseTx/);
  });
});

describe("checkTx and dryRunContract", () => {
  it("check mode screens without writing; a coinbase is unauthorized", async () => {
    const { root, ledger } = await setup();
    const r = await ledger.checkTx(root, sendRaw(0, 2, 1n), 10n);
    expect(r.ok && r.tx.type).toBe(TxType.Send);
    const bad = await ledger.checkTx(root, sendRaw(0, 2, 2n), 10n);
    expect(bad.ok ? 0 : bad.failure.code).toBe(ExecCode.InvalidSequence);
    const state = await ledger.view(root);
    expect(equalBytes(await state.root(), root)).toBe(true);
    expect((await state.getAccount(addr[0]!))?.sequence).toBe(0n);
  });

  it("dry-runs a deploy on a copy; refuses other tx types and undecodable bytes", async () => {
    const { root, ledger } = await setup();
    const r = await ledger.dryRunContract(root, contractRaw(0, 1n, INIT), blockInfo(10n));
    expect(r.ok && r.value.contractAddress).toEqual(crypto.contractAddress(addr[0]!, 0n));
    expect((await (await ledger.view(root)).getAccount(addr[0]!))?.sequence).toBe(0n);
    const send = await ledger.dryRunContract(root, sendRaw(0, 2, 1n), blockInfo(10n));
    expect(send.ok ? "" : send.code).toBe(ChainErrorCode.NotAContractTx);
    const junk = await ledger.dryRunContract(root, new Uint8Array([0xff]), blockInfo(10n));
    expect(junk.ok).toBe(false);
  });
});
