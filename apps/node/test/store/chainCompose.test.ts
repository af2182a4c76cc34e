import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  bytesToHex,
  coins,
  ethSigningPreimage,
  ethTxEncoding,
  hexToBytes,
  isThetaError,
  parseAddress,
  type SmartContractTx,
  TxType,
} from "@theta/core-types";
import { defaultCrypto } from "@theta/crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChainDeps } from "../../src/chain.ts";
import { composeChain } from "../../src/compose/chainFactory.ts";
import { GenesisImportErrorCode } from "../../src/compose/genesisImport.ts";
import { loadConfig } from "../../src/config/loadConfig.ts";
import { PRIVATENET_TEST_KEYS, PRIVATENET_VALIDATOR } from "../../src/genesis/privatenet.ts";
import { createNodeLogger, parseLogLevels } from "../../src/log/logger.ts";
import { createNodeMetrics } from "../../src/metrics/nodeMetrics.ts";
import { ANSWER_INIT, E18, sendTx } from "../e2e/txs.ts";

const APP = fileURLToPath(new URL("../../", import.meta.url));
const FIXTURE = join(APP, "../../fixtures/privatenet/node");
const REAL = join(APP, "../../../shared/conformance/theta-privatenet/node");
const validatorKey = hexToBytes(
  PRIVATENET_TEST_KEYS.find((k) => k.address === PRIVATENET_VALIDATOR)!.privateKey,
);

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "theta-compose-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** Chain deps over `configDir`'s config.yaml (and `env` overrides), a data dir and the validator key. */
async function depsFor(configDir: string, dataRoot: string, env: Record<string, string> = {}) {
  const text = await readFile(join(configDir, "config.yaml"), "utf8");
  const lines: Array<Record<string, unknown>> = [];
  const logger = createNodeLogger(parseLogLevels("*:info"), {
    write: (s: string) => void lines.push(JSON.parse(s) as Record<string, unknown>),
  });
  const deps: ChainDeps = {
    config: loadConfig({ yaml: { text, file: "config.yaml" }, env: { THETA_P2P_PORT: "0", ...env } }),
    paths: { configDir, snapshot: join(configDir, "snapshot"), dataRoot, keyRoot: configDir },
    logger,
    metrics: createNodeMetrics({ knownMethods: () => [] }),
    nodeKey: { privateKey: validatorKey, address: PRIVATENET_VALIDATOR },
  };
  return { deps, lines };
}

const noRpc = { registerRpc: () => undefined };

describe("chain composition over LevelDB", () => {
  it("imports the fixture genesis on first start, reports it, and resumes from disk without importing", async () => {
    const data = join(tmp, "fixture");
    const config = loadConfig({
      yaml: { text: await readFile(join(FIXTURE, "config.yaml"), "utf8"), file: "config.yaml" },
      env: {},
    });
    const first = await depsFor(FIXTURE, data);
    const chain = await composeChain(first.deps, noRpc);
    await chain.start();
    const status = await chain.query.status();
    expect(`0x${bytesToHex(status.genesisHash)}`).toBe(config["genesis.hash"]);
    expect(`0x${bytesToHex(status.snapshotHash)}`).toBe(config["genesis.hash"]);
    expect(status.chainId).toBe("privatenet");
    expect(status.latestFinalized?.height).toBe(0n);
    expect(bytesToHex(status.nodeAddress)).toBe(PRIVATENET_VALIDATOR.toLowerCase());
    const acc = await chain.query.account(parseAddress(`0x${PRIVATENET_VALIDATOR}`), {
      kind: "latest",
      preview: false,
    });
    expect(acc.kind === "found" && acc.value?.balance).toEqual({
      thetaWei: 12_500_000n * E18,
      tfuelWei: 312_500_000n * E18,
    });
    const atZero = await chain.query.account(parseAddress(`0x${PRIVATENET_VALIDATOR}`), {
      kind: "height",
      height: 0n,
    });
    expect(atZero.kind).toBe("found");
    expect(
      await chain.query.account(parseAddress(`0x${PRIVATENET_VALIDATOR}`), { kind: "height", height: 5n }),
    ).toEqual({
      kind: "noBlocks",
    });
    const vcp = await chain.query.vcpAtHeight(0n);
    expect(vcp.kind === "found" && vcp.pools[0]?.vcp.sortedCandidates.length).toBe(1);
    expect(first.lines.some((l) => String(l.msg).startsWith("importing snapshot: 100%"))).toBe(true);
    await chain.stop();

    const second = await depsFor(FIXTURE, data);
    const again = await composeChain(second.deps, noRpc);
    expect(await again.query.status().then((s) => bytesToHex(s.genesisHash))).toBe(
      bytesToHex(status.genesisHash),
    );
    expect(second.lines.some((l) => String(l.msg).startsWith("importing snapshot"))).toBe(false);
    const blocks = await again.query.blocksAtHeight(0n);
    expect(blocks.map((b) => bytesToHex(b.hash))).toEqual([bytesToHex(status.genesisHash)]);
    await again.stop();
  }, 60_000);

  it("refuses a snapshot whose genesis hash differs from genesis.hash, naming the key", async () => {
    const { deps } = await depsFor(FIXTURE, join(tmp, "mismatch"), {
      THETA_GENESIS_HASH: `0x${"11".repeat(32)}`,
    });
    await expect(composeChain(deps, noRpc)).rejects.toSatisfy(
      (e) =>
        isThetaError(e, GenesisImportErrorCode.GenesisMismatch) && /genesis\.hash/.test((e as Error).message),
    );
  });

  it("refuses an empty database without a snapshot file", async () => {
    const { deps } = await depsFor(FIXTURE, join(tmp, "nosnap"));
    await expect(
      composeChain({ ...deps, paths: { ...deps.paths, snapshot: join(tmp, "absent") } }, noRpc),
    ).rejects.toSatisfy((e) => isThetaError(e, GenesisImportErrorCode.NoSnapshot));
  });

  it.skipIf(!existsSync(REAL))(
    "imports Theta's own privatenet snapshot: genesis hash 0x45c579eb…0e0a",
    async () => {
      const { deps } = await depsFor(REAL, join(tmp, "real"));
      const chain = await composeChain(deps, noRpc);
      const status = await chain.query.status();
      expect(bytesToHex(status.genesisHash)).toBe(
        "45c579eb4d435ffcd37f0f76beaa772072cea146c4ecec2e52066904b80f4e0a",
      );
      expect(bytesToHex(status.latestFinalized!.hash)).toBe(bytesToHex(status.genesisHash));
      const acc = await chain.query.account(parseAddress("0x9F1233798E905E173560071255140b4A8aBd3Ec6"), {
        kind: "latest",
        preview: false,
      });
      expect(acc.kind === "found" && acc.value?.balance.thetaWei).toBe(62_500_000n * E18);
      await chain.stop();
    },
    120_000,
  );
});

