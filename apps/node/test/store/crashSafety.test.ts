/**
 * Crash safety of everything the node writes for a block, on one store as the node keeps them: the
 * applied block's state version (with pruning), the block (consensus port), the last vote, and the
 * finalization (block statuses, finalized marks, tx index, receipts, balance changes, Ethereum
 * hashes and the log index) through `consensusBlockStore` with the `opsFor` the node passes, in the
 * order the validator engine and the executor write them. A kill at every write index, then a
 * restart on the same underlying store, must find each finalized block with all of its records or
 * none of them, the last vote old or new, and a state store the fsck finds clean; the restarted node
 * then finalizes the rest of the chain completely.
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { LastVoteRecord } from "@theta/consensus";
import { BlockStatus, encodeBlock, equalBytes, utf8ToBytes } from "@theta/core-types";
import { createMemoryKvStore, createVersionedState, type KvStore } from "@theta/trie-store";
import { type FaultyKvStore, forEachCrashPoint } from "@theta/trie-store/testing";
import { describe, expect, it } from "vitest";
import { openChainRoot } from "../../src/compose/genesisImport.ts";
import { hasStateRoot } from "../../src/compose/stateDatabase.ts";
import { createNodeLogger, parseLogLevels } from "../../src/log/logger.ts";
import {
  applyBlock,
  buildChain,
  checkFinalized,
  type Expected,
  hex,
  storageRootsOf,
  storesOn,
  writeGenesis,
} from "./crashScenario.ts";
import { forks } from "./helpers.ts";

describe("crash safety of the node's block, vote, index and state writes", () => {
  it("a kill at every write of six blocks (one fork, one finalization of two blocks): each finalized block has all its records or none, the vote is the old one, the state fsck is clean, and the restarted node finalizes the rest", async () => {
    const { genesis, chain } = await buildChain();
    const all = [genesis, ...chain];
    const byHash = new Map(all.map((b) => [hex(b.hash), b]));
    const main = (h: number) => chain.find((b) => b.main && b.height === h)!;
    let journal: Expected[] | undefined;
    let restarts = 0;

    const { points, writes } = await forEachCrashPoint({
      async fresh() {
        const kv = createMemoryKvStore();
        await writeGenesis(kv, genesis);
        return kv;
      },
      async run(kv) {
        const counted = kv as FaultyKvStore;
        const log: Expected[] = [];
        journal ??= log;
        const s = storesOn(kv, byHash);
        let finalized = 0;
        let vote: LastVoteRecord | undefined;
        const stored = new Set([hex(genesis.hash)]);
        const note = async () =>
          log.push({
            applied: counted.applied(),
            finalized,
            vote,
            stored: new Set(stored),
            version: (await s.state.latest())!.height,
          });
        await note();
        for (const [i, b] of chain.entries()) {
          // The engine's order: apply (state commit), store the block, vote, and finalize once a
          // block's commit certificate finalizes its parent (not at height 4: height 5 then
          // finalizes 4 directly and 3 indirectly, in one call).
          await applyBlock(kv, s, b);
          await note();
          await s.port.put(b.hash, encodeBlock(b.block, forks));
          stored.add(hex(b.hash));
          await note();
          const record = { epoch: BigInt(i + 1), height: BigInt(b.height), blockHash: b.hash };
          await s.votes.save(record);
          vote = record;
          await note();
          if (b.main && b.height >= 2 && b.height !== 4) {
            await s.port.markFinalized(main(b.height - 1).hash);
            finalized = b.height - 1;
            await note();
          }
        }
      },
      async check(kv, at) {
        const exp = journal!.findLast((e) => e.applied <= at.applied)!;
        // The restart: every store opened again on the same underlying store.
        const s = storesOn(kv, byHash);
        expect(await s.votes.load()).toEqual(exp.vote);
        for (const b of all) {
          const stored = await s.blocks.get(b.hash);
          expect(stored !== undefined, `block ${b.height}${b.main ? "" : "'"}`).toBe(
            exp.stored.has(hex(b.hash)),
          );
          if (stored === undefined || b.height === 0) continue;
          // A stored block has its height index and its parent lists it.
          expect((await s.blocks.hashesAtHeight(BigInt(b.height))).map(hex)).toContain(hex(b.hash));
          const parent = await s.blocks.get(b.block.header.parent);
          expect(parent!.children.some((c) => equalBytes(c, b.hash))).toBe(true);
        }
        await checkFinalized(kv, all, exp.finalized, (h) =>
          h === 0
            ? BlockStatus.Trusted
            : h === 3
              ? BlockStatus.IndirectlyFinalized
              : BlockStatus.DirectlyFinalized,
        );
        // The state: the version being committed is there or not, whole; the fsck finds the store clean.
        const latest = (await s.state.latest())!.height;
        expect([exp.version, exp.version + 1n]).toContain(latest);
        expect((await s.state.verify()).problems).toEqual([]);

        // The restarted node re-applies and stores what the crash lost, and finalizes the last block:
        // every height up to 6 is then finalized with all its records.
        for (const b of chain) {
          if ((await s.blocks.get(b.hash)) !== undefined) continue;
          await applyBlock(kv, s, b);
          await s.port.put(b.hash, encodeBlock(b.block, forks));
        }
        await s.port.markFinalized(main(6).hash);
        await checkFinalized(kv, all, 6, (h) =>
          h === 0 ? BlockStatus.Trusted : h === 6 ? BlockStatus.DirectlyFinalized : undefined,
        );
        expect((await s.state.verify()).problems).toEqual([]);
        restarts++;
      },
    });
    // 7 applied blocks (7 state commits on the genesis version, 3 of them pruning one), 7 block puts,
    // 7 votes, 4 finalizations.
    expect(writes).toBe(7 + 3 + 7 + 7 + 4);
    expect(points).toBe(writes + 1);
    expect(restarts).toBe(points);
  }, 120_000);

  it("a kill at every write of the first start's snapshot import: the next start imports again or finds the chain, with the genesis finalized and the state clean", async () => {
    const app = fileURLToPath(new URL("../../", import.meta.url));
    const fixture = join(app, "../../fixtures/privatenet/node");
    const logger = createNodeLogger(parseLogLevels("*:error"), { write: () => {} }).forModule("chain");
    const opts = {
      snapshotFile: join(fixture, "snapshot"),
      expectedGenesisHash: "0xe990cfbd9a113407a688ce50ce23fb1c4f3e40786851aabded539d8ad126e8e0",
    };
    const start = (kv: KvStore) =>
      openChainRoot({ kv, state: createVersionedState(kv, { storageRootsOf }), log: logger }, opts);
    let genesisHash: string | undefined;
    const { points, writes } = await forEachCrashPoint({
      async run(kv) {
        const opened = await start(kv);
        genesisHash ??= hex(opened.rootHash);
      },
      async check(kv, at) {
        const opened = await start(kv);
        expect(opened.imported).toBe(at.applied < at.total);
        expect(hex(opened.rootHash)).toBe(genesisHash);
        const fin = await opened.blocks.lastFinalized();
        expect(fin && hex(fin.hash)).toBe(genesisHash);
        expect((await opened.blocks.get(opened.rootHash))?.status).toBe(BlockStatus.Trusted);
        expect(await kv.get(utf8ToBytes("C/chain"))).toEqual(utf8ToBytes(opened.chainId));
        const state = createVersionedState(kv, { storageRootsOf });
        expect((await state.versions()).length).toBe(1);
        expect((await state.verify()).problems).toEqual([]);
        expect(await hasStateRoot(kv, opened.rootHeader.stateHash)).toBe(true);
      },
    });
    expect(writes).toBeGreaterThanOrEqual(3);
    expect(points).toBe(writes + 1);
  }, 120_000);
});
