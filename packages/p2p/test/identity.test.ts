import { hexToBytes, isThetaError } from "@theta/core-types";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { P2pErrorCode } from "../src/errors.ts";
import { ed25519SeedFromNodeKey, peerIdOfIdentity, referenceEd25519Seed } from "../src/identity.ts";

const KEY_7_2 = hexToBytes("93a90ea508331dfdf27fb79757d4250b4e84954927ba0073cd67454ac432c737");
const PUBKEY_7_2 = hexToBytes(
  "048e8d53fd435265ad074597cc3e202f8e935cfb57925bb51316252027cb08767fb8099226414732543c4b5cbaa64b4ee8f173ba559258a0b5f633a0d11509e78b",
);

describe("host identity (docs/decisions.md §9)", () => {
  it("derives a stable Ed25519 peer id from the node key", async () => {
    const a = await peerIdOfIdentity({ nodeKey: KEY_7_2 });
    expect(a).toMatch(/^12D3KooW/);
    expect(await peerIdOfIdentity({ nodeKey: KEY_7_2 })).toBe(a);
  });

  it("does not give the reference's public-key-derived id", async () => {
    const ours = await peerIdOfIdentity({ nodeKey: KEY_7_2 });
    const reference = await peerIdOfIdentity({ ed25519Seed: referenceEd25519Seed(PUBKEY_7_2) });
    expect(ours).not.toBe(reference);
  });

  it("gives different seeds for different node keys", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        (a, b) => {
          const same = a.every((x, i) => x === b[i]);
          const sa = ed25519SeedFromNodeKey(a);
          expect(sa.length).toBe(32);
          expect(sa.every((x, i) => x === ed25519SeedFromNodeKey(b)[i])).toBe(same);
        },
      ),
      { numRuns: 50 },
    );
  });

  it("rejects keys and seeds of the wrong length", async () => {
    for (const identity of [{ nodeKey: new Uint8Array(31) }, { ed25519Seed: new Uint8Array(33) }]) {
      await expect(peerIdOfIdentity(identity)).rejects.toSatisfy((e) =>
        isThetaError(e, P2pErrorCode.BadIdentity),
      );
    }
    expect(() => referenceEd25519Seed(new Uint8Array(64))).toThrow(/65 bytes/);
  });
});
