/** Signature checks of submitted txs on the host's verifier (worker threads), batched per turn of its event loop. */
import type { ChainProfile, Tx } from "@theta/core-types";
import type { SignatureBatchVerifier, ThetaCrypto } from "@theta/crypto";
import { decodeTxMemo, preverifySignatures } from "@theta/ledger";
import type { YieldToEventLoop } from "./ports.ts";

/**
 * Submitted txs' signatures checked on `verifier`'s threads, their outcomes put into `crypto`'s
 * signature cache (where admission then finds them). The txs submitted within one turn of the
 * event loop (a JSON-RPC batch, concurrent requests) go to the threads as one batch: a message
 * to a thread costs about as much as the check it carries. The batch closes when `nextTurn`
 * resolves (the node passes a `setImmediate`-based one).
 */
export function createPreverifier(
  verifier: SignatureBatchVerifier,
  crypto: ThetaCrypto,
  profile: ChainProfile,
  nextTurn: YieldToEventLoop,
): (raw: Uint8Array) => Promise<void> {
  let queue: Tx[] = [];
  let flushed: Promise<void> | undefined;
  const flush = async (): Promise<void> => {
    const txs = queue;
    queue = [];
    flushed = undefined;
    await preverifySignatures(crypto, verifier, profile, txs);
  };
  return (raw) => {
    let tx: Tx;
    try {
      tx = decodeTxMemo(raw); // the decoding admission then reuses
    } catch {
      return Promise.resolve(); // admission reports it
    }
    queue.push(tx);
    flushed ??= nextTurn().then(flush);
    return flushed;
  };
}
