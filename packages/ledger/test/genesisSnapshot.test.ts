import { createReadStream, existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { bytesToHex, isThetaError, MAINNET_HEADER_FORKS, parseAddress } from "@theta/core-types";
import { describe, expect, it } from "vitest";
import { StateErrorCode } from "../src/state/errors.ts";
import { importSnapshot } from "../src/state/genesisSnapshot.ts";
import { createMemoryTrieDatabase } from "./helpers/memoryTrie.ts";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const SNAPSHOT = resolve(REPO, "../shared/conformance/theta-privatenet/node/snapshot");
const ROOT = "1ac082033355eb1071e0a48c18db3e6a08ac8dd7f0744dcb1416069449272a81";
const E18 = 10n ** 18n;

describe.skipIf(!existsSync(SNAPSHOT))("privatenet genesis snapshot (docs/interfaces.md §5.1)", () => {
  it("reproduces the genesis state root, the VCP and the balances", async () => {
    const db = await createMemoryTrieDatabase();
    const { state, header, records } = await importSnapshot({ db }, createReadStream(SNAPSHOT), {
      forks: MAINNET_HEADER_FORKS,
    });
    expect(records).toBe(25_955);
    expect(header.chainId).toBe("privatenet");
    expect(bytesToHex(await state.root())).toBe(ROOT);

    const vcp = await state.getVcp();
    expect(vcp.sortedCandidates.length).toBe(1);
    const [c] = vcp.sortedCandidates;
    expect(bytesToHex(c!.holder)).toBe("2e833968e5bb786ae419c4d13189fb081cc43bab");
    expect(c!.stakes.map((s) => [bytesToHex(s.source), s.amount, s.withdrawn, s.returnHeight])).toEqual([
      ["2e833968e5bb786ae419c4d13189fb081cc43bab", 50_000_000n * E18, false, 2n ** 64n - 1n],
    ]);

    const v = await state.getAccount(parseAddress("0x2E833968E5bB786Ae419c4d13189fB081Cc43bab"));
    expect(v?.balance).toEqual({ thetaWei: 12_500_000n * E18, tfuelWei: 312_500_000n * E18 });
    const w = await state.getAccount(parseAddress("0x9F1233798E905E173560071255140b4A8aBd3Ec6"));
    expect(w?.balance).toEqual({ thetaWei: 62_500_000n * E18, tfuelWei: 312_500_000n * E18 });
    expect(await state.getStakeTransactionHeightList()).toEqual([0n]);
    // One of the five other thetacli test addresses (docs/interfaces.md §5.2) is not in genesis.
    expect(
      await state.getAccount(parseAddress("0xcd56123D0c5D6C1Ba4D39367b88cba61D93F5405")),
    ).toBeUndefined();
  }, 60_000);

  it("rejects a snapshot whose records do not match the header's state hash", async () => {
    const db = await createMemoryTrieDatabase();
    // Keep the metadata and the SVStart/SVEnd frame, but only the first state records.
    const { readFileSync } = await import("node:fs");
    const bytes = readFileSync(SNAPSHOT);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const frames: Uint8Array[] = [];
    let off = 0;
    while (off < bytes.length && frames.length < 5) {
      const len = Number(view.getBigUint64(off, true));
      frames.push(bytes.subarray(off, off + 8 + len));
      off += 8 + len;
    }
    // last frame of the file is the SVEnd record
    let end = 0;
    let last = 0;
    while (end < bytes.length) {
      last = end;
      end += 8 + Number(view.getBigUint64(end, true));
    }
    frames.push(bytes.subarray(last));
    await expect(importSnapshot({ db }, frames, { forks: MAINNET_HEADER_FORKS })).rejects.toSatisfy((e) =>
      isThetaError(e, StateErrorCode.GenesisRootMismatch),
    );
  });
});
