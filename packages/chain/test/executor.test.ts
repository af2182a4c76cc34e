import { type Block, bytesToHex } from "@theta/core-types";
import { describe, expect, it } from "vitest";
import { ExecutorRefusalCode } from "../src/index.ts";
import { ALICE, BOB, sendTx, VALIDATOR } from "./helpers/keys.ts";
import { createTestNode, crypto, ctx, profile, type TestNode } from "./helpers/testNode.ts";

const send = (seq: bigint, tfuel: bigint) => sendTx(profile.chainId, ALICE, BOB, tfuel, seq);

/** Applies `block` on `node` and, when accepted, stores it as the engine does; returns the hash. */
async function applyAndStore(node: TestNode, block: Block): Promise<string> {
  const hash = node.blocks.hashOf(block.header);
  const r = await node.exec.apply(block, hash);
  expect(r).toEqual({ ok: true, hasValidatorUpdate: false });
  await node.blocks.put(block);
  return bytesToHex(hash);
}

describe("the executor applies its own proposals without executing them again", () => {
  it("reuses the proposal for the block it built, and stores the state a full application reaches", async () => {
    const a = await createTestNode();
    await a.add(send(1n, 5n));
    await a.add(send(2n, 7n));
    const block = await a.exec.propose(a.genesis.header, 1n, 1n, ctx(10n));
    expect(block.txs.length).toBe(3); // the coinbase, then the two sends
    expect(block.header.signature).toBeUndefined();
    const hash = a.blocks.hashOf(block.header);
    expect((await a.exec.apply(block, hash)).ok).toBe(true);
    expect(a.ledgerApplications()).toBe(0);
    expect(a.exec.applyStats()).toEqual({ reused: 1, executed: 0 });
    expect(a.exec.indexEntries(hash).map((e) => bytesToHex(e.hash))).toEqual(
      block.txs.map((raw) => bytesToHex(crypto.txHash(raw))),
    );

    // Another node (same genesis) executes the block in full and reaches the header's state root.
    const b = await createTestNode();
    expect((await b.exec.apply(block, hash)).ok).toBe(true);
    expect(b.ledgerApplications()).toBe(1);
    expect(b.exec.applyStats()).toEqual({ reused: 0, executed: 1 });
    expect(b.exec.indexEntries(hash)).toEqual(a.exec.indexEntries(hash));
    // The proposal's state reached the disk on both: the same version, readable from either.
    expect(await a.state.rootAt(1n)).toEqual(block.header.stateHash);
    expect(await b.state.rootAt(1n)).toEqual(block.header.stateHash);
    const bob = async (n: TestNode) =>
      (await (await n.ledger.view(block.header.stateHash)).getAccount(BOB.address))?.balance.tfuelWei;
    expect(await bob(a)).toBe(await bob(b));
  });

  it("executes its own proposal once another state was committed since, and a changed header", async () => {
    const a = await createTestNode();
    const b = await createTestNode();
    await a.add(send(1n, 5n));
    await b.add(send(1n, 9n));
    const mine = await a.exec.propose(a.genesis.header, 1n, 1n, ctx(10n));
    const theirs = await b.exec.propose(b.genesis.header, 1n, 2n, ctx(11n));
    expect(bytesToHex(mine.header.stateHash)).not.toBe(bytesToHex(theirs.header.stateHash));
    // The sibling's commit drops the proposal's buffered nodes: `mine` must be executed in full.
    await applyAndStore(a, theirs);
    await applyAndStore(a, mine);
    expect(a.exec.applyStats()).toEqual({ reused: 0, executed: 2 });
    expect(a.ledgerApplications()).toBe(2);
    // A proposal whose header was changed after it was built is not mistaken for it.
    await a.add(send(2n, 1n));
    const next = await a.exec.propose(mine.header, 2n, 3n, ctx(12n));
    const changed: Block = { ...next, header: { ...next.header, timestamp: 13n } };
    await applyAndStore(a, changed);
    expect(a.exec.applyStats()).toEqual({ reused: 0, executed: 3 });
    // The unchanged one is its own proposal no longer (that apply consumed the last proposal).
    await applyAndStore(a, next);
    expect(a.exec.applyStats()).toEqual({ reused: 0, executed: 4 });
    expect(a.ledgerApplications()).toBe(4);
  });
});

describe("blocks the executor refuses", () => {
  it("a TxHash that is not the root of the block's txs (nothing executed, nothing committed)", async () => {
    const a = await createTestNode();
    const b = await createTestNode();
    await a.add(send(1n, 5n));
    const block = await a.exec.propose(a.genesis.header, 1n, 1n, ctx(10n));
    const dropped: Block = { ...block, txs: block.txs.slice(0, -1) };
    const r = await b.exec.apply(dropped, b.blocks.hashOf(dropped.header));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason.startsWith(`${ExecutorRefusalCode.TxHashMismatch}:`)).toBe(true);
    expect(b.ledgerApplications()).toBe(0);
    expect(await b.state.versions()).toEqual([0n]);
  });

  it("a StateHash the txs do not reach (the ledger's code; no version committed)", async () => {
    const a = await createTestNode();
    const b = await createTestNode();
    await a.add(send(1n, 5n));
    const block = await a.exec.propose(a.genesis.header, 1n, 1n, ctx(10n));
    const wrong: Block = { ...block, header: { ...block.header, stateHash: b.genesis.header.stateHash } };
    const r = await b.exec.apply(wrong, b.blocks.hashOf(wrong.header));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason.startsWith("LEDGER_BLOCK_STATE_ROOT_MISMATCH:")).toBe(true);
    expect(b.ledgerApplications()).toBe(1);
    expect(await b.state.versions()).toEqual([0n]);
    // The proposer itself refuses the changed header too (it is not its proposal).
    expect((await a.exec.apply(wrong, a.blocks.hashOf(wrong.header))).ok).toBe(false);
  });

  it("a block whose parent is not stored", async () => {
    const a = await createTestNode();
    const block = await a.exec.propose(a.genesis.header, 1n, 1n, ctx(10n));
    const orphan: Block = { ...block, header: { ...block.header, parent: new Uint8Array(32).fill(7) } };
    const r = await a.exec.apply(orphan, a.blocks.hashOf(orphan.header));
    expect(!r.ok && r.reason.startsWith(`${ExecutorRefusalCode.UnknownParent}:`)).toBe(true);
  });
});

describe("applied, not yet finalized blocks", () => {
  it("locate their txs until the block is forgotten at finalization", async () => {
    const a = await createTestNode();
    await a.add(send(1n, 5n));
    const block = await a.exec.propose(a.genesis.header, 1n, 1n, ctx(10n));
    const hash = a.blocks.hashOf(block.header);
    expect((await a.exec.apply(block, hash)).ok).toBe(true);
    block.txs.forEach((raw, index) => {
      const at = a.exec.appliedTx(crypto.txHash(raw));
      expect(at?.index).toBe(index);
      expect(bytesToHex(at!.blockHash)).toBe(bytesToHex(hash));
    });
    a.exec.forget(hash);
    for (const raw of block.txs) expect(a.exec.appliedTx(crypto.txHash(raw))).toBeUndefined();
    expect(a.exec.indexEntries(hash)).toEqual([]);
  });

  it("reports the validator set after a block: the genesis validator with its stake", async () => {
    const a = await createTestNode();
    const set = await a.exec.validatorsFor(a.genesisHash);
    expect(set.map((v) => bytesToHex(v.address))).toEqual([bytesToHex(VALIDATOR.address)]);
    expect(await a.exec.validatorsFor(new Uint8Array(32).fill(9))).toEqual([]);
  });
});
