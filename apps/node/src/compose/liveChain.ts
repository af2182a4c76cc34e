/**
 * The moving parts behind the ChainQuery facade once block production runs: mempool admission,
 * the engine's view of the tip, waiting for a tx to be finalized, and the contract dry run.
 */
import type { EngineStatus } from "@theta/consensus";
import {
  type BlockHeader,
  bytesToHex,
  type ChainProfile,
  encodeTx,
  err,
  type Hash,
  isThetaError,
  ok,
  type Result,
} from "@theta/core-types";
import type { ThetaCrypto } from "@theta/crypto";
import type { BlockInfo, Ledger, Mempool } from "@theta/ledger";
import type { ContractCallResult } from "../rpc/chainQuery.ts";
import { translateEthTx } from "../rpc/ethTranslate.ts";
import type { ChainBlockStore } from "../store/blockStore.ts";

/** What the facade asks of the running chain. */
export interface LiveChain {
  submit(raw: Uint8Array): Promise<Result<Hash>>;
  /** Translates a signed legacy Ethereum tx, submits it; the Theta hash and the Ethereum hash. */
  submitEth(raw: Uint8Array): Promise<Result<{ readonly hash: Hash; readonly ethHash: Hash }>>;
  pendingHashes(): Hash[];
  isPending(hash: Hash): boolean;
  /** The engine's view; undefined before the engine started. */
  engineStatus(): EngineStatus | undefined;
  /** Resolves with the finalized block's header once `hash` is finalized; rejects on abort or timeout. */
  waitFinalized(hash: Hash, signal: AbortSignal): Promise<BlockHeader>;
  /** Called with every finalized block's header and tx hashes (by the composition). */
  finalized(header: BlockHeader, txHashes: readonly Hash[]): void;
  dryRun(raw: Uint8Array): Promise<Result<ContractCallResult>>;
}

/** Stable codes of the live chain. */
export const LiveChainErrorCode = { Timeout: "NODE_TX_TIMEOUT", DryRun: "NODE_DRY_RUN_FAILED" } as const;

/** What the live chain runs on. */
export interface LiveChainDeps {
  readonly ledger: Pick<Ledger, "dryRunContract">;
  /** Gossips a tx the mempool accepted. */
  readonly gossipTx: (raw: Uint8Array) => void;
  readonly profile: ChainProfile;
  readonly crypto: ThetaCrypto;
  /** Ethereum hashes of submitted Ethereum txs, by Theta tx hash (hex); the tx index reads them. */
  readonly ethHashes: Map<string, Hash>;
  readonly mempool: Mempool;
  readonly blocks: ChainBlockStore;
  readonly engineStatus: () => EngineStatus | undefined;
  /** How long a sync broadcast waits for finalization. */
  readonly timeoutMs: number;
  /** Unix seconds now. */
  readonly nowSeconds: () => bigint;
  /**
   * Checks a submitted tx's signatures ahead of admission (on worker threads) so that admission
   * finds them in the signature cache; an optimisation only, its failures are ignored.
   */
  readonly preverify?: (raw: Uint8Array) => Promise<unknown>;
}

/** Creates the live chain. */
export function createLiveChain(deps: LiveChainDeps): LiveChain {
  const waiters = new Map<string, Set<(h: BlockHeader) => void>>();
  const submit = async (raw: Uint8Array): Promise<Result<Hash>> => {
    if (deps.preverify !== undefined) await deps.preverify(raw).catch(() => undefined);
    const r = await deps.mempool.add(raw);
    if (!r.ok) return err(r.code, r.message);
    deps.gossipTx(raw);
    return ok(r.txHash);
  };
  return {
    submit,
    async submitEth(raw) {
      // The ledger's screening then checks the signature against this chain's EVM chain id.
      const tx = translateEthTx(raw, deps.crypto);
      if (!tx.ok) return tx;
      const ethHash = deps.crypto.keccak256(raw);
      const theta = encodeTx(tx.value);
      deps.ethHashes.set(bytesToHex(deps.crypto.txHash(theta)), ethHash);
      const r = await submit(theta);
      return r.ok ? ok({ hash: r.value, ethHash }) : r;
    },
    pendingHashes: () => deps.mempool.pending().map((p) => p.txHash),
    isPending: (hash) => deps.mempool.has(hash),
    engineStatus: deps.engineStatus,
    waitFinalized(hash, signal) {
      const key = bytesToHex(hash);
      return new Promise<BlockHeader>((resolve, reject) => {
        const set = waiters.get(key) ?? new Set();
        waiters.set(key, set);
        const done = (h: BlockHeader): void => {
          clearTimeout(timer);
          signal.removeEventListener("abort", onAbort);
          resolve(h);
        };
        const cleanup = (): void => {
          set.delete(done);
          if (set.size === 0) waiters.delete(key);
        };
        const onAbort = (): void => {
          clearTimeout(timer);
          cleanup();
          reject(signal.reason ?? new Error("aborted"));
        };
        const timer = setTimeout(() => {
          cleanup();
          signal.removeEventListener("abort", onAbort);
          reject(new Error("Timed out waiting for transaction to be included"));
        }, deps.timeoutMs);
        set.add(done);
        signal.addEventListener("abort", onAbort, { once: true });
      });
    },
    finalized(header, txHashes) {
      for (const h of txHashes) {
        const key = bytesToHex(h);
        const set = waiters.get(key);
        if (set === undefined) continue;
        waiters.delete(key);
        for (const cb of set) cb(header);
      }
    },
    async dryRun(raw) {
      const fin = await deps.blocks.lastFinalized();
      const parent = fin === undefined ? undefined : await deps.blocks.get(fin.hash);
      if (parent === undefined)
        return err(LiveChainErrorCode.DryRun, "no finalized block to run the call on");
      const h = parent.block.header;
      const info: BlockInfo = {
        height: h.height + 1n,
        timestamp: deps.nowSeconds(),
        parentTimestamp: h.timestamp,
        proposer: h.proposer,
      };
      try {
        const r = await deps.ledger.dryRunContract(h.stateHash, raw, info);
        if (!r.ok) return r;
        return ok({
          vmReturn: r.value.returnValue,
          contractAddress: r.value.contractAddress,
          gasUsed: r.value.gasUsed,
          vmError: r.value.vmError,
        });
      } catch (e) {
        if (isThetaError(e)) return err(e.code, e.message);
        throw e;
      }
    },
  };
}
