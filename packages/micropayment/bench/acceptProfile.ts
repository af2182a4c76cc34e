/** Profiles relay.accept alone on the native backend (node --cpu-prof). */
import { performance } from "node:perf_hooks";
import { hexToBytes, servicePaymentSourceSignBytes } from "@theta/core-types";
import { createCrypto } from "@theta/crypto";
import { nativeBackend } from "@theta/crypto/native";
import { createMemoryPaymentStore, createRelay, unsignedPayment } from "../src/index.ts";

const c = createCrypto(nativeBackend);
const relayKey = hexToBytes("f3e4bfb656a98beac6931c86f48de62a7e469624d359f6b067b7f4a45a136446");
const relayAddress = c.privateKeyToAddress(relayKey);
const n = 20_000;
const pools = [];
const payments = [];
for (let i = 0; i < n; i++) {
  const sk = new Uint8Array(32);
  sk[0] = 1;
  new DataView(sk.buffer).setUint32(28, i + 1);
  const source = c.privateKeyToAddress(sk);
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
    source: { ...tx.source, signature: c.sign(servicePaymentSourceSignBytes("privatenet", tx), sk) },
  });
}
const relay = createRelay({
  signer: { address: relayAddress, sign: (m) => c.sign(m, relayKey) },
  verifier: { verify: (m, s, a) => c.verify(m, s, a) },
  chainId: "privatenet",
  store: createMemoryPaymentStore(),
});
const t0 = performance.now();
for (let i = 0; i < n; i++) await relay.accept(payments[i]!, pools[i]!, 100n);
console.log(`${(n / ((performance.now() - t0) / 1000)).toFixed(0)} accepts/s`);
