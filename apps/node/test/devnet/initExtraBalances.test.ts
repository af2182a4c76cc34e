/** `initDevnet`'s extraBalances: more funded accounts in the genesis beside the nodes (for load benches). */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hexToBytes, isThetaError, privatenet } from "@theta/core-types";
import { importSnapshot } from "@theta/ledger";
import { nodeRandom, nodeScrypt } from "@theta/platform-node";
import { afterAll, describe, expect, it } from "vitest";
import { DEVNET_SCRYPT_N } from "../../src/cmds/devnet.ts";
import { DEVNET_BALANCE } from "../../src/devnet/devnetGenesis.ts";
import { type InitDevnetOpts, initDevnet } from "../../src/devnet/initDevnet.ts";
import { DevnetErrorCode } from "../../src/devnet/layout.ts";
import { createRecordingTrieDatabase } from "../../src/genesis/recordingTrieDatabase.ts";
import { createCryptoNodeKeyCodec } from "../../src/keys/cryptoNodeKeyCodec.ts";

const codec = createCryptoNodeKeyCodec(
  { random: nodeRandom, scrypt: nodeScrypt },
  { scryptN: DEVNET_SCRYPT_N },
);
const EXTRA = [
  { address: `0x${"11".repeat(20)}`, thetaWei: "7", tfuelWei: "123456789" },
  { address: `0x${"22".repeat(20)}`, thetaWei: "0", tfuelWei: "5" },
];
let tmp: string | undefined;
afterAll(async () => {
  if (tmp !== undefined) await rm(tmp, { recursive: true, force: true });
});

async function initSomewhere(o: Omit<InitDevnetOpts, "basePort">) {
  for (let base = 47000 + (process.pid % 40) * 300; ; base += 300) {
    try {
      return await initDevnet({ codec }, { ...o, basePort: base });
    } catch (e) {
      if (!isThetaError(e, DevnetErrorCode.PortInUse) || base > 60000) throw e;
    }
  }
}

describe("theta devnet init with extra funded accounts", () => {
  it("funds the extra accounts in the genesis snapshot, after the nodes' own balances", async () => {
    tmp = await mkdtemp(join(tmpdir(), "theta-devnet-extra-"));
    const { dir, manifest } = await initSomewhere({
      out: join(tmp, "net"),
      validators: 1,
      guardians: 0,
      followers: 0,
      chainId: "devextra",
      password: "pw",
      blockIntervalMs: 500,
      force: false,
      extraBalances: EXTRA,
    });
    const snapshot = await readFile(join(dir, manifest.nodes[0]!.dir, "snapshot"));
    const { state } = await importSnapshot({ db: createRecordingTrieDatabase() }, [snapshot], {
      forks: privatenet.headerForks,
    });
    for (const e of EXTRA) {
      const acc = await state.getAccount(hexToBytes(e.address));
      expect(acc?.balance.thetaWei).toBe(BigInt(e.thetaWei));
      expect(acc?.balance.tfuelWei).toBe(BigInt(e.tfuelWei));
    }
    const node = await state.getAccount(hexToBytes(manifest.nodes[0]!.address));
    expect(node?.balance.tfuelWei).toBe(DEVNET_BALANCE.tfuelWei);
    const description = JSON.parse(await readFile(join(dir, "genesis.json"), "utf8")) as {
      balances: Array<{ address: string }>;
    };
    expect(description.balances.map((b) => b.address)).toEqual([
      manifest.nodes[0]!.address,
      ...EXTRA.map((e) => e.address),
    ]);
  }, 60_000);
});
