/**
 * Whose messages the engine keeps: a vote or a block is stored only if its signer is a validator of the
 * set relevant to it, when that can be known, and otherwise of one of the sets known around the local
 * chain. A key that is in none of them (a peer signing its own votes and blocks) makes the engine keep
 * nothing: its votes cannot count towards a commit or an epoch, and its blocks cannot be valid here.
 *
 * - A vote for a valid block: `ValidatorSet(block)`, or the sets below (a validator re-voting its last
 *   block after a set change still counts towards the epoch).
 * - A block whose parent is valid: `NextValidatorSet(parent)`, the set its proposer is drawn from.
 * - Otherwise (the block, or the parent, is not known yet): the recent sets — `ValidatorSet(tip)`,
 *   `NextValidatorSet(tip)`, the set in the tip's own state (a change the tip executed) and
 *   `NextValidatorSet(last finalized)`, the set epochs advance by.
 */
import { bytesToHex } from "@theta/core-types";
import type { StakeEntry } from "../ports.ts";
import type { EngineState } from "./engineState.ts";
import { stakeIndex } from "./stakeIndex.ts";

/** Whether `address` holds stake in `set`. */
export const inSet = (set: readonly StakeEntry[], address: Uint8Array): boolean =>
  stakeIndex(set).byAddress.has(bytesToHex(address));

/** The addresses (lowercase hex) of the recent validator sets; cached per tip and last finalized block. */
export async function recentValidators(state: EngineState): Promise<ReadonlySet<string>> {
  const tree = state.chain.tree;
  const tip = tree.tip().hash;
  const fin = tree.lastFinalized().hash;
  const key = `${bytesToHex(tip)}:${bytesToHex(fin)}`;
  if (state.recentValidators?.key === key) return state.recentValidators.addresses;
  const sets = [
    await state.sets.validatorSet(tip),
    await state.sets.nextValidatorSet(tip),
    await state.sets.setAfter(tip),
    await state.sets.nextValidatorSet(fin),
  ];
  const addresses = new Set<string>();
  for (const set of sets) for (const a of stakeIndex(set).byAddress.keys()) addresses.add(a);
  state.recentValidators = { key, addresses };
  return addresses;
}

/** Whether a vote by `voter` for `block` may be kept. */
export async function voterAdmitted(
  state: EngineState,
  voter: Uint8Array,
  block: Uint8Array,
): Promise<boolean> {
  if (state.chain.entry(block) !== undefined && inSet(await state.sets.validatorSet(block), voter)) {
    return true;
  }
  return (await recentValidators(state)).has(bytesToHex(voter));
}

/**
 * Whether a block whose parent is not valid locally may be parked: its proposer is in a recent set.
 * (A block whose parent is valid is checked against `NextValidatorSet(parent)` instead.)
 */
export async function parkedProposerAdmitted(state: EngineState, proposer: Uint8Array): Promise<boolean> {
  return (await recentValidators(state)).has(bytesToHex(proposer));
}
