import { ALL_FORKS_AT_GENESIS, type Block, encodeBlock } from "@theta/core-types";
import { describe, expect, it } from "vitest";
import type { BlockStore, Network } from "../../src/ports.ts";
import { decodeSyncInbound } from "../../src/sync/messages.ts";
import { fakeGenesis } from "../../src/testing/fakeExecutor.ts";
import { serveBlocks } from "../../src/validator/blockRequests.ts";
import { createChain } from "../../src/validator/chain.ts";
import { checkCommit } from "../../src/validator/commits.ts";
import {
  CHAIN_ID,
  fixedSets,
  hashN,
  header,
  hex,
  recordingDeps,
  setOf,
  stateOf,
  vote,
} from "./engineFixture.ts";

/**
 * Finalized blocks keep only their header in the engine's memory: their txs (megabytes decoded for a
 * block of thousands) are in the block store, and a peer asking for such a block is served from there.
 */
const forks = ALL_FORKS_AT_GENESIS;
const txsOf = (k: number): Uint8Array[] => [new Uint8Array([k, 1]), new Uint8Array([k, 2, 3])];

/** A chain of `n` blocks above a fake genesis, each carrying two txs. */
function chainWithTxs(n: number) {
  const hashes = [hashN(0)];
  const chain = createChain(fakeGenesis(CHAIN_ID), hashes[0]!);
  const blocks: Block[] = [];
  for (let k = 1; k <= n; k++) {
    const parent = hashes[k - 1]!;
    const block = {
      header: header({ height: BigInt(k), epoch: BigInt(k), parent, hcc: parent }),
      txs: txsOf(k),
    };
    chain.addValid(block, hashN(k), false);
    hashes.push(hashN(k));
    blocks.push(block);
  }
  return { chain, hashes, blocks };
}

describe("finalized blocks' txs leave memory", () => {
  it("finalizing drops the txs from the chain entry after reporting the whole block", async () => {
    const { chain, hashes } = chainWithTxs(3);
    const s = stateOf(chain, fixedSets(setOf(1n, 1n, 1n)));
    const { deps, rec } = recordingDeps();
    for (const k of [1, 2]) {
      for (const i of [0, 1, 2]) chain.addVote(vote(i, hashes[k]!, 5n, BigInt(k)), BigInt(k));
      await checkCommit(s, deps, hashes[k]!);
    }
    expect(rec.finalized.map((f) => f.height)).toEqual([1n]);
    expect(rec.finalized[0]!.block.txs).toEqual(txsOf(1));
    const finalized = chain.entry(hashes[1]!)!;
    expect(finalized.bodyInStore).toBe(true);
    expect(finalized.block.txs).toEqual([]);
    expect(hex(chain.header(hashes[1]!).parent)).toBe(hex(hashes[0]!));
    // Blocks above the finalized one keep their txs (they are still executed, proposed, served).
    expect(chain.entry(hashes[2]!)!.bodyInStore).toBeUndefined();
    expect(chain.entry(hashes[2]!)!.block.txs).toEqual(txsOf(2));
  });

  it("dropBody is idempotent and leaves unknown hashes alone", () => {
    const { chain, hashes } = chainWithTxs(1);
    chain.dropBody(hashes[1]!);
    const once = chain.entry(hashes[1]!);
    chain.dropBody(hashes[1]!);
    expect(chain.entry(hashes[1]!)).toBe(once);
    chain.dropBody(hashN(99));
    expect(chain.entry(hashN(99))).toBeUndefined();
  });

  it("a peer asking for a finalized block gets it whole from the store; a held block from memory", async () => {
    const { chain, hashes, blocks } = chainWithTxs(2);
    chain.dropBody(hashes[1]!);
    const storeReads: string[] = [];
    const store = {
      get: async (h: Uint8Array) => {
        storeReads.push(hex(h));
        return hex(h) === hex(hashes[1]!) ? encodeBlock(blocks[0]!, forks) : undefined;
      },
    } as unknown as BlockStore;
    const sent: Block[] = [];
    const network = {
      send: (_to: string, channel: number, payload: Uint8Array) => {
        const m = decodeSyncInbound(channel, payload, forks);
        if (m.kind === "block") sent.push(m.block);
      },
    } as unknown as Network;
    await serveBlocks({ network, chain, store, forks }, [hashes[1]!, hashes[2]!], "peer");
    expect(sent.map((b) => b.txs)).toEqual([txsOf(1), txsOf(2)]);
    expect(storeReads).toEqual([hex(hashes[1]!)]);
  });
});
