import { type Block, bytesToHex } from "@theta/core-types";
import { describe, expect, it } from "vitest";
import { ALICE, BOB, sendTx } from "./helpers/keys.ts";
import {
  createGenesisStore,
  createTestNode,
  ctx,
  openNode,
  profile,
  type TestNode,
} from "./helpers/testNode.ts";

const send = (seq: bigint, tfuel: bigint) => sendTx(profile.chainId, ALICE, BOB, tfuel, seq);

async function applyAndStore(node: TestNode, block: Block): Promise<Uint8Array> {
  const hash = node.blocks.hashOf(block.header);
  expect((await node.exec.apply(block, hash)).ok).toBe(true);
  await node.blocks.put(block);
  return hash;
}

const tfuelOf = async (node: TestNode, root: Uint8Array, who: Uint8Array) =>
  (await (await node.ledger.view(root)).getAccount(who))?.balance.tfuelWei;

describe("state versions", () => {
  it("are numbered by application: competing blocks at one height each get a version of their own", async () => {
    const a = await createTestNode();
    const b = await createTestNode();
    await a.add(send(1n, 5n));
    await b.add(send(1n, 9n));
    const left = await a.exec.propose(a.genesis.header, 1n, 1n, ctx(10n));
    const right = await b.exec.propose(b.genesis.header, 1n, 2n, ctx(11n));
    const leftHash = await applyAndStore(a, left);
    const rightHash = await applyAndStore(a, right);
    expect(await a.state.versions()).toEqual([0n, 1n, 2n]);
    expect(await a.state.rootAt(1n)).toEqual(left.header.stateHash);
    expect(await a.state.rootAt(2n)).toEqual(right.header.stateHash);
    // Both branches stay readable, each with its own effect.
    expect(await tfuelOf(a, left.header.stateHash, BOB.address)).toBe(
      (await tfuelOf(a, a.genesis.header.stateHash, BOB.address))! + 5n,
    );
    expect(await tfuelOf(a, right.header.stateHash, BOB.address)).toBe(
      (await tfuelOf(a, a.genesis.header.stateHash, BOB.address))! + 9n,
    );
    // A child on the branch applied first is the next version, not a second version at height 2.
    await a.add(send(2n, 1n));
    const child = await a.exec.propose(left.header, 2n, 3n, ctx(12n));
    expect(bytesToHex(child.header.parent)).toBe(bytesToHex(leftHash));
    await applyAndStore(a, child);
    expect(await a.state.versions()).toEqual([0n, 1n, 2n, 3n]);
    expect(await a.state.rootAt(3n)).toEqual(child.header.stateHash);
    // Applying a block whose state is already stored adds no version.
    expect((await a.exec.apply(right, rightHash)).ok).toBe(true);
    expect(await a.state.versions()).toEqual([0n, 1n, 2n, 3n]);
  });

  it("survive a reopen of the versioned state on the same KvStore", async () => {
    const kv = await createGenesisStore();
    const first = await openNode(kv);
    await first.add(send(1n, 5n));
    const b1 = await first.exec.propose(first.genesis.header, 1n, 1n, ctx(10n));
    await applyAndStore(first, b1);
    await first.add(send(2n, 6n));
    const b2 = await first.exec.propose(b1.header, 2n, 2n, ctx(11n));
    const b2Hash = await applyAndStore(first, b2);
    const validators = await first.exec.validatorsFor(b2Hash);

    // A new state, ledger and executor on the same store: no node buffer, no proposal memory.
    const again = await openNode(kv);
    expect(await again.state.versions()).toEqual([0n, 1n, 2n]);
    expect(await again.state.rootAt(2n)).toEqual(b2.header.stateHash);
    expect(await again.exec.validatorsFor(b2Hash)).toEqual(validators);
    expect(await tfuelOf(again, b2.header.stateHash, BOB.address)).toBe(
      (await tfuelOf(again, again.genesis.header.stateHash, BOB.address))! + 11n,
    );
    // It builds on block 2's state from disk, and a fresh node executes that block to the same root.
    await again.add(send(3n, 1n));
    const b3 = await again.exec.propose(b2.header, 3n, 3n, ctx(12n));
    await applyAndStore(again, b3);
    expect(await again.state.versions()).toEqual([0n, 1n, 2n, 3n]);
    const replay = await createTestNode();
    for (const b of [b1, b2, b3]) await applyAndStore(replay, b);
    expect(replay.exec.applyStats()).toEqual({ reused: 0, executed: 3 });
    expect(await replay.state.rootAt(3n)).toEqual(b3.header.stateHash);
  });
});
