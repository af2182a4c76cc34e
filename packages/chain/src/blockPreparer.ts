/**
 * Signature checks of received blocks started before their turn to execute: `prepare` sends a block's tx
 * signatures to the host's verifier (worker threads in the node) as soon as the engine receives the block,
 * so that later blocks are checked on other threads while this one executes earlier ones; `ready` is what
 * `apply` awaits before executing, and the executors then find the outcomes in the signature cache (keyed
 * by message, signature and address: the same checks `signatureChecksOf` lists). A block whose checks are
 * still on the verifier is awaited, not checked again; one never prepared is checked on the verifier then.
 *
 * Bounded: the checks prepared and not yet applied stay under `maxChecks` (blocks beyond wait in arrival
 * order and start as applied ones make room), so they fit the signature cache together; at most
 * `maxBlocks` blocks are tracked, and a block at or below an applied height is forgotten.
 */
import { type Block, bytesToHex, type ChainProfile, type Tx } from "@theta/core-types";
import type { SignatureBatchVerifier, ThetaCrypto } from "@theta/crypto";
import { decodeTxMemo, preverifySignatures } from "@theta/ledger";

/** The preparation side of the executor. */
export interface BlockPreparer {
  /** Starts (or queues) the signature checks of `block`'s txs. */
  prepare(block: Block): void;
  /** Resolves once the checks of `block` are in the signature cache (started now if not yet). */
  ready(block: Block): Promise<void>;
  /** Forgets the preparations of blocks at heights up to `height` (applied, or competing with one). */
  applied(height: bigint): void;
}

/** Bounds of a preparer. */
export interface BlockPreparerOptions {
  /** Checks prepared and not yet applied (default 32,768: a third of the node's 100,000-entry cache). */
  readonly maxChecks?: number;
  /** Blocks tracked (default 512: the syncer's window and parked blocks fit). */
  readonly maxBlocks?: number;
}

interface Entry {
  readonly block: Block;
  readonly height: bigint;
  readonly checks: number;
  started: Promise<void> | undefined;
}

/** Txs of `raws` that decode (the rest are refused by execution). */
function decodable(raws: readonly Uint8Array[]): Tx[] {
  const out: Tx[] = [];
  for (const raw of raws) {
    try {
      out.push(decodeTxMemo(raw)); // the decoding execution then reuses
    } catch {
      // execution reports it
    }
  }
  return out;
}

/** Creates a preparer that checks on `verifier` and primes `crypto`'s signature cache. */
export function createBlockPreparer(
  verifier: SignatureBatchVerifier,
  crypto: ThetaCrypto,
  profile: ChainProfile,
  opts: BlockPreparerOptions = {},
): BlockPreparer {
  const maxChecks = opts.maxChecks ?? 32_768;
  const maxBlocks = opts.maxBlocks ?? 512;
  /** By the header's TxHash, in arrival order. */
  const entries = new Map<string, Entry>();
  let budget = 0;
  const check = (block: Block): Promise<void> =>
    preverifySignatures(crypto, verifier, profile, decodable(block.txs)).then(
      () => undefined,
      () => undefined, // only an optimisation: execution checks what is not cached
    );
  const start = (e: Entry): Promise<void> => {
    if (e.started === undefined) {
      budget += e.checks;
      e.started = check(e.block);
    }
    return e.started;
  };
  const pump = (): void => {
    for (const e of entries.values()) {
      if (e.started !== undefined) continue;
      if (budget + e.checks > maxChecks && budget > 0) return;
      void start(e);
    }
  };
  const drop = (key: string, e: Entry): void => {
    entries.delete(key);
    if (e.started !== undefined) budget -= e.checks;
  };
  return {
    prepare(block) {
      // A block of the coinbase alone has no signature to check.
      if (block.txs.length <= 1) return;
      const key = bytesToHex(block.header.txHash);
      if (entries.has(key) || entries.size >= maxBlocks) return;
      entries.set(key, { block, height: block.header.height, checks: block.txs.length, started: undefined });
      pump();
    },
    async ready(block) {
      const key = bytesToHex(block.header.txHash);
      const e = entries.get(key);
      if (e === undefined) return check(block);
      await start(e);
      if (e.block !== block) await check(block); // same TxHash claimed, other txs: what is missing
    },
    applied(height) {
      for (const [key, e] of entries) if (e.height <= height) drop(key, e);
      pump();
    },
  };
}
