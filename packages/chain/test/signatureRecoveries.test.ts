/**
 * A tx's signer is recovered once per node: at admission (or by the preverifier), never again when the
 * tx comes back in a block, whether this node proposes the block or executes another proposer's copy
 * of it (other arrays, same bytes). Counted at the backend, where the elliptic-curve work happens.
 */
import { type Block, bytesToHex } from "@theta/core-types";
import { type CryptoBackend, createCrypto, nobleBackend, type ThetaCrypto } from "@theta/crypto";
import { withSignatureCache } from "@theta/ledger";
import { describe, expect, it } from "vitest";
import { BOB, SENDERS, sendTx } from "./helpers/keys.ts";
import { createTestNode, ctx, profile } from "./helpers/testNode.ts";

/** A cached crypto whose backend counts recoveries per signature (hex). */
function countingCrypto(): { crypto: ThetaCrypto; recoveries: Map<string, number> } {
  const recoveries = new Map<string, number>();
  const backend: CryptoBackend = {
    ...nobleBackend,
    recoverPublicKey(hash, signature) {
      const key = bytesToHex(signature);
      recoveries.set(key, (recoveries.get(key) ?? 0) + 1);
      return nobleBackend.recoverPublicKey(hash, signature);
    },
  };
  return { crypto: withSignatureCache(createCrypto(backend), 1000), recoveries };
}

const sends = (): Uint8Array[] => SENDERS.map((from) => sendTx(profile.chainId, from, BOB, 1n, 1n));

/** A block of the coinbase and `raws`, built by another node; its txs copied as a peer decodes them. */
async function othersBlock(raws: readonly Uint8Array[]): Promise<Block> {
  const proposer = await createTestNode();
  for (const raw of raws) await proposer.add(raw);
  const block = await proposer.exec.propose(proposer.genesis.header, 1n, 1n, ctx(10n));
  expect(block.txs.length).toBe(raws.length + 1);
  return { ...block, txs: block.txs.map((t) => t.slice()) };
}

describe("signer recoveries per tx on one node", () => {
  it("admitted from gossip, then executed in another proposer's block: exactly one", async () => {
    const raws = sends();
    const block = await othersBlock(raws);
    const { crypto, recoveries } = countingCrypto();
    const node = await createTestNode({ crypto });
    for (const raw of raws) await node.add(raw.slice());
    expect([...recoveries.values()]).toEqual(raws.map(() => 1));
    const r = await node.exec.apply(block, node.blocks.hashOf(block.header));
    expect(r.ok).toBe(true);
    expect(node.exec.applyStats()).toEqual({ reused: 0, executed: 1 });
    // Each sender's signature: still one; the coinbase's: one, at execution.
    expect(recoveries.size).toBe(raws.length + 1);
    expect([...recoveries.values()].every((n) => n === 1)).toBe(true);
  });

  it("admitted, proposed and applied by the same node: exactly one", async () => {
    const raws = sends();
    const { crypto, recoveries } = countingCrypto();
    const node = await createTestNode({ crypto });
    for (const raw of raws) await node.add(raw);
    const block = await node.exec.propose(node.genesis.header, 1n, 1n, ctx(10n));
    expect((await node.exec.apply(block, node.blocks.hashOf(block.header))).ok).toBe(true);
    expect(recoveries.size).toBe(raws.length + 1);
    expect([...recoveries.values()].every((n) => n === 1)).toBe(true);
  });
});
