/**
 * The stake records of one run: read through once, journaled with the run's checkpoints, written
 * to the view by `flush`, and every non-stake method of the view refused.
 */
import { hexToBytes, MAX_RETURN_HEIGHT } from "@theta/core-types";
import { describe, expect, it } from "vitest";
import { createStateCache } from "../src/index.ts";
import { emptyView } from "./helpers/state.ts";

const H = hexToBytes("0x00000000000000000000000000000000000000e1");
const S = hexToBytes("0x00000000000000000000000000000000000000e2");
const node = (amount: bigint) => ({
  holder: H,
  stakes: [{ source: S, amount, withdrawn: false, returnHeight: MAX_RETURN_HEIGHT }],
  blsPubkey: new Uint8Array(48),
});

describe("stake records", () => {
  it("keeps writes in the cache until flush, and a revert drops those since its checkpoint", async () => {
    const view = await emptyView();
    await view.setEenTotalActiveStake(7n);
    const cache = createStateCache(view);
    const stakes = cache.stakes;
    expect(await stakes.getEenTotalActiveStake()).toBe(7n);
    await view.setEenTotalActiveStake(8n);
    // Read once: a later change of the view is not seen by the run.
    expect(await stakes.getEenTotalActiveStake()).toBe(7n);
    cache.checkpoint();
    await stakes.setEliteEdgeNode(node(5n));
    await stakes.setEenTotalActiveStake(12n);
    cache.checkpoint();
    await stakes.setEliteEdgeNode(node(9n));
    await stakes.setEenStakeReturns(40n, [{ holder: H, stake: node(9n).stakes[0]! }]);
    cache.revert();
    expect(await stakes.getEliteEdgeNode(H)).toEqual(node(5n));
    expect(await stakes.getEenStakeReturns(40n)).toEqual([]);
    cache.commit();
    expect(await view.getEliteEdgeNode(H)).toBeUndefined();
    await cache.flush();
    expect(await view.getEliteEdgeNode(H)).toEqual(node(5n));
    expect(await view.getEenTotalActiveStake()).toBe(12n);
  });

  it("a deleted return list is deleted on flush, not written empty", async () => {
    const view = await emptyView();
    const empty = await view.root();
    await view.setEenStakeReturns(40n, [{ holder: H, stake: node(9n).stakes[0]! }]);
    const cache = createStateCache(view);
    await cache.stakes.deleteEenStakeReturns(40n);
    expect(await cache.stakes.getEenStakeReturns(40n)).toEqual([]);
    await cache.flush();
    expect(await view.root()).toEqual(empty);
  });

  it("refuses the view's other methods with EVM_UNSUPPORTED and is not thenable", async () => {
    const cache = createStateCache(await emptyView());
    expect(() => cache.stakes.getAccount(H)).toThrow(expect.objectContaining({ code: "EVM_UNSUPPORTED" }));
    expect(() => cache.stakes.setStorage(H, new Uint8Array(32), new Uint8Array(32))).toThrow(/not served/);
    expect((cache.stakes as unknown as { then?: unknown }).then).toBeUndefined();
    expect((await cache.stakes.getVcp()).sortedCandidates).toEqual([]);
  });
});
