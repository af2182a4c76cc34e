/**
 * An EthChain over the fake ChainQuery whose events the test fires by hand, counting the
 * listeners attached to them (so a test can see that nothing is left listening).
 */
import { bytesToHex, equalBytes, type Hash, ok } from "@theta/core-types";
import type { BlockTx, StoredBlock } from "../../../src/rpc/chainQuery.ts";
import type { EthChain, PendingTxEvent } from "../../../src/rpc/eth/ethChain.ts";
import { BlockStatus, blockTx, crypto, deployTx, storedBlock } from "../chain/chainData.ts";
import { createFakeChain, EVM_CHAIN_ID, type FakeChain } from "../chain/fakeChain.ts";

/** The fake plus its handles. */
export interface FakeEthChain extends EthChain {
  readonly chain: FakeChain;
  /** Listeners attached right now. */
  listeners(): { readonly finalized: number; readonly pending: number };
  /** Tells the finalized-block listeners about `block`. */
  finalize(block: StoredBlock): void;
  /** Tells the pending-tx listeners about an admitted tx (and keeps it as pending). */
  admit(tx: PendingTxEvent, body?: BlockTx): void;
}

/** Builds a fresh fake. */
export function createFakeEthChain(): FakeEthChain {
  const chain = createFakeChain();
  const finalized = new Set<{ readonly l: (b: StoredBlock) => void }>();
  const pending = new Set<{ readonly l: (tx: PendingTxEvent) => void }>();
  const pool = new Map<string, BlockTx>();
  const finalizedBlocks = [chain.genesis, chain.b1];
  const fake = {
    chain,
    query: chain,
    clientVersion: "theta-ts/v0.0.0-test",
    keccak256: crypto.keccak256,
    events: {
      onFinalizedBlock(l: (b: StoredBlock) => void) {
        const token = { l };
        finalized.add(token);
        return () => void finalized.delete(token);
      },
      onPendingTx(l: (tx: PendingTxEvent) => void) {
        const token = { l };
        pending.add(token);
        return () => void pending.delete(token);
      },
    },
    evmChainId: async () => EVM_CHAIN_ID,
    minGasPrice: async () => 4_000_000_000_000n,
    maxGasLimit: async () => 30_000_000n,
    earliestHeight: () => 0n,
    async finalizedHead() {
      return { hash: chain.b1.hash, height: 1n };
    },
    async finalizedHashAt(height: bigint) {
      return finalizedBlocks.find((b) => b.block.block.header.height === height)?.hash;
    },
    async pendingTx(hash: Hash) {
      return pool.get(bytesToHex(hash));
    },
    async tip() {
      return chain.b2;
    },
    async dryRun(tx: Parameters<EthChain["dryRun"]>[0]) {
      const r = await chain.callContract(tx);
      return r.ok ? ok(r.value) : r;
    },
    async blockLogs(from: bigint, to: bigint) {
      return finalizedBlocks
        .filter((b) => b.block.block.header.height >= from && b.block.block.header.height <= to)
        .map((b) => ({
          height: b.block.block.header.height,
          blockHash: b.hash,
          timestamp: b.block.block.header.timestamp,
          txs: b.txs
            .map((t, txIndex) => ({ txIndex, txHash: t.ethTxHash, logs: t.receipt?.logs ?? [] }))
            .filter((t) => t.logs.length > 0),
        }));
    },
    peerCount: () => 2,
    listeners: () => ({ finalized: finalized.size, pending: pending.size }),
    finalize(block: StoredBlock) {
      for (const { l } of [...finalized]) l(block);
    },
    admit(tx: PendingTxEvent, body?: BlockTx) {
      if (body !== undefined) pool.set(bytesToHex(tx.ethHash ?? tx.hash), body);
      for (const { l } of [...pending]) l(tx);
    },
  };
  return fake as FakeEthChain;
}

/** A log as a test writes it. */
export interface TestLog {
  readonly address: Uint8Array;
  readonly topics: readonly Uint8Array[];
  readonly data?: Uint8Array;
}

/** A finalized block at `height` with one contract tx per entry of `txLogs`, each with those logs. */
export function blockWithLogs(height: bigint, txLogs: readonly (readonly TestLog[])[]): StoredBlock {
  const txs = txLogs.map((logs, i) =>
    blockTx(deployTx(100n + BigInt(i)), {
      logs: logs.map((l) => ({
        address: l.address,
        topics: [...l.topics],
        data: l.data ?? new Uint8Array(0),
      })),
      evmReturn: new Uint8Array(0),
      contractAddress: logs[0]?.address ?? new Uint8Array(20),
      gasUsed: 50_000n,
      evmError: "",
    }),
  );
  return storedBlock(
    {
      height,
      epoch: height,
      parent: new Uint8Array(32).fill(Number(height % 256n)),
      timestamp: 1_700_000_000n + height,
    },
    txs,
    BlockStatus.DirectlyFinalized,
  );
}

/** A 20-byte address / 32-byte topic filled with `n`. */
export const addr = (n: number): Uint8Array => new Uint8Array(20).fill(n);
export const topic = (n: number): Uint8Array => new Uint8Array(32).fill(n);
export const hex = (b: Uint8Array): string => `0x${bytesToHex(b)}`;
export { equalBytes };
