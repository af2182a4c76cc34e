import { type Block, bytesToHex } from "@theta/core-types";
import { describe, expect, it } from "vitest";
import { BOB, SENDERS, sendTx, VALIDATOR } from "./helpers/keys.ts";
import { createTestNode, crypto, ctx, profile, type TestNode } from "./helpers/testNode.ts";

const send = (i: number) => sendTx(profile.chainId, SENDERS[i]!, BOB, 1n, 1n);

async function applyOn(node: TestNode, block: Block): Promise<Uint8Array> {
  const hash = node.blocks.hashOf(block.header);
  expect((await node.exec.apply(block, hash)).ok).toBe(true);
  await node.blocks.put(block);
  return hash;
}

/** The pool's hashes, once the mempool's queued work is done. */
async function pooled(node: TestNode): Promise<string[]> {
  await node.mempool.screenedAccount(VALIDATOR.address); // queued behind every add
  return node.mempool.pending().map((p) => bytesToHex(p.txHash));
}

describe("txs of a block that loses to another at its height", () => {
  it("go back to the mempool when the other block is finalized", async () => {
    const a = await createTestNode();
    const b = await createTestNode();
    await a.add(send(0));
    await b.add(send(1));
    const mine = await a.exec.propose(a.genesis.header, 1n, 1n, ctx(10n));
    const theirs = await b.exec.propose(b.genesis.header, 1n, 2n, ctx(11n));
    await applyOn(a, mine);
    expect(await pooled(a)).toEqual([]); // applying took it out
    const winner = await applyOn(a, theirs);
    expect(a.exec.appliedTx(crypto.txHash(send(0)))).toBeDefined();
    a.exec.forget(winner);
    expect(await pooled(a)).toEqual([bytesToHex(crypto.txHash(send(0)))]);
    expect(a.exec.appliedTx(crypto.txHash(send(0)))).toBeUndefined();
  });

  it("a block on the finalized chain gives nothing back", async () => {
    const a = await createTestNode();
    await a.add(send(0));
    await a.add(send(1));
    const block = await a.exec.propose(a.genesis.header, 1n, 1n, ctx(10n));
    const hash = await applyOn(a, block);
    a.exec.forget(hash);
    expect(await pooled(a)).toEqual([]);
  });
});
