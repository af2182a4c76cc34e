/**
 * The browser benchmark's workload, the same code in Chromium and in Node: secp256k1 signatures
 * per second (sign, verify) through @theta/crypto's noble backend, and a relay's `accept()` per
 * second of payments made by @theta/micropayment's payer. The clock comes in as an argument, so
 * the module stays free of host globals.
 */
import { type Address, hexToBytes } from "@theta/core-types";
import { createCrypto, nobleBackend } from "@theta/crypto";
import { createMemoryPaymentStore, createPayer, createRelay, type PoolInfo } from "@theta/micropayment";

export interface WorkloadRates {
  readonly signPerSecond: number;
  readonly verifyPerSecond: number;
  readonly acceptPerSecond: number;
  /** Work done, so a run that skipped its loop cannot pass for a fast one. */
  readonly signatures: number;
  readonly accepted: number;
}

const CHAIN = "privatenet";
const RELAY_KEY = hexToBytes("f3e4bfb656a98beac6931c86f48de62a7e469624d359f6b067b7f4a45a136446");

function keyOf(i: number): Uint8Array {
  const k = new Uint8Array(32);
  k[0] = 7;
  new DataView(k.buffer).setUint32(28, i + 1);
  return k;
}

function poolOf(source: Address): PoolInfo {
  return {
    source,
    reserveSequence: 1n,
    resourceIds: ["live"],
    initialFund: 10n ** 21n,
    usedFund: 0n,
    collateral: 10n ** 21n + 1n,
    endBlockHeight: 10_000n,
    transferRecords: [],
  };
}

/** Runs `count` signatures, verifications and accepted payments; `now()` is milliseconds. */
export async function runWorkload(count: number, now: () => number): Promise<WorkloadRates> {
  const crypto = createCrypto(nobleBackend);
  const payerKeys = Array.from({ length: count }, (_, i) => keyOf(i));
  const messages = payerKeys.map((k) => crypto.keccak256(k));

  let t0 = now();
  const signatures = messages.map((m, i) => crypto.sign(m, payerKeys[i]!));
  const signMs = now() - t0;

  const addresses = payerKeys.map((k) => crypto.privateKeyToAddress(k));
  t0 = now();
  let verified = 0;
  for (let i = 0; i < count; i++) if (crypto.verify(messages[i]!, signatures[i]!, addresses[i]!)) verified++;
  const verifyMs = now() - t0;
  if (verified !== count) throw new Error(`verify: ${count - verified} of ${count} signatures failed`);

  const relayAddress = crypto.privateKeyToAddress(RELAY_KEY);
  const pools = addresses.map(poolOf);
  const payments = payerKeys.map((k, i) =>
    createPayer(
      { signer: { address: addresses[i]!, sign: (m) => crypto.sign(m, k) }, chainId: CHAIN },
      pools[i]!,
    ).pay(relayAddress, "live", 1000n),
  );
  const relay = createRelay({
    signer: { address: relayAddress, sign: (m) => crypto.sign(m, RELAY_KEY) },
    verifier: { verify: (m, s, a) => crypto.verify(m, s, a) },
    chainId: CHAIN,
    store: createMemoryPaymentStore(),
  });
  t0 = now();
  let accepted = 0;
  for (let i = 0; i < count; i++) {
    const r = await relay.accept(payments[i]!, pools[i]!, 100n);
    if (!r.ok) throw new Error(`accept ${i}: ${r.message}`);
    accepted++;
  }
  const acceptMs = now() - t0;

  const perSecond = (ms: number) => (count * 1000) / Math.max(ms, 1e-3);
  return {
    signPerSecond: perSecond(signMs),
    verifyPerSecond: perSecond(verifyMs),
    acceptPerSecond: perSecond(acceptMs),
    signatures: signatures.length,
    accepted,
  };
}
