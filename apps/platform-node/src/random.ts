import { randomBytes } from "node:crypto";
import type { RandomSource } from "@theta/crypto";

/** Operating-system randomness (node:crypto) as the keystore's RandomSource. */
export const nodeRandom: RandomSource = {
  randomBytes: (length) => new Uint8Array(randomBytes(length)),
};