describe("block production", () => {
  it("finalizes blocks with a sent transaction, indexes it, and resumes after a restart", async () => {
    const data = join(tmp, "produce");
    const env = { THETA_CONSENSUS_BLOCKINTERVALMS: "200" };
    const first = await depsFor(FIXTURE, data, env);
    const chain = await composeChain(first.deps, noRpc);
    await chain.start();
    const to = PRIVATENET_TEST_KEYS[0]!.address;
    const before = await chain.query.account(parseAddress(`0x${to}`), { kind: "latest", preview: false });
    const raw = sendTx("privatenet", PRIVATENET_VALIDATOR, to, 10n * E18, 20n * E18, 1n);
    const controller = new AbortController();
    const sent = await chain.query.broadcastTx(raw, { wait: true, signal: controller.signal });
    expect(sent.ok).toBe(true);
    const hash = sent.ok ? sent.value.hash : new Uint8Array(32);
    const found = await chain.query.transaction(hash);
    expect(found?.tx.tx.type).toBe(TxType.Send);
    const after = await chain.query.account(parseAddress(`0x${to}`), { kind: "latest", preview: false });
    const theta = (r: typeof after) => (r.kind === "found" ? (r.value?.balance.thetaWei ?? 0n) : -1n);
    expect(theta(after) - theta(before)).toBe(10n * E18);
    const finalized = (await chain.query.status()).latestFinalized!.height;
    expect(finalized).toBeGreaterThan(0n);
    // The chain keeps the metrics current: finalized height and the finalized-tx counter.
    const scrape = await first.deps.metrics.registry.metrics();
    const gauge = /^theta_finalized_height (\d+)$/m.exec(scrape);
    expect(Number(gauge?.[1])).toBeGreaterThan(0);
    expect(Number(/^theta_txs_finalized_total (\d+)$/m.exec(scrape)?.[1])).toBeGreaterThanOrEqual(1);
    await chain.stop();

    const second = await depsFor(FIXTURE, data, env);
    const again = await composeChain(second.deps, noRpc);
    expect((await again.query.status()).latestFinalized!.height).toBeGreaterThanOrEqual(finalized);
    expect((await again.query.transaction(hash))?.tx.hash).toEqual(hash);
    await again.start();
    const resent = await again.query.broadcastTx(sendTx("privatenet", PRIVATENET_VALIDATOR, to, 1n, 0n, 2n), {
      wait: true,
      signal: controller.signal,
    });
    expect(resent.ok).toBe(true);

    // An Ethereum-signed contract creation (EIP-155, EVM chain id 366 on privatenet).
    const unsigned: SmartContractTx = {
      type: TxType.SmartContract,
      from: {
        address: parseAddress(`0x${PRIVATENET_VALIDATOR}`),
        coins: coins(0n, 0n),
        sequence: 3n,
        signature: new Uint8Array(0),
      },
      to: { address: new Uint8Array(20), coins: coins(0n, 0n) },
      gasLimit: 100_000n,
      gasPrice: 10n ** 9n,
      data: ANSWER_INIT,
    };
    const sig = defaultCrypto.sign(ethSigningPreimage(unsigned, 366n), validatorKey);
    sig[64] = 27 + sig[64]!;
    const ethRaw = ethTxEncoding({ ...unsigned, from: { ...unsigned.from, signature: sig } }, 366n);
    const eth = await again.query.broadcastEthTx(ethRaw, { wait: true, signal: controller.signal });
    expect(eth.ok).toBe(true);
    const ethHash = defaultCrypto.keccak256(ethRaw);
    const byEth = await again.query.transaction(ethHash);
    expect(byEth?.tx.ethTxHash).toEqual(ethHash);
    expect(byEth?.tx.receipt?.evmError).toBe("");
    expect(byEth?.tx.receipt?.contractAddress).toEqual(
      defaultCrypto.contractAddress(unsigned.from.address, 2n),
    );
    await again.stop();
  }, 60_000);
});
