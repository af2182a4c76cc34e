import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bytesToHex, hexToBytes, isThetaError } from "@theta/core-types";
import { blsPopProve, blsPublicKey, blsSecretKeyFromPrivateKey } from "@theta/crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GenesisErrorCode, type GenesisFile } from "../../src/genesis/description.ts";
import { checkGuardianPops } from "../../src/genesis/guardianPop.ts";
import { PRIVATENET_TEST_KEYS } from "../../src/genesis/privatenet.ts";
import { runTheta } from "../cli/runTheta.ts";

const [k1, k2] = PRIVATENET_TEST_KEYS;
const hex = (b: Uint8Array) => `0x${bytesToHex(b)}`;
/** A guardian stake of key `k` with the BLS key and PoP derived from it independently of the code under test. */
function guardian(k: { address: string; privateKey: string }) {
  const sk = blsSecretKeyFromPrivateKey(hexToBytes(k.privateKey));
  return {
    source: `0x${k.address}`,
    holder: `0x${k.address}`,
    thetaWei: "1000000000000000000000",
    blsPubkey: hex(blsPublicKey(sk).bytes),
    blsPop: hex(blsPopProve(sk).bytes),
  };
}
const file = (guardianStakes: GenesisFile["guardianStakes"]): GenesisFile => ({
  chainId: "poptest",
  timestamp: 0n,
  balances: [],
  validatorStakes: [],
  guardianStakes,
});
/** Flips one bit of the PoP's last byte. */
const corrupt = (pop: string) =>
  `${pop.slice(0, -2)}${(Number.parseInt(pop.slice(-2), 16) ^ 1).toString(16).padStart(2, "0")}`;

function refusal(f: GenesisFile): Error {
  try {
    checkGuardianPops(f);
  } catch (e) {
    expect(isThetaError(e, GenesisErrorCode.BadGuardianPop)).toBe(true);
    return e as Error;
  }
  throw new Error("expected a refusal");
}

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "theta-genesis-pop-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe("the guardian proof-of-possession check of theta genesis", () => {
  it("accepts guardians whose PoPs verify", () => {
    expect(() => checkGuardianPops(file([guardian(k1!), guardian(k2!)]))).not.toThrow();
  });

  it("refuses a corrupted PoP, a PoP of another key, a missing PoP and a bad key, naming the guardian and field", () => {
    const g1 = guardian(k1!);
    const g2 = guardian(k2!);
    expect(refusal(file([g1, { ...g2, blsPop: corrupt(g2.blsPop) }])).message).toBe(
      `guardianStakes[1].blsPop: guardian ${g2.holder} has a proof of possession that does not verify against its blsPubkey`,
    );
    expect(refusal(file([{ ...g1, blsPop: g2.blsPop }])).message).toMatch(
      new RegExp(`^guardianStakes\\[0\\]\\.blsPop: guardian ${g1.holder} `),
    );
    const { blsPop: _dropped, ...noPop } = g1;
    expect(refusal(file([noPop])).message).toMatch(
      /^guardianStakes\[0\]\.blsPop: .* has no proof of possession/,
    );
    expect(refusal(file([{ ...g1, blsPubkey: `0x${"a1".repeat(48)}` }])).message).toMatch(
      /^guardianStakes\[0\]\.blsPubkey: /,
    );
  });

  it("`theta genesis` exits 1 with a one-line error and writes no file", async () => {
    const g = guardian(k1!);
    const desc = join(tmp, "bad-pop.json");
    const out = join(tmp, "never");
    await writeFile(
      desc,
      JSON.stringify({ chainId: "poptest", guardianStakes: [{ ...g, blsPop: corrupt(g.blsPop) }] }),
    );
    const r = await runTheta(["genesis", `--description=${desc}`, `--out=${out}`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `Error: guardianStakes[0].blsPop: guardian ${g.holder} has a proof of possession that does not verify against its blsPubkey [${GenesisErrorCode.BadGuardianPop}]\n`,
    );
    await expect(readFile(out)).rejects.toThrow();
  }, 60_000);
});
