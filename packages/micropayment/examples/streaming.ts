/**
 * One viewer streams a live video from three relays and pays each per chunk, off-chain, from one
 * reserved fund. Relay 2 restarts mid-stream (its file store keeps what it accepted), the viewer's
 * client refuses to overspend, a dishonest copy of the viewer then promises the same money twice
 * and is caught, and the relays settle.
 *
 * Run: npm run example -w @theta/micropayment   (or: node --conditions=@theta/source --import tsx examples/streaming.ts)
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  bytesToHex,
  hexToBytes,
  type ServicePaymentTx,
  servicePaymentSourceSignBytes,
} from "@theta/core-types";
import { createCrypto } from "@theta/crypto";
import {
  createPayer,
  createRelay,
  detectOverspend,
  type PaymentSigner,
  type PoolInfo,
  type Relay,
  type SignatureVerifier,
  unsignedPayment,
} from "../src/index.ts";
import { createFilePaymentStore } from "./fileStore.ts";

const crypto = createCrypto();
const TFUEL = 10n ** 18n;
const fmt = (wei: bigint) => `${Number(wei) / 1e18} TFUEL`;
const signer = (hex: string): PaymentSigner => {
  const sk = hexToBytes(hex);
  return { address: crypto.privateKeyToAddress(sk), sign: (m) => crypto.sign(m, sk) };
};
const verifier: SignatureVerifier = { verify: (m, s, a) => crypto.verify(m, s, a) };
const short = (a: Uint8Array) => `${crypto.toChecksumAddress(a).slice(0, 10)}…`;

const viewer = signer("93a90ea508331dfdf27fb79757d4250b4e84954927ba0073cd67454ac432c737");
const relayKeys = [
  signer("f3e4bfb656a98beac6931c86f48de62a7e469624d359f6b067b7f4a45a136446"),
  signer("8bd65c4780c5f0b45930852e319cdbb0c44f1600f9a9e7f10778125cc14f02f3"),
  signer("a11d7a953e8feadd1273ab62062e88c0ab65cb8f2485084476466d736c0bb9cb"),
];
const chainId = "privatenet";
const dir = mkdtempSync(join(tmpdir(), "theta-mp-example-"));

// The pool as the chain shows it after the viewer's ReserveFundTx (what a relay reads via theta.GetAccount).
const pool: PoolInfo = {
  source: viewer.address,
  reserveSequence: 4n,
  resourceIds: ["live/stream-42"],
  initialFund: 100n * TFUEL,
  usedFund: 0n,
  collateral: 101n * TFUEL,
  endBlockHeight: 1500n,
  transferRecords: [],
};
const height = 1000n;

const makeRelay = (i: number): Relay =>
  createRelay({
    signer: relayKeys[i]!,
    verifier,
    chainId,
    store: createFilePaymentStore(join(dir, `relay${i}.json`)),
  });
const relays = [makeRelay(0), makeRelay(1), makeRelay(2)];
const payer = createPayer({ signer: viewer, chainId }, pool);

console.log(
  `viewer ${short(viewer.address)} reserved ${fmt(pool.initialFund)} (collateral ${fmt(pool.collateral)}) for live/stream-42`,
);
const chunkPrice = 2n * TFUEL;
for (let chunk = 1; chunk <= 6; chunk++) {
  for (let r = 0; r < 3; r++) {
    if (chunk === 4 && r === 1) {
      console.log(
        `  relay 2 restarts (process killed); it reloads its accepted payments from ${join(dir, "relay1.json")}`,
      );
      relays[1] = makeRelay(1);
      await relays[1].restore();
      console.log(
        `  relay 2 still holds ${fmt(relays[1].latest(viewer.address, 4n)!.source.coins.tfuelWei)} from the viewer`,
      );
    }
    const payment = payer.pay(relayKeys[r]!.address, "live/stream-42", chunkPrice);
    const result = await relays[r]!.accept(payment, pool, height);
    if (!result.ok) throw new Error(result.message);
  }
  console.log(
    `chunk ${chunk}: each relay now holds a payment of ${fmt(BigInt(chunk) * chunkPrice)}; the viewer can still promise ${fmt(payer.available())}`,
  );
}

try {
  payer.pay(relayKeys[0]!.address, "live/stream-42", 90n * TFUEL);
} catch (e) {
  console.log(`the viewer's client refuses to overspend: ${(e as Error).message}`);
}

// A dishonest viewer bypasses the client and promises 60 TFUEL to relay 1 and 60 to relay 3.
const rogue = (target: PaymentSigner, amount: bigint): ServicePaymentTx => {
  const tx = unsignedPayment(viewer.address, target.address, amount, 1n, 4n, "live/stream-42");
  return {
    ...tx,
    source: { ...tx.source, signature: viewer.sign(servicePaymentSourceSignBytes(chainId, tx)) },
  };
};
const shared: ServicePaymentTx[] = [];
for (const [i, amount] of [
  [0, 60n * TFUEL],
  [2, 60n * TFUEL],
] as const) {
  const res = await relays[i]!.accept(rogue(relayKeys[i]!, amount), pool, height);
  console.log(
    `relay ${i + 1} ${res.ok ? "accepts" : "rejects"} a rogue payment of ${fmt(amount)} (each is within the pool on its own)`,
  );
  if (res.ok) shared.push(res.payment);
}
shared.push(relays[1]!.latest(viewer.address, 4n)!);
const verdict = detectOverspend(pool, shared, chainId, verifier);
if (verdict.overspent) {
  console.log(
    `relays share what they hold: the viewer promised ${fmt(verdict.promised)} against a fund of ${fmt(pool.initialFund)}: OVERSPEND`,
  );
  console.log(
    `  overspending proof for SlashTx (${verdict.proof.length} bytes): 0x${bytesToHex(verdict.proof).slice(0, 48)}…`,
  );
  console.log(
    "  on a slashing chain the next proposer includes it and takes the collateral plus the remaining fund",
  );
}

for (let r = 0; r < 3; r++) {
  const s = await relays[r]!.settle(viewer.address, 4n, { fee: { thetaWei: 0n, tfuelWei: 3n * 10n ** 17n } });
  console.log(
    `relay ${r + 1} settles ${fmt(s.tx.source.coins.tfuelWei)}: raw tx ${s.raw.length} bytes, hash 0x${bytesToHex(crypto.txHash(s.raw)).slice(0, 16)}… (ready for theta.BroadcastRawTransaction)`,
  );
}
rmSync(dir, { recursive: true, force: true });
