/**
 * The composition's ChainQueryExtras (src/compose/chainQueryExtras.ts) over stub stores: the
 * reference's best block of a height (a finalized block wins; otherwise the highest of committed,
 * valid, pending; invalid and disposed never), pruned state, the state-key-prefix listings and the
 * smart-contract fork heights.
 */
import {
  BlockStatus,
  type ExtendedBlock,
  encodeEliteEdgeNode,
  encodeRewardDistribution,
  encodeStakeWithHolders,
  type Hash,
  StateKey,
  utf8ToBytes,
} from "@theta/core-types";
import type { StateView } from "@theta/ledger";
import { describe, expect, it } from "vitest";
import { createChainQueryExtras } from "../../src/compose/chainQueryExtras.ts";
import type { ChainReader } from "../../src/compose/chainReader.ts";
import type { ChainBlockStore } from "../../src/store/blockStore.ts";
import { EENS, RETURNS, RULES } from "./chain/fakeExtras.ts";

const H = (i: number): Hash => new Uint8Array(32).fill(i);
const hexOf = (b: Uint8Array) => Buffer.from(b).toString("hex");

/** Stub stores: `heights` maps a height to its blocks' (hash id, status); hash 99's state is pruned. */
function extrasOver(heights: Record<number, Array<[number, BlockStatus]>>, finalizedHeight = 9n) {
  const blocks = new Map<string, ExtendedBlock>();
  for (const [h, list] of Object.entries(heights))
    for (const [id, status] of list)
      blocks.set(hexOf(H(id)), {
        block: { header: { height: BigInt(h), parent: H(0) } as ExtendedBlock["block"]["header"], txs: [] },
        children: [H(id + 1)],
        status,
        hasValidatorUpdate: false,
      });
  const entries = new Map<string, Uint8Array>([
    ...EENS.map((e) => [hexOf(StateKey.eliteEdgeNode(e.holder)), encodeEliteEdgeNode(e)] as const),
    ...RULES.map(
      (r) => [hexOf(StateKey.rewardDistribution(r.stakeHolder)), encodeRewardDistribution(r)] as const,
    ),
    [hexOf(StateKey.eliteEdgeNodeStakeReturns(99n)), encodeStakeWithHolders(RETURNS)],
    [hexOf(StateKey.eliteEdgeNodeStakeReturns(100n)), encodeStakeWithHolders(RETURNS)],
  ]);
  const view = {
    trie: {
      async *entries(prefix: Uint8Array) {
        const p = hexOf(prefix);
        for (const k of [...entries.keys()].sort())
          if (k.startsWith(p)) yield [Buffer.from(k, "hex"), entries.get(k)!] as const;
      },
    },
    getEliteEdgeNode: async (a: Uint8Array) => EENS.find((e) => hexOf(e.holder) === hexOf(a)),
    getRewardDistribution: async (a: Uint8Array) => RULES.find((r) => hexOf(r.stakeHolder) === hexOf(a)),
    getEenStakeReturns: async (h: bigint) => (h === 99n ? [...RETURNS] : []),
  } as unknown as StateView;
  const store = {
    hashesAtHeight: async (h: bigint) => (heights[Number(h)] ?? []).map(([id]) => H(id)),
    get: async (hash: Hash) => blocks.get(hexOf(hash)),
    lastFinalized: async () => ({ hash: H(0), height: finalizedHeight }),
  } as unknown as ChainBlockStore;
  const reader = {
    stateOfBlock: async (hash: Hash) => (hash[0] === 99 ? "pruned" : view),
    latestState: async () => view,
  } as unknown as ChainReader;
  return createChainQueryExtras({
    blocks: store,
    reader,
    rootHeight: 0n,
    enableSmartContractHeight: 8_411_427n,
  });
}

describe("createChainQueryExtras", () => {
  it("picks the reference's best block of a height", async () => {
    const x = extrasOver({
      1: [
        [1, BlockStatus.Committed],
        [2, BlockStatus.IndirectlyFinalized],
        [3, BlockStatus.Valid],
      ],
      2: [
        [4, BlockStatus.Valid],
        [5, BlockStatus.Committed],
        [6, BlockStatus.Pending],
      ],
      3: [
        [7, BlockStatus.Disposed],
        [8, BlockStatus.Pending],
      ],
      4: [
        [9, BlockStatus.Invalid],
        [10, BlockStatus.Disposed],
      ],
      5: [[11, BlockStatus.Trusted]],
      6: [[99, BlockStatus.DirectlyFinalized]],
    });
    const best = async (h: bigint) => {
      const r = await x.eenpAtHeight(h);
      return r.kind === "found" ? r.blockHash[0] : r.kind;
    };
    expect([
      await best(1n),
      await best(2n),
      await best(3n),
      await best(4n),
      await best(5n),
      await best(6n),
      await best(7n),
    ]).toEqual([2, 5, 8, "noBlock", 11, "pruned", "noBlock"]);
  });

  it("lists elite edge nodes and rules in state key order and finds one holder's", async () => {
    const x = extrasOver({
      1: [
        [1, BlockStatus.DirectlyFinalized],
        [3, BlockStatus.Committed],
      ],
    });
    const eenp = await x.eenpAtHeight(1n);
    expect(eenp.kind === "found" && eenp.value.map((e) => hexOf(e.holder))).toEqual(
      EENS.map((e) => hexOf(e.holder)).sort(),
    );
    const one = await x.eenAtHeight(1n, EENS[1]!.holder);
    expect(one.kind === "found" && one.value).toEqual(EENS[1]);
    const srdrs = await x.srdrsAtHeight(1n, undefined);
    expect(srdrs).toEqual({
      kind: "found",
      pools: [
        { blockHash: H(1), rules: RULES },
        { blockHash: H(3), rules: RULES },
      ],
    });
    expect(await x.srdrsAtHeight(1n, H(7).subarray(0, 20))).toEqual({
      kind: "found",
      pools: [
        { blockHash: H(1), rules: [undefined] },
        { blockHash: H(3), rules: [undefined] },
      ],
    });
  });

  it("lists pending stake returns by key text, and reads one height", async () => {
    const x = extrasOver({});
    const pending = await x.pendingEenStakeReturns();
    expect(pending.map((p) => p.heightKey)).toEqual(["ls/eensrk/100", "ls/eensrk/99"]);
    expect(pending[1]!.returns).toEqual(RETURNS);
    expect(await x.eenStakeReturns(99n)).toEqual(RETURNS);
    expect(utf8ToBytes(pending[0]!.heightKey)).toEqual(StateKey.eliteEdgeNodeStakeReturns(100n));
  });

  it("reports the next height after the last finalized block and the profile's fork height", async () => {
    expect(await extrasOver({}, 41n).smartContractFork()).toEqual({
      nextHeight: 42n,
      enabledFrom: 8_411_427n,
    });
    const links = await extrasOver({ 1: [[1, BlockStatus.Committed]] }).blockLinks(H(1));
    expect(links).toEqual({ parent: H(0), children: [H(2)], status: BlockStatus.Committed });
  });
});
