/** Test doubles for the signing ports, on noble directly (independent of @theta/crypto). */
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { type Address, equalBytes, hexToBytes, type ServicePaymentTx } from "@theta/core-types";
import type { PaymentSigner, PoolInfo, SignatureVerifier } from "../src/index.ts";

export function addressOf(privateKey: Uint8Array): Address {
  const pub = secp256k1.getPublicKey(privateKey, false);
  return keccak_256(pub.subarray(1)).subarray(12);
}

export function testSigner(privateKeyHex: string): PaymentSigner {
  const sk = hexToBytes(privateKeyHex);
  return {
    address: addressOf(sk),
    sign(signBytes) {
      const rec = secp256k1.sign(keccak_256(signBytes), sk, { prehash: false, format: "recovered" });
      const out = new Uint8Array(65);
      out.set(rec.subarray(1), 0);
      out[64] = rec[0]!;
      return out;
    },
  };
}

export const testVerifier: SignatureVerifier = {
  verify(signBytes, signature, address) {
    if (signature.length !== 65 || signature[64]! > 3) return false;
    const rec = new Uint8Array(65);
    rec[0] = signature[64]!;
    rec.set(signature.subarray(0, 64), 1);
    try {
      const pub = secp256k1.recoverPublicKey(rec, keccak_256(signBytes), { prehash: false });
      const full = secp256k1.Point.fromBytes(pub).toBytes(false);
      return equalBytes(keccak_256(full.subarray(1)).subarray(12), address);
    } catch {
      return false;
    }
  },
};

export const KEY_A = "93a90ea508331dfdf27fb79757d4250b4e84954927ba0073cd67454ac432c737"; // 2E83…3bab
export const KEY_B = "f3e4bfb656a98beac6931c86f48de62a7e469624d359f6b067b7f4a45a136446"; // 511f…C3F4
export const KEY_C = "8bd65c4780c5f0b45930852e319cdbb0c44f1600f9a9e7f10778125cc14f02f3"; // 70f5…42a0
export const KEY_D = "a11d7a953e8feadd1273ab62062e88c0ab65cb8f2485084476466d736c0bb9cb"; // a5cd…b747

export const TFUEL = 10n ** 18n;

export function pool(source: Address, over: Partial<PoolInfo> = {}): PoolInfo {
  return {
    source,
    reserveSequence: 3n,
    resourceIds: ["vid001"],
    initialFund: 1000n * TFUEL,
    usedFund: 0n,
    collateral: 1001n * TFUEL,
    endBlockHeight: 2000n,
    transferRecords: [],
    ...over,
  };
}

export function settledRecord(p: ServicePaymentTx): ServicePaymentTx {
  return p;
}
