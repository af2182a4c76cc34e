import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bytesToHex, type Hash, hexToBytes, privatenet } from "@theta/core-types";
import { blsPublicKey, blsSecretKeyFromPrivateKey, defaultCrypto } from "@theta/crypto";
import { createMemoryKvStore } from "@theta/trie-store";
import { afterAll, describe, expect, it } from "vitest";
import { composeChain } from "../../src/compose/chainFactory.ts";
import { createGuardianFinality } from "../../src/compose/guardianFinality.ts";
import { loadConfig } from "../../src/config/loadConfig.ts";
import { parseGenesisDescription } from "../../src/genesis/description.ts";
import { PRIVATENET_TEST_KEYS, PRIVATENET_VALIDATOR } from "../../src/genesis/privatenet.ts";
import { writeGenesisSnapshot } from "../../src/genesis/writeGenesis.ts";
import { createNodeLogger, parseLogLevels } from "../../src/log/logger.ts";
import { createNodeMetrics } from "../../src/metrics/nodeMetrics.ts";
import {
  createGuardianFinalityStore,
  decodeGuardianCheckpoint,
  encodeGuardianCheckpoint,
  GUARDIAN_FINALITY_KEY,
} from "../../src/store/guardianFinalityStore.ts";
import { until } from "../e2e/node.ts";

const hash = (b: number): Hash => new Uint8Array(32).fill(b);

describe("guardian finality tracker", () => {
  const fakeGuardian = () => {
    let best: Hash | undefined;
    return {
      set: (h: Hash | undefined) => (best = h),
      view: {
        guardianFinalized: () => best !== undefined,
        best: () => (best === undefined ? undefined : { block: best }),
      },
    };
  };
  it("records a newly finalized checkpoint, restores it from the store, and never goes back", async () => {
    const kv = createMemoryKvStore();
    const heights = new Map([
      [bytesToHex(hash(1)), 101n],
      [bytesToHex(hash(2)), 201n],
      [bytesToHex(hash(3)), 1n],
    ]);
    const deps = (g: ReturnType<typeof fakeGuardian>) => ({
      guardian: g.view,
      store: createGuardianFinalityStore(kv),
      heightOf: async (h: Hash) => heights.get(bytesToHex(h)),
      onError: (e: unknown) => {
        throw e;
      },
    });
    const g1 = fakeGuardian();
    const t1 = createGuardianFinality(deps(g1));
    await t1.restore();
    expect(t1.current()).toBeUndefined();
    g1.set(hash(1));
    t1.current();
    await t1.flush();
    expect(t1.current()).toEqual(hash(1));
    g1.set(hash(2));
    t1.current();
    await t1.flush();
    expect(decodeGuardianCheckpoint((await kv.get(GUARDIAN_FINALITY_KEY))!)).toEqual({
      height: 201n,
      hash: hash(2),
    });
    // A restart: the service has nothing yet, the stored checkpoint is reported.
    const g2 = fakeGuardian();
    const t2 = createGuardianFinality(deps(g2));
    await t2.restore();
    expect(t2.current()).toEqual(hash(2));
    // A lower checkpoint (height 1) does not replace it.
    g2.set(hash(3));
    t2.current();
    await t2.flush();
    expect(t2.current()).toEqual(hash(2));
    expect(decodeGuardianCheckpoint((await kv.get(GUARDIAN_FINALITY_KEY))!).height).toBe(201n);
  });
  it("the record round-trips", () => {
    const c = { height: 12_345n, hash: hash(7) };
    expect(decodeGuardianCheckpoint(encodeGuardianCheckpoint(c))).toEqual(c);
  });
});

const key = hexToBytes(PRIVATENET_TEST_KEYS.find((k) => k.address === PRIVATENET_VALIDATOR)!.privateKey);
const V = `0x${PRIVATENET_VALIDATOR}`;
const E18 = 10n ** 18n;
let tmp: string | undefined;
afterAll(async () => {
  if (tmp !== undefined) await rm(tmp, { recursive: true, force: true });
});

describe("guardian finality across a restart (LevelDB)", () => {
  it("GetStatus reports the same guardian-finalized checkpoint after the node restarts", async () => {
    tmp = await mkdtemp(join(tmpdir(), "theta-gf-restart-"));
    const dir = tmp;
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
    await writeFile(join(dir, "snapshot"), Buffer.concat(parts));
    const compose = (blockMs: string) =>
      composeChain(
        {
          config: loadConfig({
            env: {
              THETA_GENESIS_HASH: `0x${bytesToHex(written.blockHash)}`,
              THETA_CONSENSUS_BLOCKINTERVALMS: blockMs,
              THETA_P2P_PORT: "0",
            },
          }),
          paths: { configDir: dir, snapshot: join(dir, "snapshot"), dataRoot: dir, keyRoot: dir },
          logger: createNodeLogger(parseLogLevels("*:error"), { write: () => undefined }),
          metrics: createNodeMetrics({ knownMethods: () => [] }),
          nodeKey: { privateKey: key, address: PRIVATENET_VALIDATOR },
        },
        { registerRpc: () => undefined, guardianRoundMs: 100 },
      );
    const first = await compose("40");
    await first.start();
    const before = await until(async () => (await first.query.status()).latestGuardianFinalized, 200);
    // The next checkpoint is 100 blocks (4 s) away: nothing newer finalizes before the stop.
    await first.stop();
    expect(before.height % 100n).toBe(1n);
    const second = await compose("40");
    const restored = (await second.query.status()).latestGuardianFinalized;
    expect(restored?.height).toBe(before.height);
    expect(bytesToHex(restored!.hash)).toBe(bytesToHex(before.hash));
    await second.start();
    expect((await second.query.status()).latestGuardianFinalized?.height).toBe(before.height);
    await second.stop();
  }, 120_000);
});
