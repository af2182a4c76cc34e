import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BlockStatus, bytesToHex, encodeBlock, isThetaError } from "@theta/core-types";
import { openLevelKvStore } from "@theta/platform-node/level";
import { createMemoryKvStore } from "@theta/trie-store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BlockStoreErrorCode } from "../../src/store/blockStore.ts";
import { consensusBlockStore } from "../../src/store/consensusBlockStore.ts";
import { blockStoreOn, extended, forks, makeBlock, storeChain } from "./helpers.ts";

const hex = (xs: readonly Uint8Array[]) => xs.map((x) => bytesToHex(x));

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "theta-store-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe("block store", () => {
  it("stores blocks by hash with a height index and links children", async () => {
    const store = blockStoreOn(createMemoryKvStore());
    const [g, b1] = await storeChain(store, 1);
    const sibling = await store.put(extended(makeBlock(1n, g, [], 7n)));
    expect(hex(await store.hashesAtHeight(1n)).sort()).toEqual(hex([b1!, sibling]).sort());
    expect(hex((await store.get(g!))!.children)).toEqual(hex([b1!, sibling]));
    expect(bytesToHex(store.hashOf((await store.get(b1!))!.block.header))).toBe(bytesToHex(b1!));
    expect(await store.hashesAtHeight(2n)).toEqual([]);
    // Storing a known block again only changes its status (children kept).
    await store.put(extended(makeBlock(0n), BlockStatus.Valid));
    expect((await store.get(g!))!.children).toHaveLength(2);
    expect((await store.get(g!))!.status).toBe(BlockStatus.Valid);
  });

  it("finalizing a block finalizes its unfinalized ancestors indirectly, in one batch", async () => {
    const store = blockStoreOn(createMemoryKvStore());
    const hashes = await storeChain(store, 4);
    await store.markFinalized(hashes[0]!, { status: BlockStatus.Trusted });
    expect(await store.lastFinalized()).toEqual({ hash: hashes[0], height: 0n });
    await store.markFinalized(hashes[3]!);
    const statuses = await Promise.all(hashes.map(async (h) => (await store.get(h))!.status));
    expect(statuses).toEqual([
      BlockStatus.Trusted,
      BlockStatus.IndirectlyFinalized,
      BlockStatus.IndirectlyFinalized,
      BlockStatus.DirectlyFinalized,
      BlockStatus.Valid,
    ]);
    for (let h = 0; h <= 3; h++)
      expect(bytesToHex((await store.finalizedAt(BigInt(h)))!)).toBe(bytesToHex(hashes[h]!));
    expect(await store.finalizedAt(4n)).toBeUndefined();
    expect(await store.lastFinalized()).toEqual({ hash: hashes[3], height: 3n });
  });

  it("refuses to finalize or re-status an unknown block", async () => {
    const store = blockStoreOn(createMemoryKvStore());
    const unknown = new Uint8Array(32).fill(9);
    await expect(store.markFinalized(unknown)).rejects.toSatisfy((e) =>
      isThetaError(e, BlockStoreErrorCode.UnknownBlock),
    );
    await expect(store.setStatus(unknown, BlockStatus.Valid)).rejects.toSatisfy((e) =>
      isThetaError(e, BlockStoreErrorCode.UnknownBlock),
    );
  });

  it("keeps blocks, finalized marks and the root across a LevelDB restart", async () => {
    const dir = join(tmp, "db");
    let kv = await openLevelKvStore(dir);
    let store = blockStoreOn(kv);
    const hashes = await storeChain(store, 3);
    await kv.batch(store.rootOps({ hash: hashes[0]!, height: 0n }));
    await store.markFinalized(hashes[2]!);
    await kv.close();
    kv = await openLevelKvStore(dir);
    store = blockStoreOn(kv);
    expect(await store.root()).toEqual({ hash: hashes[0], height: 0n });
    expect(await store.lastFinalized()).toEqual({ hash: hashes[2], height: 2n });
    expect((await store.get(hashes[3]!))?.status).toBe(BlockStatus.Valid);
    await kv.close();
  });
});

describe("consensus BlockStore port", () => {
  it("stores encoded blocks by hash, finalizes them and reports the last finalized", async () => {
    const store = blockStoreOn(createMemoryKvStore());
    const port = consensusBlockStore(store, forks);
    const g = makeBlock(0n);
    const gh = store.hashOf(g.header);
    const b1 = makeBlock(1n, gh, [Uint8Array.of(1, 2, 3)]);
    const b1h = store.hashOf(b1.header);
    await port.put(gh, encodeBlock(g, forks));
    await port.put(b1h, encodeBlock(b1, forks));
    expect(bytesToHex((await port.get(b1h))!)).toBe(bytesToHex(encodeBlock(b1, forks)));
    expect(await port.lastFinalized()).toBeUndefined();
    await port.markFinalized(b1h);
    expect(bytesToHex((await port.lastFinalized())!)).toBe(bytesToHex(b1h));
    expect((await store.get(gh))?.status).toBe(BlockStatus.IndirectlyFinalized);
  });

  it("refuses a block stored under a hash that is not its own", async () => {
    const port = consensusBlockStore(blockStoreOn(createMemoryKvStore()), forks);
    await expect(port.put(new Uint8Array(32), encodeBlock(makeBlock(0n), forks))).rejects.toSatisfy((e) =>
      isThetaError(e, BlockStoreErrorCode.Corrupt),
    );
  });
});

describe("block store writes that overlap", () => {
  it("a block stored while its parent is being finalized keeps both the parent's finalized status and the new child link", async () => {
    const store = blockStoreOn(createMemoryKvStore());
    const hashes = await storeChain(store, 2);
    await store.markFinalized(hashes[0]!, { status: BlockStatus.Trusted });
    // Both read the parent's record before either writes it: without serialization the later batch
    // would drop the other's change (a finalized mark without its status, or a lost child).
    const child = extended(makeBlock(3n, hashes[2]!));
    const sibling = extended(makeBlock(2n, hashes[1]!, [], 9n));
    const [, , siblingHash] = await Promise.all([
      store.markFinalized(hashes[2]!),
      store.put(child),
      store.put(sibling),
    ]);
    const b1 = (await store.get(hashes[1]!))!;
    const b2 = (await store.get(hashes[2]!))!;
    expect(b1.status).toBe(BlockStatus.IndirectlyFinalized);
    expect(hex(b1.children)).toEqual(hex([hashes[2]!, siblingHash]));
    expect(b2.status).toBe(BlockStatus.DirectlyFinalized);
    expect(hex(b2.children)).toEqual(hex([store.hashOf(child.block.header)]));
    expect(bytesToHex((await store.finalizedAt(2n))!)).toBe(bytesToHex(hashes[2]!));
  });
});
