/** The staking transactions of docs/ledger.md §12.3 execute on privatenet from their raw bytes. */
import {
  bytesToHex,
  coins,
  decodeTx,
  hexToBytes,
  newAccount,
  privatenet,
  type Tx,
  TxType,
} from "@theta/core-types";
import { describe, expect, it } from "vitest";
import { executeDepositStakeTx } from "../src/execution/depositStakeTx.ts";
import type { ExecResult } from "../src/execution/resultCodes.ts";
import { executeStakeRewardDistributionTx } from "../src/execution/stakeRewardDistributionTx.ts";
import { executeWithdrawStakeTx } from "../src/execution/withdrawStakeTx.ts";
import { codeOf, context, crypto, E18, fundedState } from "./helpers/stakeFixture.ts";

const A = hexToBytes("2e833968e5bb786ae419c4d13189fb081cc43bab");
const B = hexToBytes("511f5b5af946edca88217eb9404477a95cb5c3f4");

/** [name, raw, hash] from docs/ledger.md §12.3. */
const VECTORS: readonly (readonly [string, string, string])[] = [
  [
    "DepositStakeTx (legacy)",
    "08f88dca80880429d069189e0000f866942e833968e5bb786ae419c4d13189fb081cc43babcc8a2a5a058fc295ed0000008007b8416283075661fc1693c9f953730c271df9eda3816d44d6b063f49ddee69b0fc3d61541dd187ea1bec25f562d1a9a9f0d6b62f309790387bdf00969f51281fd7a1200d894511f5b5af946edca88217eb9404477a95cb5c3f4c2808080",
    "6224f86d6a63647efdadf439a84cc7b7917b5da6957e1a6308872ab30df3b113",
  ],
  [
    "WithdrawStakeTx",
    "09f883ca80880429d069189e0000f85c942e833968e5bb786ae419c4d13189fb081cc43babc2808008b841fb7a76e695431ebb334bd48da976ea4dbf722e18063680cc2f2e49548729e35f6a4043c4aa3cca884a51f3d23da7ae9b2a6e07f652c0030f186b883a16cb9cc001d894511f5b5af946edca88217eb9404477a95cb5c3f4c2808080",
    "d6da473029aa6323edc71be81c7eb4f162a542a657311589b1fd4a2d52e71f29",
  ],
  [
    "StakeRewardDistributionTx",
    "0bf885ca80880429d069189e0000f85c942e833968e5bb786ae419c4d13189fb081cc43babc2808009b8410b45a80c5d545ab8374b7a120f39a8eb09b0e154fa8356b22068c7fc5c4317a67903705e81b860bb3bc0613f4a951d0cb4d1f35a9c266a3334785d66da0f609b00d894511f5b5af946edca88217eb9404477a95cb5c3f4c280808201f4",
    "81e605972efaf83ee643f851f153da5e22ecd3828c09cf240a2352cf96724f03",
  ],
  [
    "DepositStakeTxV2",
    "0af890ca80880429d069189e0000f866942e833968e5bb786ae419c4d13189fb081cc43babcc8a2a5a058fc295ed0000008007b8416283075661fc1693c9f953730c271df9eda3816d44d6b063f49ddee69b0fc3d61541dd187ea1bec25f562d1a9a9f0d6b62f309790387bdf00969f51281fd7a1200d894511f5b5af946edca88217eb9404477a95cb5c3f4c2808080808080",
    "8d0529f02508bf52cf10e74aaa6590a8d59c8cef5b3a0c9140c589b976062efb",
  ],
];

function run(ctx: ReturnType<typeof context>, tx: Tx): Promise<ExecResult> {
  switch (tx.type) {
    case TxType.DepositStake:
    case TxType.DepositStakeV2:
      return executeDepositStakeTx(ctx, tx);
    case TxType.WithdrawStake:
      return executeWithdrawStakeTx(ctx, tx);
    case TxType.StakeRewardDistribution:
      return executeStakeRewardDistributionTx(ctx, tx);
    default:
      throw new Error(`unexpected tx type ${tx.type}`);
  }
}

describe("docs/ledger.md §12.3 staking vectors on privatenet", () => {
  it("each raw tx hashes as listed and executes in sequence (A's sequences 7, 8, 9; V2 on a fresh state)", async () => {
    let ran = 0;
    const fresh = async () => {
      const state = await fundedState([], coins(0n, 0n));
      await state.setAccount({ ...newAccount(A), sequence: 6n, balance: coins(1_000_000n * E18, 10n * E18) });
      return state;
    };
    let state = await fresh();
    for (const [name, raw, hash] of VECTORS) {
      const bytes = hexToBytes(raw);
      expect(bytesToHex(crypto.txHash(bytes)), name).toBe(hash);
      if (name === "DepositStakeTxV2") state = await fresh();
      expect(codeOf(await run(context(state, privatenet, 100n), decodeTx(bytes))), name).toBeUndefined();
      ran++;
    }
    expect(ran).toBe(4);
    const vcp = await state.getVcp();
    expect(vcp.sortedCandidates[0]!.holder).toEqual(B);
    expect(vcp.sortedCandidates[0]!.stakes[0]!.source).toEqual(A);
  });
});
