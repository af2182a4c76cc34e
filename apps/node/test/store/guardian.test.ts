import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bytesToHex, hexToBytes, privatenet } from "@theta/core-types";
import { blsPublicKey, blsSecretKeyFromPrivateKey, defaultCrypto } from "@theta/crypto";
import { afterAll, describe, expect, it } from "vitest";
import { composeChain } from "../../src/compose/chainFactory.ts";
import { loadConfig } from "../../src/config/loadConfig.ts";
import { parseGenesisDescription } from "../../src/genesis/description.ts";
import { PRIVATENET_TEST_KEYS, PRIVATENET_VALIDATOR } from "../../src/genesis/privatenet.ts";
import { writeGenesisSnapshot } from "../../src/genesis/writeGenesis.ts";
import { createNodeLogger, parseLogLevels } from "../../src/log/logger.ts";
import { createNodeMetrics } from "../../src/metrics/nodeMetrics.ts";
import { until } from "../e2e/node.ts";

const key = hexToBytes(PRIVATENET_TEST_KEYS.find((k) => k.address === PRIVATENET_VALIDATOR)!.privateKey);
const V = `0x${PRIVATENET_VALIDATOR}`;
const E18 = 10n ** 18n;
let tmp: string | undefined;
afterAll(async () => {
  if (tmp !== undefined) await rm(tmp, { recursive: true, force: true });
});

describe("guardian finality (docs/decisions.md §5)", () => {
  it("a validator that is also the only guardian guardian-finalizes the first checkpoint", async () => {
    tmp = await mkdtemp(join(tmpdir(), "theta-guardian-"));
    const blsPubkey = `0x${bytesToHex(blsPublicKey(blsSecretKeyFromPrivateKey(key)).bytes)}`;
    const parts: Uint8Array[] = [];
    const written = await writeGenesisSnapshot(
      { crypto: defaultCrypto, sink: { write: (b) => void parts.push(b) } },
      parseGenesisDescription({
        chainId: "privatenet",
        balances: [
          { address: V, thetaWei: (1_000_000n * E18).toString(), tfuelWei: (1_000_000n * E18).toString() },
        ],
        validatorStakes: [{ source: V, holder: V, thetaWei: (10_000_000n * E18).toString() }],
        guardianStakes: [{ source: V, holder: V, thetaWei: (10_000n * E18).toString(), blsPubkey }],
      }),
      { forks: privatenet.headerForks },
    );
    await writeFile(join(tmp, "snapshot"), Buffer.concat(parts));
    const hash = `0x${bytesToHex(written.blockHash)}`;
    const chain = await composeChain(
      {
        config: loadConfig({
          env: { THETA_GENESIS_HASH: hash, THETA_CONSENSUS_BLOCKINTERVALMS: "40", THETA_P2P_PORT: "0" },
        }),
        paths: { configDir: tmp, snapshot: join(tmp, "snapshot"), dataRoot: tmp, keyRoot: tmp },
        logger: createNodeLogger(parseLogLevels("*:error"), { write: () => undefined }),
        metrics: createNodeMetrics({ knownMethods: () => [] }),
        nodeKey: { privateKey: key, address: PRIVATENET_VALIDATOR },
      },
      { registerRpc: () => undefined, guardianRoundMs: 100 },
    );
    await chain.start();
    const status = await until(async () => {
      const s = await chain.query.status();
      return s.latestGuardianFinalized !== undefined ? s : undefined;
    }, 200);
    // Checkpoints are at heights h with h % 100 == 1 on privatenet.
    expect(status.latestGuardianFinalized!.height % 100n).toBe(1n);
    const info = await chain.query.guardianInfo();
    expect(`0x${bytesToHex(info.blsPubkey)}`).toBe(blsPubkey);
    await chain.stop();
  }, 90_000);
});
