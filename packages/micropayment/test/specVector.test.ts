import { keccak_256 } from "@noble/hashes/sha3.js";
import { bytesToHex, servicePaymentTargetSignBytes } from "@theta/core-types";
import { afterAll, describe, expect, it } from "vitest";
import { createMemoryPaymentStore, createPayer, createRelay } from "../src/index.ts";
import { KEY_A, KEY_B, pool, TFUEL, testSigner, testVerifier } from "./helpers.ts";

// docs/ledger.md §12.3 ServicePaymentTx: payer A pays B 80 TFuel from pool 3 (resource vid001),
// payment sequence 1; B settles with fee 0.3 TFuel and target sequence 1.
const SOURCE_SIG =
  "35b1eca0477d121634fbe56c86f1e350afc8f52eee73cb49b5c34224cca817c767cf2f951b4c2e4702475ec4dc204012ad6b2ae69910734fb44514a0692e6a0000";
const RAW =
  "05f8d9ca80880429d069189e0000f865942e833968e5bb786ae419c4d13189fb081cc43babcb808904563918244f40000080b84135b1eca0477d121634fbe56c86f1e350afc8f52eee73cb49b5c34224cca817c767cf2f951b4c2e4702475ec4dc204012ad6b2ae69910734fb44514a0692e6a0000f85c94511f5b5af946edca88217eb9404477a95cb5c3f4c2808001b8411c73d8b9cb5a4740f700cf005efd8ee882dc3509fc99174d9d796bcc21a5dd5413f69d45c20c66743dc8cc30bd53f0e2ef4c8584ce4b3f54f0ab243ce1828d0301010386766964303031";
const TXID = "a302027ec15c2f4fa87ac8bcf9304e88defb6af12cbbc91070e9d3c7bb5586da";
const HASH = "fef1ee3a27c5dad6f78b3759fd46ec81022fb0e8744b4b3ced8f61605d5f477f";

describe("payments built here reproduce docs/ledger.md §12.3 byte for byte", () => {
  let ran = 0;
  it("payer signature, relay settlement bytes, TxID and hash", async () => {
    const a = testSigner(KEY_A);
    const b = testSigner(KEY_B);
    const p = pool(a.address);
    const payer = createPayer({ signer: a, chainId: "privatenet" }, p);
    const payment = payer.pay(b.address, "vid001", 80n * TFUEL);
    expect(bytesToHex(payment.source.signature)).toBe(SOURCE_SIG);

    const relay = createRelay({
      signer: b,
      verifier: testVerifier,
      chainId: "privatenet",
      store: createMemoryPaymentStore(),
    });
    const accepted = await relay.accept(payment, p, 1500n);
    expect(accepted.ok).toBe(true);
    const settlement = await relay.settle(a.address, 3n, {
      fee: { thetaWei: 0n, tfuelWei: 3n * 10n ** 17n },
      targetSequence: 1n,
    });
    expect(bytesToHex(settlement.raw)).toBe(RAW);
    expect(bytesToHex(keccak_256(settlement.raw))).toBe(HASH);
    expect(bytesToHex(keccak_256(servicePaymentTargetSignBytes("privatenet", settlement.tx)))).toBe(TXID);
    ran++;
  });
  afterAll(() => expect(ran).toBe(1));
});
