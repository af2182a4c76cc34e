/**
 * Acceptance (in-process, real ledger): one validator that is also a guardian, and three elite edge nodes
 * staked with DepositStakeTxV2 purpose 2 from four sources. The edge nodes vote for checkpoint 1, the
 * validator's aggregator merges the votes, the proposer of checkpoint 6 (checkpoint interval 5) puts the
 * aggregate into the header next to the guardian votes, and block 6's coinbase pays the EEN stake sources
 * the amounts of docs/ledger.md §8.2, computed by hand below.
 */

import {
  bytesToHex,
  coins,
  type DepositStakeTxV2,
  deriveProfile,
  encodeTx,
  minTxFee,
  privatenet,
  StakePurpose,
  TxType,
} from "@theta/core-types";
import { blsPopProve, blsPublicKey, blsSecretKeyFromPrivateKey, defaultCrypto } from "@theta/crypto";
import { describe, expect, it } from "vitest";
import { createEenChain, type Key, key } from "./harness.ts";

const E18 = 10n ** 18n;
const profile = deriveProfile(privatenet, {
  name: "een-test",
  chainId: "privatenet",
  checkpointInterval: 5n,
});
const V = key(1);
const EENS = [key(31), key(32), key(33)];
const [S1, S2, S3, S4] = [key(41), key(42), key(43), key(44)];

function deposit(
  source: Key,
  holder: Key,
  amount: bigint,
  purpose: number,
  stake: "theta" | "tfuel",
): Uint8Array {
  const bls = blsSecretKeyFromPrivateKey(holder.sk); // decision 9: the node key's BLS key
  const pop = blsPopProve(bls).bytes;
  const tx: DepositStakeTxV2 = {
    type: TxType.DepositStakeV2,
    fee: coins(0n, minTxFee(profile, 1n)),
    source: {
      address: source.address,
      coins: stake === "theta" ? coins(amount, 0n) : coins(0n, amount),
      sequence: 1n,
      signature: new Uint8Array(0),
    },
    holder: { address: holder.address, coins: coins(0n, 0n) },
    purpose,
    blsPubkey: blsPublicKey(bls).bytes,
    blsPop: pop,
    holderSig: defaultCrypto.sign(pop, holder.sk),
  };
  return encodeTx(defaultCrypto.signTx(profile.chainId, tx, source.sk));
}

describe("EEN reward end to end (in-process: real ledger and executor, virtual clock)", () => {
  it("EEN votes reach the checkpoint header and the next checkpoint pays the EEN stake sources (docs/ledger.md §8.2)", async () => {
    const chain = await createEenChain(
      profile,
      {
        balances: [V, S1, S2, S3, S4].map((k) => ({
          address: k.hex,
          thetaWei: (10_000n * E18).toString(),
          tfuelWei: (1_000_000n * E18).toString(),
        })),
        validatorStakes: [{ source: V.hex, holder: V.hex, thetaWei: (50_000_000n * E18).toString() }],
      },
      V,
      EENS,
    );
    // Block 1 (a checkpoint: 1 % 5 = 1) carries the stakes, so the checkpoint's state holds them.
    await chain.add(deposit(V, V, 1_000n * E18, StakePurpose.Guardian, "theta"));
    await chain.add(deposit(S1, EENS[0]!, 100_000n * E18, StakePurpose.EliteEdgeNode, "tfuel"));
    await chain.add(deposit(S2, EENS[1]!, 50_000n * E18, StakePurpose.EliteEdgeNode, "tfuel"));
    await chain.add(deposit(S3, EENS[1]!, 30_000n * E18, StakePurpose.EliteEdgeNode, "tfuel"));
    await chain.add(deposit(S4, EENS[2]!, 20_000n * E18, StakePurpose.EliteEdgeNode, "tfuel"));
    await chain.start();
    await chain.runUntilFinalized(6n, 120_000);
    const b1 = chain.finalized.get(1n)!;
    expect(b1.block.txs.length).toBe(6); // coinbase + 5 deposits
    const b6 = chain.finalized.get(6n)!;
    const eenVotes = b6.block.header.eliteEdgeNodeVotes;
    expect(eenVotes).toBeDefined();
    expect(bytesToHex(eenVotes!.block)).toBe(bytesToHex(b1.hash));
    expect(bytesToHex(b6.block.header.guardianVotes!.block)).toBe(bytesToHex(b1.hash));
    const ascending = EENS.map((k) => bytesToHex(k.address)).sort();
    expect(eenVotes!.addresses.map(bytesToHex)).toEqual(ascending);
    for (let h = 2n; h <= 5n; h++)
      expect(chain.finalized.get(h)!.block.header.eliteEdgeNodeVotes).toBeUndefined();

    // docs/ledger.md §8.2 by hand. Total EEN stake 200,000 TFUEL. Weight (docs/ledger.md §8.3): b = stake / 10,000 TFUEL units,
    // p = 1e18·800·stake/total/b ≥ 1e18 here (e.g. E1: 1e18·800·100k/200k/10 = 4e19), so every draw
    // r < 1e18 succeeds and w = b: E1 10, E2 8, E3 2.
    // eff = floor(1e18·w·amount / node stake): S1 1e18·10·100k/100k = 10e18; S2 1e18·8·50k/80k = 5e18;
    // S3 1e18·8·30k/80k = 3e18; S4 1e18·2·20k/20k = 2e18; totalEff = 20e18.
    // R = floor(38 TFUEL × checkpoint interval 5 × eff / totalEff) = floor(190e18 × eff / 20e18).
    const expected = new Map([
      [S1.hex, 95n * E18], // 190 × 10/20
      [S2.hex, 475n * 10n ** 17n], // 190 × 5/20 = 47.5
      [S3.hex, 285n * 10n ** 17n], // 190 × 3/20 = 28.5
      [S4.hex, 19n * E18], // 190 × 2/20
    ]);
    const before = await chain.ledger.view(chain.finalized.get(5n)!.block.header.stateHash);
    const after = await chain.ledger.view(b6.block.header.stateHash);
    for (const s of [S1, S2, S3, S4]) {
      const gained =
        (await after.getAccount(s.address))!.balance.tfuelWei -
        (await before.getAccount(s.address))!.balance.tfuelWei;
      expect(gained, s.hex).toBe(expected.get(s.hex));
    }
    // Block 5 paid nothing to them (not a checkpoint).
    const b4 = await chain.ledger.view(chain.finalized.get(4n)!.block.header.stateHash);
    for (const s of [S1, S2, S3, S4]) {
      expect((await before.getAccount(s.address))!.balance.tfuelWei).toBe(
        (await b4.getAccount(s.address))!.balance.tfuelWei,
      );
    }
    await chain.stop();
  }, 300_000);
});
