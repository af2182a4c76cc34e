import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bytesToHex, encodeHeader, isThetaError, parseAddress, privatenet } from "@theta/core-types";
import { defaultCrypto } from "@theta/crypto";
import { importSnapshot } from "@theta/ledger";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  GenesisErrorCode,
  parseGenesisDescription,
  parseGenesisText,
} from "../../src/genesis/description.ts";
import { createRecordingTrieDatabase } from "../../src/genesis/recordingTrieDatabase.ts";
import { writeGenesisSnapshot } from "../../src/genesis/writeGenesis.ts";
import { runTheta } from "../cli/runTheta.ts";

const forks = privatenet.headerForks;
const A = "0x2E833968E5bB786Ae419c4d13189fB081Cc43bab";
const B = "0x9F1233798E905E173560071255140b4A8aBd3Ec6";
// A 48-byte value in the shape of a compressed G1 key; the state stores it as given.
const BLS = `0x${"a1".repeat(48)}`;

async function writeToMemory(desc: unknown) {
  const parts: Uint8Array[] = [];
  const written = await writeGenesisSnapshot(
    { crypto: defaultCrypto, sink: { write: (b) => void parts.push(b) } },
    parseGenesisDescription(desc),
    { forks },
  );
  return { parts, written };
}

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "theta-genesis-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe("genesis snapshot from a description", () => {
  it("reads back through the ledger's importer to the same root, header and balances", async () => {
    const { parts, written } = await writeToMemory({
      chainId: "testchain",
      timestamp: 1_700_000_000,
      balances: [
        { address: A, thetaWei: "12500000000000000000000000", tfuelWei: "312500000000000000000000000" },
        { address: B, thetaWei: 7, tfuelWei: "0" },
      ],
      validatorStakes: [{ source: A, holder: A, thetaWei: "50000000000000000000000000" }],
      guardianStakes: [{ source: B, holder: B, thetaWei: "1000000000000000000000", blsPubkey: BLS }],
    });
    const imported = await importSnapshot({ db: createRecordingTrieDatabase() }, parts, { forks });
    expect(bytesToHex(await imported.state.root())).toBe(bytesToHex(written.stateRoot));
    expect(imported.header).toEqual(written.header);
    expect(imported.header.chainId).toBe("testchain");
    expect(imported.header.timestamp).toBe(1_700_000_000n);
    expect(imported.records).toBe(written.records);
    expect(bytesToHex(written.blockHash)).toBe(
      bytesToHex(defaultCrypto.keccak256(encodeHeader(imported.header, forks))),
    );
    const a = await imported.state.getAccount(parseAddress(A));
    expect(a?.balance.thetaWei).toBe(12_500_000n * 10n ** 18n);
    const vcp = await imported.state.getVcp();
    expect(vcp.sortedCandidates.map((c) => bytesToHex(c.holder))).toEqual([A.slice(2).toLowerCase()]);
    const gcp = await imported.state.getGcp();
    expect(gcp?.sortedGuardians.map((g) => [bytesToHex(g.holder), bytesToHex(g.blsPubkey)])).toEqual([
      [B.slice(2).toLowerCase(), BLS.slice(2)],
    ]);
  });

  it("round-trips random descriptions (root and every balance)", async () => {
    const addr = fc.uint8Array({ minLength: 20, maxLength: 20 }).map((b) => `0x${bytesToHex(b)}`);
    const wei = fc.bigInt({ min: 0n, max: 2n ** 100n }).map(String);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ address: addr, thetaWei: wei, tfuelWei: wei }), { maxLength: 6 }),
        fc.array(fc.record({ source: addr, holder: addr, thetaWei: wei }), { maxLength: 3 }),
        async (balances, validatorStakes) => {
          const { parts, written } = await writeToMemory({ chainId: "p", balances, validatorStakes });
          const imported = await importSnapshot({ db: createRecordingTrieDatabase() }, parts, { forks });
          expect(bytesToHex(await imported.state.root())).toBe(bytesToHex(written.stateRoot));
          for (const b of balances) {
            const sum = balances
              .filter((x) => x.address === b.address)
              .reduce((s, x) => s + BigInt(x.thetaWei), 0n);
            expect((await imported.state.getAccount(parseAddress(b.address)))?.balance.thetaWei).toBe(sum);
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it("names the field of a bad amount, address or key", () => {
    const bad = (desc: unknown, field: RegExp) => {
      let caught: unknown;
      try {
        parseGenesisDescription(desc);
      } catch (e) {
        caught = e;
      }
      expect(isThetaError(caught, GenesisErrorCode.BadDescription)).toBe(true);
      expect((caught as Error).message).toMatch(field);
    };
    bad({ chainId: "x", balances: [{ address: A, thetaWei: "-1", tfuelWei: "0" }] }, /balances\.0\.thetaWei/);
    bad(
      { chainId: "x", balances: [{ address: "0x12", thetaWei: "1", tfuelWei: "0" }] },
      /balances\.0\.address/,
    );
    bad({ chainId: "x", extra: 1 }, /extra/);
    bad({ balances: [] }, /chainId/);
    bad(
      { chainId: "x", guardianStakes: [{ source: A, holder: A, thetaWei: "1", blsPubkey: "0x00" }] },
      /blsPubkey/,
    );
  });

  it("parses any text to a description or a ThetaError, nothing else", () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom("d.json", "d.yaml"), (text, name) => {
        try {
          parseGenesisText(text, name);
        } catch (e) {
          expect(isThetaError(e)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("theta genesis", () => {
  it("writes the snapshot file and prints its genesis hash", async () => {
    const desc = join(tmp, "genesis.yaml");
    const out = join(tmp, "snapshot");
    await writeFile(
      desc,
      `chainId: yamlnet\nbalances:\n  - address: "${A}"\n    thetaWei: "100"\n    tfuelWei: "500"\n`,
    );
    const r = await runTheta(["genesis", `--description=${desc}`, `--out=${out}`]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const imported = await importSnapshot({ db: createRecordingTrieDatabase() }, [await readFile(out)], {
      forks,
    });
    const hash = bytesToHex(defaultCrypto.keccak256(encodeHeader(imported.header, forks)));
    expect(r.stdout).toContain(`genesis block hash 0x${hash}`);
    expect(imported.header.chainId).toBe("yamlnet");
  }, 30_000);

  it("fails with the code and no file on a bad description", async () => {
    const desc = join(tmp, "bad.json");
    const out = join(tmp, "never");
    await writeFile(desc, JSON.stringify({ chainId: "x", balances: [{ address: A }] }));
    const r = await runTheta(["genesis", `--description=${desc}`, `--out=${out}`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`[${GenesisErrorCode.BadDescription}]`);
    await expect(readFile(out)).rejects.toThrow();
  }, 30_000);
});
