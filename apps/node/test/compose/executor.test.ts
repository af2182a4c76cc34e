import type { ProposeContext } from "@theta/consensus";
import {
  type Block,
  BlockStatus,
  bytesToHex,
  type Hash,
  parseAddress,
  privatenet,
  type Tx,
  ZERO_HASH,
} from "@theta/core-types";
import { defaultCrypto } from "@theta/crypto";
import { buildGenesis, createLedger, createMempool } from "@theta/ledger";
import { createMemoryKvStore, createVersionedState, TrieEngine } from "@theta/trie-store";
import { describe, expect, it } from "vitest";
import { type ChainExecutor, createChainExecutor } from "../../src/compose/executor.ts";
import { createStateDatabase, hasStateRoot } from "../../src/compose/stateDatabase.ts";
import { PRIVATENET_VALIDATOR } from "../../src/genesis/privatenet.ts";
import { emptyHeader } from "../../src/genesis/writeGenesis.ts";
import { E18, keyOf, sendTx } from "../e2e/txs.ts";
import { blockStoreOn } from "../store/helpers.ts";

const profile = privatenet;
const crypto = defaultCrypto;
const ALICE = PRIVATENET_VALIDATOR;
const BOB = "9F1233798E905E173560071255140b4A8aBd3Ec6";

/** A node's executor on a fresh in-memory store holding the same two-account genesis. */
async function node(): Promise<{
  exec: ChainExecutor;
  add: (raw: Uint8Array) => Promise<void>;
  store: (b: Block) => Promise<Hash>;
  genesis: Block;
}> {
  const kv = createMemoryKvStore();
  const state = createVersionedState(kv, { engine: TrieEngine.Fast, keccak256: crypto.keccak256 });
  const db = createStateDatabase(state);
  const { state: view } = await buildGenesis(
    { db, checksum: (a) => crypto.toChecksumAddress(a) },
    {
      balances: [
        { address: `0x${ALICE}`, thetaWei: (1000n * E18).toString(), tfuelWei: (1000n * E18).toString() },
        { address: `0x${BOB}`, thetaWei: "0", tfuelWei: (10n * E18).toString() },
      ],
      validatorStakes: [
        { source: `0x${ALICE}`, holder: `0x${ALICE}`, thetaWei: (50_000_000n * E18).toString() },
      ],
    },
  );
  const root = await view.commit();
  await state.commit(0n, root);
  const blocks = blockStoreOn(kv);
  const genesis: Block = { header: { ...emptyHeader(profile.chainId), stateHash: root }, txs: [] };
  await blocks.put({ block: genesis, children: [], status: BlockStatus.Trusted, hasValidatorUpdate: false });
  const ledger = createLedger({ db, profile, crypto });
  const mempool = createMempool({ ledger, profile, crypto }, { root, height: 0n });
  const exec = createChainExecutor({
    ledger,
    mempool,
    blocks,
    state,
    hasRoot: (r) => hasStateRoot(kv, r),
    crypto,
    ethHashes: new Map(),
    signTx: (tx: Tx) => crypto.signTx(profile.chainId, tx, keyOf(ALICE)),
  });
  const add = async (raw: Uint8Array) => {
    const r = await mempool.add(raw);
    if (!r.ok) throw new Error(r.message);
  };
  const store = (b: Block) =>
    blocks.put({ block: b, children: [], status: BlockStatus.Pending, hasValidatorUpdate: false });
  return { exec, add, store, genesis };
}

const ctx = (timestamp: bigint): ProposeContext => ({
  proposer: parseAddress(`0x${ALICE}`),
  hcc: { votes: [], blockHash: ZERO_HASH },
  guardianVotes: undefined,
  timestamp,
});

const send = (seq: bigint, tfuel: bigint) => sendTx(profile.chainId, ALICE, BOB, 0n, tfuel, seq);

describe("the executor applies its own proposals without executing them again", () => {
  it("reuses the proposal for the block it built, and stores the same state a full application does", async () => {
    const a = await node();
    await a.add(send(1n, 5n));
    await a.add(send(2n, 7n));
    const block = await a.exec.propose(a.genesis.header, 1n, 1n, ctx(10n));
    expect(block.txs.length).toBeGreaterThanOrEqual(2);
    const hash = await a.store(block);
    const applied = await a.exec.apply(block, hash);
    expect(applied.ok).toBe(true);
    expect(a.exec.applyStats()).toEqual({ reused: 1, executed: 0 });
    expect(a.exec.indexEntries(hash).map((e) => bytesToHex(e.hash))).toEqual(
      block.txs.map((raw) => bytesToHex(crypto.txHash(raw))),
    );

    // Another node (same genesis) executes the block in full and reaches the header's state root.
    const b = await node();
    expect(await b.store(block)).toEqual(hash);
    const again = await b.exec.apply(block, hash);
    expect(again).toEqual(applied);
    expect(b.exec.applyStats()).toEqual({ reused: 0, executed: 1 });
    expect(b.exec.indexEntries(hash)).toEqual(a.exec.indexEntries(hash));
  });

  it("executes a block of another proposer, and its own proposal again once another state was committed", async () => {
    const a = await node();
    const b = await node();
    await a.add(send(1n, 5n));
    await b.add(send(1n, 9n));
    const mine = await a.exec.propose(a.genesis.header, 1n, 1n, ctx(10n));
    const theirs = await b.exec.propose(b.genesis.header, 1n, 2n, ctx(11n));
    expect(bytesToHex(mine.header.stateHash)).not.toBe(bytesToHex(theirs.header.stateHash));
    // The sibling's commit drops the proposal's buffered nodes: `mine` must be executed in full.
    expect((await a.exec.apply(theirs, await a.store(theirs))).ok).toBe(true);
    expect((await a.exec.apply(mine, await a.store(mine))).ok).toBe(true);
    expect(a.exec.applyStats()).toEqual({ reused: 0, executed: 2 });
    // A proposal whose header was changed after it was built is not mistaken for it.
    await a.add(send(2n, 1n));
    const next = await a.exec.propose(mine.header, 2n, 3n, ctx(12n));
    const changed: Block = { ...next, header: { ...next.header, timestamp: 13n } };
    expect((await a.exec.apply(changed, await a.store(changed))).ok).toBe(true);
    expect(a.exec.applyStats()).toEqual({ reused: 0, executed: 3 });
    // The unchanged one is its own proposal no longer (the last proposal was consumed by that apply).
    expect((await a.exec.apply(next, await a.store(next))).ok).toBe(true);
    expect(a.exec.applyStats()).toEqual({ reused: 0, executed: 4 });
  });
});

describe("applied, not yet finalized blocks", () => {
  it("locate their txs until the block is forgotten at finalization", async () => {
    const a = await node();
    await a.add(send(1n, 5n));
    const block = await a.exec.propose(a.genesis.header, 1n, 1n, ctx(10n));
    const hash = await a.store(block);
    expect((await a.exec.apply(block, hash)).ok).toBe(true);
    block.txs.forEach((raw, index) => {
      const at = a.exec.appliedTx(crypto.txHash(raw));
      expect(at?.index).toBe(index);
      expect(bytesToHex(at!.blockHash)).toBe(bytesToHex(hash));
    });
    a.exec.forget(hash);
    for (const raw of block.txs) expect(a.exec.appliedTx(crypto.txHash(raw))).toBeUndefined();
  });
});
