/**
 * Genesis from a small description that tools can write (JSON-friendly: amounts as decimal
 * strings): balances and validator stakes. Builds the same key layout as a Theta genesis
 * snapshot: accounts, `ls/vcp` sorted by the VCP rule, and `ls/sthl = [0]`.
 */
import {
  type Account,
  coins,
  EMPTY_ROOT_HASH,
  type Hash,
  MAX_RETURN_HEIGHT,
  newAccount,
  parseAddress,
  type StakeHolder,
  ThetaError,
} from "@theta/core-types";
import type { TrieDatabase } from "../ports.ts";
import { StateErrorCode } from "./errors.ts";
import { openStateView, type StateView } from "./stateView.ts";
import { type ChecksumAddress, sortVcpCandidates } from "./vcpOrder.ts";

/** One genesis balance. */
export interface GenesisBalance {
  /** `0x` + 40 hex digits. */
  readonly address: string;
  /** Decimal wei strings. */
  readonly thetaWei: string;
  readonly tfuelWei: string;
}

/** One genesis validator stake (the staked THETA is not in the source's balance). */
export interface GenesisStake {
  readonly source: string;
  readonly holder: string;
  readonly thetaWei: string;
}

/** A genesis description. */
export interface GenesisDescription {
  readonly balances: readonly GenesisBalance[];
  readonly validatorStakes: readonly GenesisStake[];
}

function amount(text: string, field: string): bigint {
  if (!/^(0|[1-9][0-9]*)$/.test(text)) {
    throw new ThetaError(
      StateErrorCode.GenesisBadDescription,
      `${field}: expected a non-negative decimal integer string, got ${JSON.stringify(text)}`,
      { details: { field } },
    );
  }
  return BigInt(text);
}

/** Writes the described genesis into a fresh state in `db` and returns the view and its root. */
export async function buildGenesis(
  deps: { readonly db: TrieDatabase; readonly checksum: ChecksumAddress },
  description: GenesisDescription,
): Promise<{ readonly state: StateView; readonly root: Hash }> {
  const state = await openStateView(deps, EMPTY_ROOT_HASH);
  const accounts = new Map<string, Account>();
  description.balances.forEach((b, i) => {
    const address = parseAddress(b.address, `balances[${i}].address`);
    const key = address.join(",");
    const prev = accounts.get(key)?.balance ?? coins(0n, 0n);
    accounts.set(key, {
      ...newAccount(address),
      balance: coins(
        prev.thetaWei + amount(b.thetaWei, `balances[${i}].thetaWei`),
        prev.tfuelWei + amount(b.tfuelWei, `balances[${i}].tfuelWei`),
      ),
    });
  });
  for (const acc of accounts.values()) await state.setAccount(acc);
  const holders = new Map<string, StakeHolder>();
  description.validatorStakes.forEach((s, i) => {
    const holder = parseAddress(s.holder, `validatorStakes[${i}].holder`);
    const source = parseAddress(s.source, `validatorStakes[${i}].source`);
    const key = holder.join(",");
    const prev = holders.get(key) ?? { holder, stakes: [] };
    const stake = {
      source,
      amount: amount(s.thetaWei, `validatorStakes[${i}].thetaWei`),
      withdrawn: false,
      returnHeight: MAX_RETURN_HEIGHT,
    };
    holders.set(key, { holder, stakes: [...prev.stakes, stake] });
  });
  await state.setVcp({ sortedCandidates: sortVcpCandidates([...holders.values()], deps.checksum) });
  await state.setStakeTransactionHeightList([0n]);
  return { state, root: await state.commit() };
}
