import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createBlockTree, type TreeBlock } from "../src/index.ts";

const h = (n: number): Uint8Array => {
  const b = new Uint8Array(32);
  b[0] = n >> 8;
  b[1] = n & 0xff;
  return b;
};
const root: TreeBlock = { hash: h(0), parent: h(0xffff), hcc: h(0xffff), height: 0n };
const blk = (id: number, parent: number, hcc: number, height: number): TreeBlock => ({
  hash: h(id),
  parent: h(parent),
  hcc: h(hcc),
  height: BigInt(height),
});

describe("block tree (two-chain rule, docs/consensus.md §2.7)", () => {
  it("a committed child that certifies its parent finalizes the parent", () => {
    const t = createBlockTree(root);
    t.add(blk(1, 0, 0, 1));
    t.add(blk(2, 1, 1, 2));
    expect(t.commit(h(1))).toEqual([]);
    expect(t.commit(h(2))).toEqual([h(1)]);
    expect(t.isFinalized(h(1))).toBe(true);
    expect(t.isFinalized(h(2))).toBe(false);
  });

  it("a block without its own CC is finalized indirectly (the X101 case)", () => {
    const t = createBlockTree(root);
    t.add(blk(1, 0, 0, 1));
    t.add(blk(2, 1, 0, 2)); // never committed itself
    t.add(blk(3, 2, 0, 3));
    t.add(blk(4, 3, 3, 4));
    t.commit(h(3));
    expect(t.commit(h(4))).toEqual([h(1), h(2), h(3)]);
  });

  it("a child whose HCC is not its parent finalizes nothing", () => {
    const t = createBlockTree(root);
    t.add(blk(1, 0, 0, 1));
    t.add(blk(2, 1, 0, 2));
    t.commit(h(1));
    expect(t.commit(h(2))).toEqual([]);
    expect(t.lastFinalized().height).toBe(0n);
  });

  it("fork choice returns the highest descendant of the highest-CC block, last child first on ties", () => {
    const t = createBlockTree(root);
    t.add(blk(1, 0, 0, 1));
    t.add(blk(2, 0, 0, 1));
    expect(t.tip().hash).toEqual(h(2));
    t.add(blk(3, 1, 0, 2));
    expect(t.tip().hash).toEqual(h(3));
    t.commit(h(2));
    expect(t.tip().hash).toEqual(h(2));
  });

  it("never finalizes two blocks at the same height, for random trees whose HCCs are committed blocks", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(), fc.boolean(), fc.boolean()), { minLength: 1, maxLength: 40 }),
        (steps) => {
          const t = createBlockTree(root);
          const blocks: TreeBlock[] = [root];
          const committed = new Set<string>([root.hash.join(",")]);
          steps.forEach(([p, certifiesParent, commit], i) => {
            const parent = blocks[p % blocks.length] as TreeBlock;
            const b: TreeBlock = {
              hash: h(i + 1),
              parent: parent.hash,
              hcc:
                certifiesParent && committed.has(parent.hash.join(","))
                  ? parent.hash
                  : t.highestCommitted().hash,
              height: parent.height + 1n,
            };
            t.add(b);
            blocks.push(b);
            if (commit) {
              const before = t.highestCommitted();
              t.commit(b.hash);
              if (t.highestCommitted() !== before) committed.add(b.hash.join(","));
            }
          });
          const heights = new Map<bigint, string>();
          for (const b of blocks) {
            if (!t.isFinalized(b.hash)) continue;
            const key = b.hash.join(",");
            expect(heights.get(b.height) ?? key).toBe(key);
            heights.set(b.height, key);
          }
        },
      ),
    );
  });
});

describe("block tree guard", () => {
  it("refuses to finalize a fork that does not extend the last finalized block", () => {
    const t = createBlockTree(root);
    t.add(blk(1, 0, 0, 1));
    t.add(blk(2, 1, 1, 2));
    t.commit(h(1));
    t.commit(h(2)); // finalizes 1
    t.add(blk(3, 0, 0, 1));
    t.add(blk(4, 3, 3, 5)); // conflicting fork claiming 3 as its committed parent
    expect(t.commit(h(4))).toEqual([]);
    expect(t.isFinalized(h(3))).toBe(false);
  });
});
