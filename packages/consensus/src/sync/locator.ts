/**
 * The inventory locator (docs/consensus.md §5.3): hashes of the local chain from the tip down to the last
 * finalized block, one per height for the top ten heights, then at doubling steps, then the last
 * finalized hash. A peer answers from the first of them it knows.
 */

/** The heights a locator names, from the tip down; the last finalized height is always the last one. */
export function locatorHeights(tip: bigint, finalized: bigint): bigint[] {
  const out: bigint[] = [];
  let step = 1n;
  for (let h = tip; h > finalized; h -= step) {
    out.push(h);
    if (out.length >= 10) step *= 2n;
  }
  out.push(finalized);
  return out;
}

/** What the locator is built from: the tip and the parent links of the local chain. */
export interface LocatorChain {
  readonly tipHash: Uint8Array;
  readonly tipHeight: bigint;
  readonly finalizedHash: Uint8Array;
  readonly finalizedHeight: bigint;
  /** The parent of a block of the local chain, if known. */
  parentOf(hash: Uint8Array): Uint8Array | undefined;
}

/** The locator's hashes, tip first, the last finalized hash last. */
export function buildLocator(chain: LocatorChain): Uint8Array[] {
  const wanted = locatorHeights(chain.tipHeight, chain.finalizedHeight);
  const out: Uint8Array[] = [];
  let hash: Uint8Array | undefined = chain.tipHash;
  let height = chain.tipHeight;
  for (const h of wanted.slice(0, -1)) {
    while (hash !== undefined && height > h) {
      hash = chain.parentOf(hash);
      height--;
    }
    if (hash === undefined) break;
    out.push(hash);
  }
  out.push(chain.finalizedHash);
  return out;
}
