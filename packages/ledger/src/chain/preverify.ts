/**
 * Signature checks done ahead of execution: the txs of a block are scanned for the signatures the
 * executors will check over the standard sign bytes, a `SignatureBatchVerifier` checks them all at
 * once (on worker threads in the node), and the outcomes go into the ledger's signature cache, so
 * the executors' own checks become cache hits. Only an optimisation: a check not done here (or done
 * with another wrapper) is still done by the executor, and the outcome is the same either way.
 */
import { type ChainProfile, SignBytesWrapper, type Tx, TxType, txSignBytes } from "@theta/core-types";
import type { SignatureBatchVerifier, SignatureCheck, ThetaCrypto } from "@theta/crypto";
import { txSender } from "../mempool/txPriority.ts";
import { primeSignatureCache, signatureCacheKnows } from "./signatureCache.ts";

/** The (sign bytes, signature, address) triples the executors of `tx` check first. */
export function signatureChecksOf(chainId: string, tx: Tx): SignatureCheck[] {
  // Every input of a SendTx signs; other txs have one signer (`txSender`; none for the proposer's
  // own Coinbase and Slash). A ServicePaymentTx's source signs other bytes and is not listed.
  const sender = txSender(tx);
  const signers = tx.type === TxType.Send ? tx.inputs : sender === undefined ? [] : [sender];
  const withSignature = signers.filter((s) => s.signature.length > 0);
  if (withSignature.length === 0) return [];
  const message = txSignBytes(chainId, tx, SignBytesWrapper.V1);
  return withSignature.map((s) => ({ message, signature: s.signature, address: s.address }));
}

/**
 * Checks the signatures of `txs` the cache does not know yet with `verifier` and primes `crypto`'s
 * signature cache (a crypto from `withSignatureCache`). Returns how many checks were primed (0 when
 * `crypto` has no cache).
 */
export async function preverifySignatures(
  crypto: ThetaCrypto,
  verifier: SignatureBatchVerifier,
  profile: ChainProfile,
  txs: readonly Tx[],
): Promise<number> {
  // Only what the cache does not know yet (txs admitted through the mempool are already in it).
  const checks = txs
    .flatMap((tx) => signatureChecksOf(profile.chainId, tx))
    .filter((c) => !signatureCacheKnows(crypto, c.message, c.signature, c.address));
  if (checks.length === 0) return 0;
  const results = await verifier.verifyMany(checks);
  let primed = 0;
  for (const [i, c] of checks.entries()) {
    if (primeSignatureCache(crypto, c.message, c.signature, c.address, results[i] === true)) primed++;
  }
  return primed;
}
