/**
 * Which state a validator set comes from (docs/consensus.md §4.2): `ValidatorSet(B)` is the set in the state
 * of the block two HCC links back from B, `NextValidatorSet(B)` one link back. The walk stops early (and
 * uses the block reached) at the trusted root, at a block with an empty HCC, or when the HCC block lies
 * below the root (a node that restarted from its last finalized block does not hold older blocks).
 * Sets are cached per deciding block: a block's state never changes.
 */
import { bytesToHex, equalBytes } from "@theta/core-types";
import type { Executor, StakeEntry } from "../ports.ts";
import type { Chain } from "./chain.ts";

const ZERO_HASH = new Uint8Array(32);
/** Entries kept per cache before it starts over (bounded memory on long-running nodes). */
const CACHE_LIMIT = 4096;

/** Validator-set lookups for the engine. */
export interface ValidatorSets {
  /** The set that votes on (and certifies) block `hash`: two HCC links back. */
  validatorSet(hash: Uint8Array): Promise<readonly StakeEntry[]>;
  /** The set that proposes and votes on children of `hash`: one HCC link back. */
  nextValidatorSet(hash: Uint8Array): Promise<readonly StakeEntry[]>;
  /** The set in the state after block `hash` itself (in force two HCC links later). */
  setAfter(hash: Uint8Array): Promise<readonly StakeEntry[]>;
  /** The block whose state decides after following `links` HCC links from `hash`. */
  decidingBlock(hash: Uint8Array, links: number): Uint8Array;
}

/** Creates the lookups over `chain`, reading sets through `executor.validatorsFor`. */
export function createValidatorSets(chain: Chain, executor: Executor): ValidatorSets {
  const cache = new Map<string, readonly StakeEntry[]>();
  const decidingBlock = (hash: Uint8Array, links: number): Uint8Array => {
    let cur = hash;
    for (let i = 0; i < links; i++) {
      if (equalBytes(cur, chain.rootHash)) break;
      const e = chain.entry(cur);
      if (e === undefined) break;
      const hcc = e.block.header.hcc.blockHash;
      if (equalBytes(hcc, ZERO_HASH)) break;
      if (chain.entry(hcc) === undefined) {
        cur = chain.rootHash;
        break;
      }
      cur = hcc;
    }
    return cur;
  };
  const setAt = async (hash: Uint8Array): Promise<readonly StakeEntry[]> => {
    const key = bytesToHex(hash);
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const set = await executor.validatorsFor(hash);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, set);
    return set;
  };
  // ValidatorSet(B) per block: its deciding block never changes once B is known.
  const byBlock = new Map<string, readonly StakeEntry[]>();
  return {
    async validatorSet(hash) {
      const key = bytesToHex(hash);
      const hit = byBlock.get(key);
      if (hit !== undefined) return hit;
      const set = await setAt(decidingBlock(hash, 2));
      if (byBlock.size >= CACHE_LIMIT) byBlock.clear();
      if (chain.entry(hash) !== undefined) byBlock.set(key, set);
      return set;
    },
    nextValidatorSet: (hash) => setAt(decidingBlock(hash, 1)),
    setAfter: (hash) => setAt(hash),
    decidingBlock,
  };
}
