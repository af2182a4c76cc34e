import { type Block, bytesToHex } from "@theta/core-types";
import { defaultCrypto, inlineVerifier, type SignatureCheck, type ThetaCrypto } from "@theta/crypto";
import { withSignatureCache } from "@theta/ledger";
import { describe, expect, it } from "vitest";
import { createBlockPreparer } from "../src/index.ts";
import { BOB, SENDERS, sendTx } from "./helpers/keys.ts";
import { createTestNode, ctx, profile, type TestNode } from "./helpers/testNode.ts";

/** Signature checks done on this thread (the executors') and on the verifier, whose batches wait for `open`. */
function counting() {
  const inner = defaultCrypto;
  const counts = { inline: 0, verifier: 0, batches: 0 };
  const crypto: ThetaCrypto = withSignatureCache(
    {
      ...inner,
      verify: (m, s, a) => {
        counts.inline++;
        return inner.verify(m, s, a);
      },
    },
    1000,
  );
  const gates: Array<() => void> = [];
  const base = inlineVerifier(inner);
  const verifier = {
    verifyMany: async (checks: readonly SignatureCheck[]) => {
      counts.batches++;
      counts.verifier += checks.length;
      await new Promise<void>((resolve) => gates.push(resolve));
      return base.verifyMany(checks);
    },
  };
  const open = () => {
    for (const g of gates.splice(0)) g();
  };
  return { crypto, verifier, counts, open };
}

/** A block of the coinbase and a SendTx of each of the 10 senders, built by another node. */
async function blockOfSends(): Promise<Block> {
  const proposer = await createTestNode();
  for (const from of SENDERS) await proposer.add(sendTx(profile.chainId, from, BOB, 1n, 1n));
  const block = await proposer.exec.propose(proposer.genesis.header, 1n, 1n, ctx(10n));
  expect(block.txs.length).toBe(SENDERS.length + 1);
  return block;
}

const applyOn = (node: TestNode, block: Block) => node.exec.apply(block, node.blocks.hashOf(block.header));

describe("the executor's preparation of received blocks", () => {
  it("checks a prepared block's signatures on the verifier: none recovered inline, none twice while in flight", async () => {
    const block = await blockOfSends();
    // The baseline: without a verifier, every tx signature is checked inline while executing.
    const plain = counting();
    const a = await createTestNode({ crypto: plain.crypto });
    expect((await applyOn(a, block)).ok).toBe(true);
    expect(plain.counts.inline).toBeGreaterThanOrEqual(SENDERS.length);

    const c = counting();
    const b = await createTestNode({ crypto: c.crypto, verifier: c.verifier });
    b.exec.prepare?.(block);
    b.exec.prepare?.(block); // received twice: prepared once
    let done = false;
    const applying = applyOn(b, block).then((r) => {
      done = true;
      return r;
    });
    // Turns enough for an apply that did not wait to finish (the test below's unprepared apply has its batch after one).
    for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
    expect(done).toBe(false); // apply waits for the checks still on the verifier
    c.open();
    expect(await applying).toEqual({ ok: true, hasValidatorUpdate: false });
    expect(c.counts).toEqual({
      inline: plain.counts.inline - SENDERS.length,
      verifier: SENDERS.length,
      batches: 1,
    });
  });

  it("checks an unprepared block on the verifier when it is applied, with the same outcome", async () => {
    const block = await blockOfSends();
    const c = counting();
    const b = await createTestNode({ crypto: c.crypto, verifier: c.verifier });
    const applying = applyOn(b, block);
    for (let i = 0; i < 50 && c.counts.batches === 0; i++) await new Promise((r) => setImmediate(r));
    c.open();
    expect(await applying).toEqual({ ok: true, hasValidatorUpdate: false });
    expect(c.counts.verifier).toBe(SENDERS.length);
    expect(b.exec.applyStats()).toEqual({ reused: 0, executed: 1 });
  });

  it("keeps the checks prepared ahead under its bound and starts the next block as one is applied", async () => {
    const block = await blockOfSends();
    const later: Block = {
      header: { ...block.header, height: 2n, txHash: new Uint8Array(32).fill(7) },
      txs: [block.txs[0]!, ...SENDERS.map((from) => sendTx(profile.chainId, from, BOB, 1n, 2n))],
    };
    const c = counting();
    const preparer = createBlockPreparer(c.verifier, c.crypto, profile, { maxChecks: block.txs.length });
    preparer.prepare(block);
    preparer.prepare(later);
    await Promise.resolve();
    expect(c.counts.batches).toBe(1); // the second waits: both would exceed the bound
    c.open();
    await preparer.ready(block);
    preparer.applied(1n);
    for (let i = 0; i < 50 && c.counts.batches < 2; i++) await new Promise((r) => setImmediate(r));
    expect(c.counts.batches).toBe(2);
    c.open();
  });
});

describe("the executor's recent headers", () => {
  it("applies a child and answers the sets of applied blocks without reading them back from the store", async () => {
    const reads: string[] = [];
    const a = await createTestNode({ onBlockRead: (h) => reads.push(bytesToHex(h)) });
    await a.add(sendTx(profile.chainId, SENDERS[0]!, BOB, 1n, 1n));
    const first = await a.exec.propose(a.genesis.header, 1n, 1n, ctx(10n));
    expect((await applyOn(a, first)).ok).toBe(true);
    await a.blocks.put(first);
    const firstHash = bytesToHex(a.blocks.hashOf(first.header));
    await a.add(sendTx(profile.chainId, SENDERS[1]!, BOB, 1n, 1n));
    const second = await a.exec.propose(first.header, 2n, 2n, ctx(11n));
    expect((await applyOn(a, second)).ok).toBe(true);
    expect((await a.exec.validatorsFor(a.blocks.hashOf(first.header))).length).toBe(1);
    expect(reads.filter((h) => h === firstHash)).toEqual([]);
    // A block applied before the executor started is read from the store, once.
    reads.length = 0;
    const b = await createTestNode({ onBlockRead: (h) => reads.push(bytesToHex(h)) });
    await b.exec.validatorsFor(b.genesisHash);
    await b.exec.validatorsFor(b.genesisHash);
    expect(reads.filter((h) => h === bytesToHex(b.genesisHash)).length).toBe(1);
  });
});
