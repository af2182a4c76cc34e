import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { bytesToHex, encodeHeader, parseAddress, privatenet } from "@theta/core-types";
import { decryptKeystore, defaultCrypto } from "@theta/crypto";
import { importSnapshot } from "@theta/ledger";
import { nodeScrypt } from "@theta/platform-node";
import { describe, expect, it } from "vitest";
import { privatenetGenesisSnapshot } from "../../src/cmds/makePrivatenet.ts";
import { loadConfig } from "../../src/config/loadConfig.ts";
import {
  PRIVATENET_PASSWORD,
  PRIVATENET_TEST_KEYS,
  PRIVATENET_VALIDATOR,
  privatenetConfigYaml,
} from "../../src/genesis/privatenet.ts";
import { createRecordingTrieDatabase } from "../../src/genesis/recordingTrieDatabase.ts";

const FIXTURE = fileURLToPath(new URL("../../../../fixtures/privatenet/", import.meta.url));
const E18 = 10n ** 18n;

describe("fixtures/privatenet is what `theta make-privatenet` writes", () => {
  it("node/genesis and node/snapshot are the generator's snapshot bytes", async () => {
    const { bytes, written } = await privatenetGenesisSnapshot();
    const genesis = await readFile(join(FIXTURE, "node", "genesis"));
    const snapshot = await readFile(join(FIXTURE, "node", "snapshot"));
    expect(bytesToHex(genesis)).toBe(bytesToHex(bytes));
    expect(bytesToHex(snapshot)).toBe(bytesToHex(bytes));
    expect(written.header.chainId).toBe("privatenet");
  });

  it("node/config.yaml names the genesis hash and loads as a valid config", async () => {
    const { written } = await privatenetGenesisSnapshot();
    const hash = `0x${bytesToHex(written.blockHash)}`;
    const text = await readFile(join(FIXTURE, "node", "config.yaml"), "utf8");
    expect(text).toBe(privatenetConfigYaml(hash));
    const config = loadConfig({ yaml: { text, file: "config.yaml" }, env: {} });
    expect(config["genesis.hash"]).toBe(hash);
    expect(config["rpc.enabled"]).toBe(true);
    expect(config["consensus.blockIntervalMs"]).toBe(2000);
  });

  it("the genesis holds the stakes and balances of docs/interfaces.md §5 and the five other test keys", async () => {
    const genesis = await readFile(join(FIXTURE, "node", "genesis"));
    const forks = privatenet.headerForks;
    const { state, header } = await importSnapshot({ db: createRecordingTrieDatabase() }, [genesis], {
      forks,
    });
    const balance = async (a: string) => (await state.getAccount(parseAddress(`0x${a}`)))?.balance;
    expect(await balance(PRIVATENET_VALIDATOR)).toEqual({
      thetaWei: 12_500_000n * E18,
      tfuelWei: 312_500_000n * E18,
    });
    expect(await balance("9F1233798E905E173560071255140b4A8aBd3Ec6")).toEqual({
      thetaWei: 62_500_000n * E18,
      tfuelWei: 312_500_000n * E18,
    });
    for (const k of PRIVATENET_TEST_KEYS.filter((x) => x.address !== PRIVATENET_VALIDATOR)) {
      expect((await balance(k.address))?.thetaWei).toBeGreaterThan(0n);
      expect((await balance(k.address))?.tfuelWei).toBeGreaterThan(0n);
    }
    const vcp = await state.getVcp();
    expect(vcp.sortedCandidates).toHaveLength(1);
    expect(bytesToHex(vcp.sortedCandidates[0]!.holder)).toBe(PRIVATENET_VALIDATOR.toLowerCase());
    expect(vcp.sortedCandidates[0]!.stakes.map((s) => s.amount)).toEqual([50_000_000n * E18]);
    expect(bytesToHex(defaultCrypto.keccak256(encodeHeader(header, forks)))).toHaveLength(64);
  });

  it("every keystore decrypts with the password to its test key (salts are random, so keys are compared)", async () => {
    const cliDir = join(FIXTURE, "thetacli", "keys", "encrypted");
    const nodeDir = join(FIXTURE, "node", "key", "encrypted");
    expect((await readdir(cliDir)).sort()).toEqual(PRIVATENET_TEST_KEYS.map((k) => k.address).sort());
    expect(await readdir(nodeDir)).toEqual([PRIVATENET_VALIDATOR]);
    const files = [
      ...PRIVATENET_TEST_KEYS.map((k) => ({ file: join(cliDir, k.address), k })),
      {
        file: join(nodeDir, PRIVATENET_VALIDATOR),
        k: PRIVATENET_TEST_KEYS.find((k) => k.address === PRIVATENET_VALIDATOR)!,
      },
    ];
    const keys = await Promise.all(
      files.map(async ({ file, k }) =>
        decryptKeystore(
          await readFile(file, "utf8"),
          PRIVATENET_PASSWORD,
          { scrypt: nodeScrypt },
          parseAddress(`0x${k.address}`),
        ),
      ),
    );
    expect(keys.map((k) => bytesToHex(k))).toEqual(files.map(({ k }) => k.privateKey));
    expect(files).toHaveLength(7);
  }, 60_000);
});
