import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from "@theta/core-types";
import { blsPopProve, blsPublicKey, blsSecretKeyFromPrivateKey, defaultCrypto } from "@theta/crypto";
import { describe, expect, it } from "vitest";
import { parseHolderSummary } from "../src/cmds/holderSummary.ts";

const { keccak256 } = defaultCrypto;
// A well-known privatenet test key (docs/interfaces.md §5.2), as the node that prints the summary.
const sk = hexToBytes("93a90ea508331dfdf27fb79757d4250b4e84954927ba0073cd67454ac432c737");
const holder = defaultCrypto.privateKeyToAddress(sk);
const bls = blsSecretKeyFromPrivateKey(sk);
const pubkey = blsPublicKey(bls).bytes;
const pop = blsPopProve(bls).bytes;
const holderSig = defaultCrypto.sign(pop, sk);
const guardian = concatBytes(holder, pubkey, pop, holderSig);
const checksum = keccak256(utf8ToBytes(`0x${bytesToHex(guardian)}`));
const een = concatBytes(guardian, checksum);

describe("tx deposit --holder", () => {
  it("purpose 0 takes an address", () => {
    expect(parseHolderSummary(`0x${bytesToHex(holder)}`, 0, keccak256).holder).toEqual(holder);
  });

  it("purpose 1 splits a 229-byte guardian summary into holder, BLS key, PoP and signature", () => {
    const s = parseHolderSummary(bytesToHex(guardian), 1, keccak256);
    expect(s).toEqual({ holder, blsPubkey: pubkey, blsPop: pop, holderSig });
    expect(defaultCrypto.recoverAddress(s.blsPop!, s.holderSig!)).toEqual(holder);
  });

  it("purpose 2 checks the 261-byte summary's checksum and yields the same fields", () => {
    const s = parseHolderSummary(`0x${bytesToHex(een)}`, 2, keccak256);
    expect(s).toEqual({ holder, blsPubkey: pubkey, blsPop: pop, holderSig });
  });

  it("purpose 2 refuses a damaged summary and names the checksum", () => {
    const damaged = een.slice();
    damaged[30] = (damaged[30]! + 1) & 0xff;
    expect(() => parseHolderSummary(bytesToHex(damaged), 2, keccak256)).toThrow(/checksum/);
  });

  it("a summary of the wrong length names the expected size", () => {
    expect(() => parseHolderSummary(bytesToHex(guardian), 2, keccak256)).toThrow(
      /261 bytes \(522 hex digits\)/,
    );
    expect(() => parseHolderSummary(bytesToHex(een), 1, keccak256)).toThrow(/229 bytes \(458 hex digits\)/);
  });
});
