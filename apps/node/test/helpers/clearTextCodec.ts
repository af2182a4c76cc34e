import { bytesToHex, hexToBytes, ThetaError } from "@theta/core-types";
import type { NodeKeyCodec } from "../../src/keys/nodeKeyCodec.ts";

/**
 * A stand-in codec for flow tests: it stores the key and password in clear. The real codec is
 * @theta/crypto's encrypted keystore; tests using this one cover what the node owns (files,
 * modes, prompts, stdin, composition), not cryptography.
 */
export function clearTextCodec(): NodeKeyCodec {
  let next = 1;
  return {
    generate: async () => {
      const privateKey = new Uint8Array(32).fill(next);
      const address = `A${String(next++).padStart(39, "0")}`;
      return { privateKey, address };
    },
    encrypt: async (key, password) =>
      JSON.stringify({ address: key.address, key: bytesToHex(key.privateKey), password }),
    decrypt: async (text, password) => {
      const f = JSON.parse(text) as { address: string; key: string; password: string };
      if (f.password !== password) {
        throw new ThetaError("TEST_BAD_PASSWORD", "could not decrypt key with given password");
      }
      return { address: f.address, privateKey: hexToBytes(f.key) };
    },
  };
}
