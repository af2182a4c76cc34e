/**
 * Block sums of edge-node keys for one checkpoint (docs/consensus.md §3.6), so that the key of a dense
 * aggregate, Σ mᵢ·pkᵢ, costs about one term per block of 64 edge nodes instead of one per signer.
 * Every edge node resolved for the checkpoint gets the next index; indices 64·k … 64·k+63 form block k,
 * whose key sum Sₖ is computed once (all blocks needing it in one batch) when a second aggregate covers
 * most of it (so that a checkpoint seen for one aggregate only, as when checking a header, pays nothing). For a block where an aggregate names c of the 64 edge nodes, f of them with the block's
 * most frequent multiplicity b, `b·Sₖ − b·(absent keys) + (mᵢ − b)·(other present keys)` has
 * 1 + (64 − c) + (c − f) terms against c for the plain sum; the block is used when that is fewer.
 * Both sides are the same group element, so verification is unchanged. Bounded by `maxIndexed` edge
 * nodes (later ones are summed plainly).
 */
import type { EenEntry } from "./checkpoint.ts";
import type { EenCrypto, EenPublicKey } from "./ports.ts";

/** Edge nodes per block. */
export const KEY_BLOCK_SIZE = 64;

/** Keys and weights whose weighted sum is the aggregate key. */
export interface EenKeyPlan {
  readonly keys: EenPublicKey[];
  readonly weights: number[];
}

/** The block sums of one checkpoint. */
export interface EenKeyBlocks {
  /** A plan for Σ multipliesᵢ·keyᵢ over `entries` (same length), using block sums where they shorten it. */
  plan(entries: readonly EenEntry[], multiplies: readonly number[]): EenKeyPlan;
  /** Edge nodes indexed, and block sums held. */
  stats(): { readonly indexed: number; readonly blockSums: number };
}

/** The most frequent value of `ms` and how often it occurs. */
function mode(ms: readonly number[]): { readonly value: number; readonly count: number } {
  const counts = new Map<number, number>();
  let value = ms[0] as number;
  let count = 0;
  for (const m of ms) {
    const c = (counts.get(m) ?? 0) + 1;
    counts.set(m, c);
    if (c > count) {
      count = c;
      value = m;
    }
  }
  return { value, count };
}

/** Creates the (empty) block sums of a checkpoint. */
export function createEenKeyBlocks(crypto: EenCrypto, maxIndexed = 200_000): EenKeyBlocks {
  const index = new Map<EenEntry, number>();
  const keys: EenPublicKey[] = [];
  /** Per full block: its key sum, null when it is the identity, undefined before it is computed. */
  const sums: (EenPublicKey | null | undefined)[] = [];
  let held = 0;
  /** Blocks an aggregate has covered densely once, before their sums were computed. */
  const dense = new Set<number>();

  const indexOf = (e: EenEntry): number | undefined => {
    let i = index.get(e);
    if (i === undefined && keys.length < maxIndexed) {
      i = keys.length;
      keys.push(e.key);
      index.set(e, i);
    }
    return i;
  };
  const build = (blocks: readonly number[]): void => {
    const groups = blocks.map((b) => keys.slice(b * KEY_BLOCK_SIZE, (b + 1) * KEY_BLOCK_SIZE));
    const got =
      crypto.sumKeyGroups?.(groups) ??
      groups.map((g) =>
        crypto.combineKeys(
          undefined,
          g,
          g.map(() => 1),
        ),
      );
    blocks.forEach((b, j) => {
      sums[b] = got[j] ?? null;
      dense.delete(b);
      held++;
    });
  };

  return {
    plan(entries, multiplies) {
      const out: EenKeyPlan = { keys: [], weights: [] };
      const plain = (k: EenPublicKey, w: number): void => {
        if (w === 0) return;
        out.keys.push(k);
        out.weights.push(w);
      };
      const idx = entries.map(indexOf);
      const full = Math.floor(keys.length / KEY_BLOCK_SIZE);
      const byBlock = new Map<number, number[]>();
      for (let j = 0; j < entries.length; j++) {
        const i = idx[j];
        const b = i === undefined ? full : Math.floor(i / KEY_BLOCK_SIZE);
        if (b >= full) {
          plain((entries[j] as EenEntry).key, multiplies[j] as number);
          continue;
        }
        const list = byBlock.get(b);
        if (list === undefined) byBlock.set(b, [j]);
        else list.push(j);
      }
      const chosen: { block: number; at: number[]; b: number }[] = [];
      for (const [block, at] of byBlock) {
        const { value, count } = mode(at.map((j) => multiplies[j] as number));
        const worth = sums[block] !== null && at.length + count > KEY_BLOCK_SIZE + 1;
        if (worth && (sums[block] !== undefined || dense.has(block))) chosen.push({ block, at, b: value });
        else {
          if (worth) dense.add(block);
          for (const j of at) plain((entries[j] as EenEntry).key, multiplies[j] as number);
        }
      }
      const missing = chosen.filter((c) => sums[c.block] === undefined).map((c) => c.block);
      if (missing.length > 0) build(missing);
      for (const { block, at, b } of chosen) {
        const sum = sums[block];
        if (sum === null || sum === undefined) {
          for (const j of at) plain((entries[j] as EenEntry).key, multiplies[j] as number);
          continue;
        }
        plain(sum, b);
        const present = new Uint8Array(KEY_BLOCK_SIZE);
        for (const j of at) {
          const slot = (idx[j] as number) - block * KEY_BLOCK_SIZE;
          const m = multiplies[j] as number;
          // An entry named twice counts in full the second time (the block sum holds its key once).
          plain((entries[j] as EenEntry).key, present[slot] === 1 ? m : m - b);
          present[slot] = 1;
        }
        for (let s = 0; s < KEY_BLOCK_SIZE; s++)
          if (present[s] === 0) plain(keys[block * KEY_BLOCK_SIZE + s] as EenPublicKey, -b);
      }
      return out;
    },
    stats: () => ({ indexed: keys.length, blockSums: held }),
  };
}
