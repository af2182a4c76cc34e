import { BlockStatus, bytesToHex, encodeBlock } from "@theta/core-types";
import { createMemoryKvStore } from "@theta/trie-store";
import { describe, expect, it } from "vitest";
import { consensusBlockStore } from "../../src/store/consensusBlockStore.ts";
import { blockStoreOn, forks, makeBlock } from "./helpers.ts";

describe("consensus BlockStore port: putBlock (a decoded block the engine validated)", () => {
  it("stores what put of its encoding stores, and leaves a known block's status alone", async () => {
    const store = blockStoreOn(createMemoryKvStore());
    const port = consensusBlockStore(store, forks);
    const g = makeBlock(0n);
    const gh = store.hashOf(g.header);
    const b1 = makeBlock(1n, gh, [Uint8Array.of(1, 2, 3)]);
    const b1h = store.hashOf(b1.header);
    await port.putBlock?.(gh, g);
    await port.putBlock?.(b1h, b1);
    expect(bytesToHex((await port.get(b1h))!)).toBe(bytesToHex(encodeBlock(b1, forks)));
    expect((await store.get(gh))?.children.map(bytesToHex)).toEqual([bytesToHex(b1h)]);
    expect(await store.hashesAtHeight(1n)).toHaveLength(1);
    await port.markFinalized(b1h);
    await port.putBlock?.(b1h, b1);
    expect((await store.get(b1h))?.status).toBe(BlockStatus.DirectlyFinalized);
  });
});
