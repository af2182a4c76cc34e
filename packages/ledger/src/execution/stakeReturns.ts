/**
 * The delayed state updates at the end of every block (docs/ledger.md §7.2, §7.4): validator stake
 * returns, guardian stake returns, then (from Theta3) the EEN stakes listed for return at P.
 * Source accounts are read and written directly, without the lazy fund release.
 */
import {
  type Address,
  bytesToHex,
  Coin,
  type Coins,
  equalBytes,
  isActive,
  type Stake,
  StateKey,
  ThetaError,
} from "@theta/core-types";
import { StakingErrorCode } from "../staking/errors.ts";
import { gcpReturnStakes } from "../staking/guardianPool.ts";
import { vcpReturnStakes } from "../staking/validatorPool.ts";
import type { StateView } from "../state/stateView.ts";
import type { ExecContext } from "./context.ts";

/** What the block-end step needs: the state, the profile, the block height H and the crypto. */
export type StakeReturnContext = Pick<ExecContext, "state" | "profile" | "height" | "crypto">;

/**
 * Runs the three return steps for block H (returns due at P = H − 1). Throws a ThetaError if
 * the state is inconsistent (a returned stake's source account is missing, or an EEN return
 * entry does not match the node), which the reference treats as fatal.
 */
export async function applyStakeReturns(ctx: StakeReturnContext): Promise<void> {
  const p = ctx.height - 1n;
  const { state } = ctx;
  const vcpBytes = await state.trie.get(StateKey.vcp());
  if (vcpBytes !== undefined && vcpBytes.length > 0) {
    const r = vcpReturnStakes(await state.getVcp(), p, ctx.crypto.toChecksumAddress);
    for (const s of r.returned) await credit(state, s, { thetaWei: s.amount, tfuelWei: 0n });
    await state.setVcp(r.pool);
  }
  const gcp = await state.getGcp();
  if (gcp !== undefined && gcp.sortedGuardians.length > 0) {
    const r = gcpReturnStakes(gcp, p);
    for (const s of r.returned) await credit(state, s, { thetaWei: s.amount, tfuelWei: 0n });
    await state.setGcp(r.pool);
  }
  if (isActive(ctx.profile, "enableTheta3", ctx.height)) await returnEenStakes(state, p);
}

async function returnEenStakes(state: StateView, p: bigint): Promise<void> {
  const list = await state.getEenStakeReturns(p);
  if (list.length === 0) return;
  for (const { holder, stake } of list) {
    await credit(state, stake, { thetaWei: 0n, tfuelWei: stake.amount });
    await returnEenStake(state, p, holder, stake.source);
  }
  await state.deleteEenStakeReturns(p);
}

async function returnEenStake(state: StateView, p: bigint, holder: Address, source: Address): Promise<void> {
  const node = await state.getEliteEdgeNode(holder);
  if (node === undefined)
    throw mismatch(`EEN 0x${bytesToHex(holder)} listed for a stake return does not exist`);
  let i = node.stakes.length - 1;
  while (i >= 0 && !equalBytes(node.stakes[i]!.source, source)) i--;
  if (i < 0) return;
  const s = node.stakes[i]!;
  if (!s.withdrawn || s.returnHeight !== p) {
    throw mismatch(`EEN 0x${bytesToHex(holder)}: stake of 0x${bytesToHex(source)} is not due at ${p}`);
  }
  const stakes = node.stakes.filter((_, k) => k !== i);
  if (stakes.length === 0) await state.deleteEliteEdgeNode(holder);
  else await state.setEliteEdgeNode({ ...node, stakes });
}

async function credit(state: StateView, stake: Stake, amount: Coins): Promise<void> {
  const acc = await state.getAccount(stake.source);
  if (acc === undefined) {
    throw new ThetaError(
      StakingErrorCode.MissingSourceAccount,
      `stake return: source account 0x${bytesToHex(stake.source)} does not exist (expected the staker's account)`,
    );
  }
  await state.setAccount({ ...acc, balance: Coin.plus(acc.balance, amount) });
}

function mismatch(message: string): ThetaError {
  return new ThetaError(StakingErrorCode.ReturnMismatch, `stake return: ${message}`);
}
