/** Addresses (docs/ledger.md §1.3): derivation, EIP-55 display, CREATE and CREATE2 addresses. */
import { type Address, bytesToHex, concatBytes, encodeUint, rlpEncode } from "@theta/core-types";

type Keccak = (data: Uint8Array) => Uint8Array;

/** Last 20 bytes of keccak256(X ‖ Y) of a 65-byte uncompressed public key. */
export function publicKeyToAddress(publicKey: Uint8Array, keccak256: Keccak): Address {
  const xy = publicKey.length === 65 ? publicKey.subarray(1) : publicKey;
  return keccak256(xy).slice(12);
}

/** EIP-55 mixed-case hex, with the `0x` prefix. */
export function toChecksumAddress(address: Address, keccak256: Keccak): string {
  const lower = bytesToHex(address);
  const hash = bytesToHex(keccak256(new TextEncoder().encode(lower)));
  let out = "0x";
  for (let i = 0; i < lower.length; i++) {
    const ch = lower[i]!;
    out += Number.parseInt(hash[i]!, 16) >= 8 ? ch.toUpperCase() : ch;
  }
  return out;
}

/** True when `text` is all-lowercase, all-uppercase, or correctly EIP-55 checksummed. */
export function isValidChecksumAddress(
  text: string,
  keccak256: Keccak,
  parse: (t: string) => Address,
): boolean {
  const body = text.startsWith("0x") ? text.slice(2) : text;
  if (!/^[0-9a-fA-F]{40}$/.test(body)) return false;
  if (body === body.toLowerCase() || body === body.toUpperCase()) return true;
  return toChecksumAddress(parse(`0x${body}`), keccak256) === `0x${body}`;
}

/** CREATE: keccak256(RLP([sender, nonce]))[12:], nonce = the sender's sequence before the tx. */
export function contractAddress(sender: Address, nonce: bigint, keccak256: Keccak): Address {
  return keccak256(rlpEncode([sender, encodeUint(nonce)])).slice(12);
}

/** CREATE2: keccak256(0xff ‖ sender ‖ salt ‖ keccak256(initCode))[12:]. */
export function create2Address(
  sender: Address,
  salt: Uint8Array,
  initCode: Uint8Array,
  keccak256: Keccak,
): Address {
  return keccak256(concatBytes(Uint8Array.of(0xff), sender, salt, keccak256(initCode))).slice(12);
}
