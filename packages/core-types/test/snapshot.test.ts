import { createReadStream, existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { afterAll, describe, expect, it } from "vitest";
import {
  bytesToHex,
  decodeAccount,
  encodeHeader,
  MAINNET_HEADER_FORKS,
  openSnapshot,
  type SnapshotStateEntry,
} from "../src/index.ts";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const SNAPSHOT = resolve(repoRoot, "../shared/conformance/theta-privatenet/node/snapshot");

let vectors = 0;
afterAll(() => {
  console.log(`docs/interfaces.md §5.1 privatenet snapshot vectors: ${vectors}`);
  expect(vectors).toBe(4);
});

describe("privatenet genesis snapshot (the acceptance vector)", () => {
  it("exists beside the repository", () => {
    expect(existsSync(SNAPSHOT)).toBe(true);
  });

  it("streams: genesis header hash, state hash, 25,958 records", async () => {
    const snap = await openSnapshot(createReadStream(SNAPSHOT, { highWaterMark: 64 * 1024 }), {
      forks: MAINNET_HEADER_FORKS,
    });
    expect(snap.version).toBe(1n);
    expect(snap.header).toBeUndefined();
    expect(snap.metadata.proofTrios).toEqual([]);
    const genesis = snap.metadata.tailTrio.second.header;
    expect(genesis.chainId).toBe("privatenet");
    expect(genesis.height).toBe(0n);
    expect(genesis.timestamp).toBe(1549056897n);
    expect(`0x${bytesToHex(keccak_256(encodeHeader(genesis, MAINNET_HEADER_FORKS)))}`).toBe(
      "0x45c579eb4d435ffcd37f0f76beaa772072cea146c4ecec2e52066904b80f4e0a",
    );
    vectors++;
    expect(`0x${bytesToHex(genesis.stateHash)}`).toBe(
      "0x1ac082033355eb1071e0a48c18db3e6a08ac8dd7f0744dcb1416069449272a81",
    );
    vectors++;

    const kinds = { svStart: 0, svEnd: 0, record: 0, trieNode: 0 };
    let last: SnapshotStateEntry | undefined;
    let validator: Uint8Array | undefined;
    for await (const e of snap.entries) {
      kinds[e.kind]++;
      last = e;
      if (
        e.kind === "record" &&
        bytesToHex(e.key) ===
          `${bytesToHex(new TextEncoder().encode("ls/a/"))}2e833968e5bb786ae419c4d13189fb081cc43bab`
      ) {
        validator = e.value;
      }
    }
    expect(kinds).toEqual({ svStart: 1, svEnd: 1, record: 25_955, trieNode: 0 });
    expect(1 + kinds.svStart + kinds.svEnd + kinds.record).toBe(25_958);
    expect(last?.index).toBe(25_957);
    vectors++;
    const account = decodeAccount(validator!);
    expect(account.balance.thetaWei).toBe(12_500_000n * 10n ** 18n);
    expect(account.balance.tfuelWei).toBe(312_500_000n * 10n ** 18n);
    vectors++;
  });
});
