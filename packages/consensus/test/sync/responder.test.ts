import { encodeBlock } from "@theta/core-types";
import { describe, expect, it } from "vitest";
import { INVENTORY_MAX_HASHES, inventoryFor } from "../../src/index.ts";
import { createMemoryBlockStore } from "../../src/testing/index.ts";
import { buildChain, forks, hashOf, world } from "./world.ts";

async function storeOf(n: number) {
  const { genesis } = world();
  const chain = buildChain(genesis, n);
  const store = createMemoryBlockStore();
  for (const b of chain) await store.put(hashOf(b), encodeBlock(b, forks));
  await store.markFinalized(hashOf(chain[n]!));
  const index = {
    hashAtHeight: async (h: bigint) => (h <= BigInt(n) ? hashOf(chain[Number(h)]!) : undefined),
  };
  return { chain, deps: { store, index, forks } };
}

describe("answering inventory requests", () => {
  it("lists at most 49 blocks after the first known locator hash, then the last finalized block", async () => {
    const { chain, deps } = await storeOf(300);
    const unknown = new Uint8Array(32).fill(7);
    const inv = await inventoryFor(deps, [unknown, hashOf(chain[120]!), hashOf(chain[3]!)]);
    expect(inv).toBeDefined();
    const heights = inv!.headers.map((h) => h.height);
    expect(heights.slice(0, INVENTORY_MAX_HASHES)).toEqual(
      Array.from({ length: INVENTORY_MAX_HASHES }, (_, i) => 121n + BigInt(i)),
    );
    expect(heights[heights.length - 1]).toBe(300n);
    expect(inv!.hashes.length).toBe(INVENTORY_MAX_HASHES + 1);
    expect(inv!.hashes[0]).toEqual(hashOf(chain[121]!));
  });

  it("stops at the last finalized block and does not repeat it", async () => {
    const { chain, deps } = await storeOf(30);
    const inv = await inventoryFor(deps, [hashOf(chain[20]!)]);
    expect(inv!.headers.map((h) => h.height)).toEqual(Array.from({ length: 10 }, (_, i) => 21n + BigInt(i)));
  });

  it("does not answer a locator naming no finalized block here (another chain)", async () => {
    const { deps } = await storeOf(30);
    expect(await inventoryFor(deps, [new Uint8Array(32).fill(9)])).toBeUndefined();
  });
});
