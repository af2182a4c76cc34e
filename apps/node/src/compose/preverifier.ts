/** Signature checks of submitted txs on worker threads, batched per turn of the event loop. */
import type { ChainProfile, Tx } from "@theta/core-types";
import type { SignatureBatchVerifier, ThetaCrypto } from "@theta/crypto";
import { decodeTxMemo, preverifySignatures } from "@theta/ledger";

/**
 * Submitted txs' signatures checked on `verifier`'s threads, their outcomes put into `crypto`'s
 * signature cache (where admission then finds them). The txs submitted within one turn of the
 * event loop (a JSON-RPC batch, concurrent requests) go to the threads as one batch: a message
 * to a thread costs about as much as the check it carries.
 */
export function createPreverifier(
  verifier: SignatureBatchVerifier,
  crypto: ThetaCrypto,
  profile: ChainProfile,
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
    flushed ??= new Promise<void>((resolve) => setImmediate(resolve)).then(flush);
    return flushed;
  };
}
