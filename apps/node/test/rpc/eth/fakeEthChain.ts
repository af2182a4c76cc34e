/**
 * An EthChain over the RPC tests' fake ChainQuery: b1 (height 1) is the finalized head, b2
 * (height 2, committed) the engine's tip; dry runs answer from a table; events fire on demand.
 */
import { bytesToHex, type Hash, ok, type SmartContractTx } from "@theta/core-types";
import type { BlockTx, ContractCallResult, StoredBlock } from "../../../src/rpc/chainQuery.ts";
import type { EthChain, PendingTxEvent } from "../../../src/rpc/eth/ethChain.ts";
import { storedBlockLogs } from "../../../src/rpc/eth/ethJson.ts";
import { crypto } from "../chain/chainData.ts";
import type { FakeChain } from "../chain/fakeChain.ts";

/** The fake plus its handles. */
export interface FakeEthChain extends EthChain {
  /** What the next dry runs answer, by callee address hex (default: success returning 0x2a). */
  readonly calls: Map<string, (tx: SmartContractTx) => ContractCallResult>;
  /** Every dry run's tx and parent, in order. */
  readonly dryRuns: { tx: SmartContractTx; parent: Hash | undefined }[];
  readonly pending: Map<string, BlockTx>;
  fireFinalized(b: StoredBlock): void;
  firePending(tx: PendingTxEvent): void;
  listenerCount(): number;
}

/** Wraps `chain`. */
export function createFakeEthChain(chain: FakeChain): FakeEthChain {
  const calls = new Map<string, (tx: SmartContractTx) => ContractCallResult>();
  const dryRuns: { tx: SmartContractTx; parent: Hash | undefined }[] = [];
  const pending = new Map<string, BlockTx>();
  const fin = new Set<(b: StoredBlock) => void>();
  const pend = new Set<(tx: PendingTxEvent) => void>();
  const finalized = [chain.genesis, chain.b1];
  return {
    query: chain,
    calls,
    dryRuns,
    pending,
    events: {
      onFinalizedBlock(l) {
        fin.add(l);
        return () => void fin.delete(l);
      },
      onPendingTx(l) {
        pend.add(l);
        return () => void pend.delete(l);
      },
    },
    clientVersion: "theta-ts/test",
    keccak256: crypto.keccak256,
    evmChainId: async () => 366n,
    minGasPrice: async () => 100_000_000n,
    maxGasLimit: async () => 10_000_000n,
    earliestHeight: () => 0n,
    async finalizedHead() {
      return { hash: chain.b1.hash, height: 1n };
    },
    async finalizedHashAt(h) {
      return finalized.find((b) => b.block.block.header.height === h)?.hash;
    },
    async pendingTx(hash) {
      return pending.get(bytesToHex(hash));
    },
    tip: async () => chain.b2,
    async dryRun(tx, parent) {
      dryRuns.push({ tx, parent });
      const f = calls.get(bytesToHex(tx.to.address));
      return ok(
        f?.(tx) ?? {
          vmReturn: Uint8Array.of(0x2a),
          contractAddress: tx.to.address,
          gasUsed: 21_000n,
          vmError: "",
        },
      );
    },
    peerCount: () => 3,
    async blockLogs(from, to) {
      const ctx = { evmChainId: 366n, keccak256: crypto.keccak256, gasLimit: 10_000_000n };
      return finalized
        .filter((b) => b.block.block.header.height >= from && b.block.block.header.height <= to)
        .map((b) => storedBlockLogs(b, ctx))
        .filter((l) => l.txs.length > 0);
    },
    fireFinalized: (b) => {
      for (const l of fin) l(b);
    },
    firePending: (tx) => {
      for (const l of pend) l(tx);
    },
    listenerCount: () => fin.size + pend.size,
  };
}
