/**
 * The check of the crash tests (crash.test.ts): reads back what the finalization loop of
 * crashChain.ts wrote to a store after a kill, and reports what is missing or extra.
 */
import {
  bytesToHex,
  decodeExtendedBlock,
  equalBytes,
  type Hash,
  isFinalizedStatus,
  privatenet,
} from "@theta/core-types";
import type { KvStore } from "@theta/trie-store";
import { hasStateRoot } from "../../src/compose/stateDatabase.ts";
import { StoreKeyPrefix } from "../../src/store/keys.ts";
import { entryOf, storesOn } from "./crashChain.ts";

const forks = privatenet.headerForks;
const hex = bytesToHex;

const count = async (kv: KvStore, prefix: Uint8Array): Promise<number> => {
  let n = 0;
  for await (const _ of kv.iterate({ prefix })) n++;
  return n;
};

/** What the check found. */
export interface ChainCheck {
  readonly finalized: bigint;
  readonly txs: number;
  readonly problems: string[];
}

/**
 * Reads back every finalized height and every tx in it, and everything else the loop wrote: each
 * finalized block has its status, finalized mark, parent link, txs with their location, receipt,
 * balance changes, Ethereum hash and log record; no unfinalized block has any of them; the state's
 * fsck is clean and the last finalized block's state is on disk.
 */
export async function checkFinalizedChain(kv: KvStore): Promise<ChainCheck> {
  const s = storesOn(kv, () => []);
  const problems: string[] = [];
  const fail = (m: string) => problems.push(m);
  const last = await s.blocks.lastFinalized();
  if (last === undefined) return { finalized: -1n, txs: 0, problems: ["no finalized block"] };
  let txs = 0;
  let receipts = 0;
  let eth = 0;
  let logRecords = 0;
  let prev: Hash | undefined;
  for (let h = 0n; h <= last.height; h++) {
    const hash = await s.blocks.finalizedAt(h);
    const block = hash === undefined ? undefined : await s.blocks.get(hash);
    if (hash === undefined || block === undefined) {
      fail(`height ${h}: ${hash === undefined ? "no finalized mark" : "finalized block not stored"}`);
      continue;
    }
    if (!isFinalizedStatus(block.status)) fail(`height ${h}: status ${block.status}`);
    if (block.block.header.height !== h) fail(`height ${h}: block of height ${block.block.header.height}`);
    if (prev !== undefined && !equalBytes(block.block.header.parent, prev))
      fail(`height ${h}: parent is not ${hex(prev)}`);
    prev = hash;
    const entries = block.block.txs.map(entryOf);
    const extras = await s.txIndex.extrasOf(entries.map((e) => e.hash));
    for (const [index, e] of entries.entries()) {
      txs++;
      const loc = await s.txIndex.locate(e.hash);
      if (loc === undefined || !equalBytes(loc.blockHash, hash) || loc.index !== index)
        fail(
          `height ${h} tx ${index}: located at ${loc === undefined ? "nowhere" : `${hex(loc.blockHash)}/${loc.index}`}`,
        );
      const x = extras[index]!;
      if (
        !same(x.receipt, e.receipt) ||
        !same(x.balanceChanges, e.balanceChanges) ||
        !same(x.ethHash, e.ethHash)
      )
        fail(`height ${h} tx ${index}: receipt, balance changes or Ethereum hash differ`);
      if (e.receipt !== undefined) receipts++;
      if (e.ethHash !== undefined) {
        eth++;
        const byEth = await s.txIndex.locate(e.ethHash);
        if (byEth === undefined || !equalBytes(byEth.txHash, e.hash))
          fail(`height ${h} tx ${index}: not found by its Ethereum hash`);
      }
    }
    const withLogs = entries.filter((e) => (e.receipt?.logs.length ?? 0) > 0);
    const logs = await s.txIndex.blockLogs(h, h);
    if (withLogs.length > 0) {
      logRecords++;
      if (
        logs.length !== 1 ||
        !equalBytes(logs[0]!.blockHash, hash) ||
        logs[0]!.txs.length !== withLogs.length
      )
        fail(`height ${h}: log record missing or wrong`);
    } else if (logs.length > 0) fail(`height ${h}: a log record for a block without logs`);
  }
  // Nothing indexed beyond the finalized blocks, no finalized status without a mark.
  const expectCount = async (what: string, prefix: Uint8Array, n: number) => {
    const got = await count(kv, prefix);
    if (got !== n) fail(`${what}: ${got} records, expected ${n}`);
  };
  await expectCount("finalized marks", StoreKeyPrefix.finalized, Number(last.height) + 1);
  await expectCount("tx locations", StoreKeyPrefix.tx, txs);
  await expectCount("receipts", StoreKeyPrefix.receipt, receipts);
  await expectCount("balance changes", StoreKeyPrefix.balanceChanges, receipts);
  await expectCount("Ethereum hashes", StoreKeyPrefix.ethTx, eth);
  await expectCount("Ethereum hashes (reverse)", StoreKeyPrefix.ethOf, eth);
  await expectCount("log records", StoreKeyPrefix.blockLogs, logRecords);
  let finalStatuses = 0;
  for await (const [, v] of kv.iterate({ prefix: StoreKeyPrefix.block })) {
    if (isFinalizedStatus(decodeExtendedBlock(v, forks).status)) finalStatuses++;
  }
  if (finalStatuses !== Number(last.height) + 1)
    fail(`${finalStatuses} blocks with a finalized status, expected ${last.height + 1n}`);
  const vote = await s.votes.load();
  if (vote === undefined || vote.height < last.height)
    fail(`last vote ${vote?.height} below the finalized ${last.height}`);
  const head = (await s.blocks.get(last.hash))!;
  if (!(await hasStateRoot(kv, head.block.header.stateHash)))
    fail("the last finalized block's state is not on disk");
  const fsck = await s.state.verify();
  for (const p of fsck.problems) fail(`state: ${p}`);
  return { finalized: last.height, txs, problems };
}

/** Deep equality of decoded records (bytes by content, object keys in any order). */
function same(a: unknown, b: unknown): boolean {
  if (a instanceof Uint8Array || b instanceof Uint8Array)
    return a instanceof Uint8Array && b instanceof Uint8Array && equalBytes(a, b);
  if (Array.isArray(a) || Array.isArray(b))
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (typeof a === "object" && a !== null && typeof b === "object" && b !== null) {
    const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
    const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
    return (
      ka.length === kb.length &&
      ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
    );
  }
  return a === b;
}
