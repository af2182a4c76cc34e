/**
 * The moving parts behind the ChainQuery facade once block production runs: mempool admission,
 * the engine's view of the tip, waiting for a tx to be finalized, and the contract dry run.
 */
import type { EngineStatus } from "@theta/consensus";
import {
  type Account,
  type Address,
  type BlockHeader,
  bytesToHex,
  type ChainProfile,
  encodeTx,
  equalBytes,
  err,
  type Hash,
  hexToBytes,
  isThetaError,
  ok,
  type Result,
  type Tx,
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
  /** True for a tx the mempool dropped after admitting it (the last 10,000 remembered). */
  isAbandoned(hash: Hash): boolean;
  /** Records txs the mempool dropped. */
  abandoned(hashes: readonly Hash[]): void;
  /** The account in the screened view (the applied tip plus the mempool). */
  screenedAccount(address: Address): Promise<Account | undefined>;
  /** A pending tx by its Theta hash or the Ethereum hash it was submitted with. */
  pendingTx(
    hash: Hash,
  ):
    | { readonly raw: Uint8Array; readonly tx: Tx; readonly hash: Hash; readonly ethHash: Hash | undefined }
    | undefined;
  /** Subscribes to admitted txs (local submissions and gossip); returns the unsubscriber. */
  onAdmitted(listener: (tx: { readonly hash: Hash; readonly ethHash: Hash | undefined }) => void): () => void;
  /** Admits a tx gossiped by a peer (refusals are the peer's problem, returned for the log). */
  admitGossiped(raw: Uint8Array): Promise<Result<Hash>>;
  /** The engine's view; undefined before the engine started. */
  engineStatus(): EngineStatus | undefined;
  /** Resolves with the finalized block's header once `hash` is finalized; rejects on abort or timeout. */
  waitFinalized(hash: Hash, signal: AbortSignal): Promise<BlockHeader>;
  /** Called with every finalized block's hash, header and tx hashes (by the composition). */
  finalized(header: BlockHeader, txHashes: readonly Hash[], hash?: Hash): void;
  /** The last block `finalized` was told of (undefined until the first one after start). */
  finalizedHead(): { readonly hash: Hash; readonly header: BlockHeader } | undefined;
  /** Dry-runs a SmartContractTx on the state after block `parent` (default: the last finalized). */
  dryRun(raw: Uint8Array, parent?: Hash): Promise<Result<ContractCallResult>>;
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

/** Dropped tx hashes remembered for `abandoned` answers. */
const ABANDONED_KEPT = 10_000;

/** Creates the live chain. */
export function createLiveChain(deps: LiveChainDeps): LiveChain {
  const waiters = new Map<string, Set<(h: BlockHeader) => void>>();
  const abandonedSet = new Set<string>();
  let head: { readonly hash: Hash; readonly header: BlockHeader } | undefined;
  /** The block a dry run runs after: `parentHash`, else the last finalized (kept in memory). */
  const parentHeader = async (parentHash: Hash | undefined): Promise<BlockHeader | undefined> => {
    if (parentHash === undefined && head !== undefined) return head.header;
    const hash = parentHash ?? (await deps.blocks.lastFinalized())?.hash;
    return hash === undefined ? undefined : (await deps.blocks.get(hash))?.block.header;
  };
  const admittedListeners = new Set<(tx: { hash: Hash; ethHash: Hash | undefined }) => void>();
  const announce = (hash: Hash): void => {
    const ethHash = deps.ethHashes.get(bytesToHex(hash));
    for (const l of admittedListeners) l({ hash, ethHash });
  };
  const admit = async (raw: Uint8Array, gossip: boolean): Promise<Result<Hash>> => {
    if (deps.preverify !== undefined) await deps.preverify(raw).catch(() => undefined);
    const r = await deps.mempool.add(raw);
    if (!r.ok) return err(r.code, r.message);
    if (gossip) deps.gossipTx(raw);
    abandonedSet.delete(bytesToHex(r.txHash));
    announce(r.txHash);
    return ok(r.txHash);
  };
  const submit = (raw: Uint8Array): Promise<Result<Hash>> => admit(raw, true);
  const thetaHashOfEth = (hash: Hash): Hash | undefined => {
    const key = bytesToHex(hash);
    for (const [theta, eth] of deps.ethHashes) if (bytesToHex(eth) === key) return hexToBytes(theta);
    return undefined;
  };
  return {
    submit,
    admitGossiped: (raw) => admit(raw, false),
    onAdmitted(listener) {
      admittedListeners.add(listener);
      return () => admittedListeners.delete(listener);
    },
    isAbandoned: (hash) => abandonedSet.has(bytesToHex(hash)),
    abandoned(hashes) {
      for (const h of hashes) {
        abandonedSet.add(bytesToHex(h));
        if (abandonedSet.size > ABANDONED_KEPT) abandonedSet.delete(abandonedSet.values().next().value!);
      }
    },
    screenedAccount: (address) => deps.mempool.screenedAccount(address),
    pendingTx(hash) {
      const theta = deps.mempool.has(hash) ? hash : thetaHashOfEth(hash);
      if (theta === undefined || !deps.mempool.has(theta)) return undefined;
      const p = deps.mempool.pending().find((e) => equalBytes(e.txHash, theta));
      if (p === undefined) return undefined;
      return { raw: p.raw, tx: p.tx, hash: p.txHash, ethHash: deps.ethHashes.get(bytesToHex(p.txHash)) };
    },
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
    finalizedHead: () => head,
    finalized(header, txHashes, hash) {
      if (hash !== undefined && (head === undefined || header.height > head.header.height))
        head = { hash, header };
      for (const h of txHashes) {
        const key = bytesToHex(h);
        const set = waiters.get(key);
        if (set === undefined) continue;
        waiters.delete(key);
        for (const cb of set) cb(header);
      }
    },
    async dryRun(raw, parentHash) {
      const h = await parentHeader(parentHash);
      if (h === undefined)
        return err(LiveChainErrorCode.DryRun, "header not found: no stored block to run the call on");
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
