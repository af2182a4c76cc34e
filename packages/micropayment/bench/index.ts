/**
 * accept() throughput for one relay with many payers (target ≥ 10,000 payments/s with the
 * native backend), the noble backend as the baseline in the same run; and memory per open pool with
 * 100,000 open pools (target ≤ 2 KB).
 */
import { performance } from "node:perf_hooks";
import {
  encodeTx,
  hexToBytes,
  type ServicePaymentTx,
  servicePaymentSourceSignBytes,
} from "@theta/core-types";
import { type CryptoBackend, createCrypto, nobleBackend } from "@theta/crypto";
import { nativeBackend } from "@theta/crypto-native";
import { createMemoryPaymentStore, createRelay, type PoolInfo, unsignedPayment } from "../src/index.ts";

const native = createCrypto(nativeBackend);
const relayKey = hexToBytes("f3e4bfb656a98beac6931c86f48de62a7e469624d359f6b067b7f4a45a136446");
const relayAddress = native.privateKeyToAddress(relayKey);
const CHAIN = "privatenet";

function payerKey(i: number): Uint8Array {
  const k = new Uint8Array(32);
  k[0] = 1;
  new DataView(k.buffer).setUint32(28, i + 1);
  return k;
}

function workload(payers: number): { pools: PoolInfo[]; payments: ServicePaymentTx[] } {
  const pools: PoolInfo[] = [];
  const payments: ServicePaymentTx[] = [];
  for (let i = 0; i < payers; i++) {
    const sk = payerKey(i);
    const source = native.privateKeyToAddress(sk);
    pools.push({
      source,
      reserveSequence: 1n,
      resourceIds: ["live"],
      initialFund: 10n ** 21n,
      usedFund: 0n,
      collateral: 10n ** 21n + 1n,
      endBlockHeight: 10_000n,
      transferRecords: [],
    });
    const tx = unsignedPayment(source, relayAddress, 1000n, 1n, 1n, "live");
    payments.push({
      ...tx,
      source: { ...tx.source, signature: native.sign(servicePaymentSourceSignBytes(CHAIN, tx), sk) },
    });
  }
  return { pools, payments };
}

async function acceptRate(
  backend: CryptoBackend,
  pools: PoolInfo[],
  payments: ServicePaymentTx[],
): Promise<number> {
  const c = createCrypto(backend);
  const relay = createRelay({
    signer: { address: relayAddress, sign: (m) => c.sign(m, relayKey) },
    verifier: { verify: (m, s, a) => c.verify(m, s, a) },
    chainId: CHAIN,
    store: createMemoryPaymentStore(),
  });
  const t0 = performance.now();
  for (let i = 0; i < payments.length; i++) {
    const r = await relay.accept(payments[i]!, pools[i]!, 100n);
    if (!r.ok) throw new Error(r.message);
  }
  return payments.length / ((performance.now() - t0) / 1000);
}

const { pools, payments } = workload(5000);
const nobleRate = await acceptRate(nobleBackend, pools, payments);
const nativeRate = await acceptRate(nativeBackend, pools, payments);
console.log("accept() throughput, 5,000 payers, one relay (baseline: noble backend)");
console.log(`  noble   ${nobleRate.toFixed(0).padStart(8)} payments/s  1.00x`);
console.log(
  `  native  ${nativeRate.toFixed(0).padStart(8)} payments/s  ${(nativeRate / nobleRate).toFixed(2)}x  (target ≥ 10,000/s)`,
);

// Memory per open pool: a relay holding the latest payment of 100,000 pools.
const big = workload(100_000);
const raws = big.payments.map(encodeTx);
big.payments.length = 0;
const settle = () => {
  for (let i = 0; i < 4; i++) globalThis.gc?.();
  return process.memoryUsage().heapUsed;
};
const before = settle();
const relay = createRelay({
  signer: { address: relayAddress, sign: (m) => native.sign(m, relayKey) },
  verifier: { verify: () => true },
  chainId: CHAIN,
  store: createMemoryPaymentStore(),
});
for (let i = 0; i < raws.length; i++) await relay.accept(raws[i]!, big.pools[i]!, 100n);
const after = settle();
const held = (await relay.latest(big.pools[0]!.source, 1n)) !== undefined;
const perPool = (after - before) / raws.length;
if (!held) throw new Error("relay lost a payment");
console.log(
  `memory per open pool at 100,000 pools (raw payment, numbers, slot key, map entry): ${perPool.toFixed(0)} bytes (target ≤ 2,048)`,
);
