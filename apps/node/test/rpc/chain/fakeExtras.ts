/**
 * The `ChainQueryExtras` part of the fake chain: elite edge nodes and reward distribution rules
 * at heights 1 and 2 (height 1000 is "pruned", other heights have no block), EEN stake returns at
 * height 28801, block links from the fake's stored blocks, and a settable smart-contract fork.
 * Addresses are those of the spec's examples (docs/ledger.md §2.8).
 */
import {
  type Address,
  type EliteEdgeNode,
  equalBytes,
  type Hash,
  hexToBytes,
  type RewardDistribution,
  type StakeWithHolder,
} from "@theta/core-types";
import type { StoredBlock } from "../../../src/rpc/chainQuery.ts";
import type { ChainQueryExtras, SmartContractFork } from "../../../src/rpc/chainQueryExtras.ts";

export const EEN_HOLDER: Address = hexToBytes("511f5b5af946edca88217eb9404477a95cb5c3f4");
export const EEN_HOLDER_2: Address = hexToBytes("70f587259738cb626a1720af7038b8dcdb6a42a0");
export const STAKE_SOURCE: Address = hexToBytes("2e833968e5bb786ae419c4d13189fb081cc43bab");
export const BENEFICIARY: Address = hexToBytes("9f1233798e905e173560071255140b4a8abd3ec6");
/** 10,000 TFuel, the minimum EEN deposit. */
export const EEN_STAKE = 10_000n * 10n ** 18n;
export const NEVER_RETURNED = 2n ** 64n - 1n;
export const RETURN_HEIGHT = 28_801n;

export const EENS: readonly EliteEdgeNode[] = [
  {
    holder: EEN_HOLDER,
    stakes: [{ source: STAKE_SOURCE, amount: EEN_STAKE, withdrawn: false, returnHeight: NEVER_RETURNED }],
    blsPubkey: new Uint8Array(48),
  },
  {
    holder: EEN_HOLDER_2,
    stakes: [{ source: STAKE_SOURCE, amount: 2n * EEN_STAKE, withdrawn: true, returnHeight: RETURN_HEIGHT }],
    blsPubkey: new Uint8Array(48),
  },
];

export const RULES: readonly RewardDistribution[] = [
  { stakeHolder: EEN_HOLDER, beneficiary: BENEFICIARY, splitBasisPoint: 500n },
  { stakeHolder: EEN_HOLDER_2, beneficiary: STAKE_SOURCE, splitBasisPoint: 1000n },
];

export const RETURNS: readonly StakeWithHolder[] = [{ holder: EEN_HOLDER_2, stake: EENS[1]!.stakes[0]! }];

/** The extras plus the fork the test may change. */
export interface FakeExtras extends ChainQueryExtras {
  fork: SmartContractFork;
}

/** Extras over the fake's stored blocks (`best(h)`: the best block at `h`; `all(h)`: every block). */
export function createFakeExtras(
  blocks: Map<string, StoredBlock>,
  key: (h: Hash) => string,
  best: (height: bigint) => StoredBlock | undefined,
  all: (height: bigint) => StoredBlock[],
): FakeExtras {
  const found = <T>(height: bigint, value: () => T) => {
    if (height === 1000n) return { kind: "pruned" } as const;
    const b = best(height);
    return b === undefined
      ? ({ kind: "noBlock" } as const)
      : ({ kind: "found", blockHash: b.hash, value: value() } as const);
  };
  const extras: FakeExtras = {
    fork: { nextHeight: 3n, enabledFrom: 0n },
    eenpAtHeight: async (height) => found(height, () => EENS),
    eenAtHeight: async (height, holder) =>
      found(height, () => EENS.find((e) => equalBytes(e.holder, holder))),
    async srdrsAtHeight(height, holder) {
      if (height === 1000n) return { kind: "pruned" };
      return {
        kind: "found",
        pools: all(height).map((b) => ({
          blockHash: b.hash,
          rules: holder === undefined ? RULES : [RULES.find((r) => equalBytes(r.stakeHolder, holder))],
        })),
      };
    },
    eenStakeReturns: async (height) => (height === RETURN_HEIGHT ? RETURNS : []),
    pendingEenStakeReturns: async () => [{ heightKey: `ls/eensrk/${RETURN_HEIGHT}`, returns: RETURNS }],
    async blockLinks(hash) {
      const b = blocks.get(key(hash));
      return b === undefined
        ? undefined
        : { parent: b.block.block.header.parent, children: b.block.children, status: b.block.status };
    },
    async smartContractFork() {
      return extras.fork;
    },
  };
  return extras;
}
