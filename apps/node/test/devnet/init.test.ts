import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  bytesToHex,
  encodeHeader,
  hexToBytes,
  isThetaError,
  minGuardianStake,
  minValidatorStake,
  privatenet,
} from "@theta/core-types";
import {
  blsPopVerify,
  blsPublicKey,
  blsPublicKeyFromBytes,
  blsSecretKeyFromPrivateKey,
  blsSignatureFromBytes,
  defaultCrypto,
} from "@theta/crypto";
import { importSnapshot } from "@theta/ledger";
import { nodeRandom, nodeScrypt } from "@theta/platform-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEVNET_SCRYPT_N } from "../../src/cmds/devnet.ts";
import { genesisSnapshotBytes } from "../../src/cmds/genesis.ts";
import { loadConfig } from "../../src/config/loadConfig.ts";
import { type InitDevnetOpts, initDevnet } from "../../src/devnet/initDevnet.ts";
import { DevnetErrorCode } from "../../src/devnet/layout.ts";
import { type DevnetManifest, readManifest } from "../../src/devnet/manifest.ts";
import { parseGenesisText } from "../../src/genesis/description.ts";
import { createRecordingTrieDatabase } from "../../src/genesis/recordingTrieDatabase.ts";
import { createCryptoNodeKeyCodec } from "../../src/keys/cryptoNodeKeyCodec.ts";
import { listKeyFiles, nodeKeyDir, readKeyFile } from "../../src/keys/keyFiles.ts";
import { runTheta } from "../cli/runTheta.ts";

const codec = createCryptoNodeKeyCodec(
  { random: nodeRandom, scrypt: nodeScrypt },
  { scryptN: DEVNET_SCRYPT_N },
);
const PASSWORD = "devnet-test-pw";
let tmp: string;
let out: string;
let manifest: DevnetManifest;
let basePort = 0;

/** Runs init on a base port whose 300-port range is free (tries a few bases). */
async function initSomewhere(o: InitDevnetOpts): Promise<DevnetManifest> {
  for (let base = 41000 + (process.pid % 40) * 300; ; base += 300) {
    try {
      const r = await initDevnet({ codec }, { ...o, basePort: base });
      basePort = base;
      return r.manifest;
    } catch (e) {
      if (!isThetaError(e, DevnetErrorCode.PortInUse) || base > 60000) throw e;
    }
  }
}

const opts = (over: Partial<InitDevnetOpts> = {}): InitDevnetOpts => ({
  out,
  basePort,
  validators: 3,
  guardians: 2,
  followers: 1,
  eens: 2,
  chainId: "devtest",
  password: PASSWORD,
  blockIntervalMs: 500,
  force: false,
  ...over,
});

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "theta-devnet-init-"));
  out = join(tmp, "net");
  manifest = await initSomewhere(opts());
}, 60_000);
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe("theta devnet init", () => {
  it("names the nodes by role and gives each distinct ports", async () => {
    expect(await readManifest(out)).toEqual(manifest);
    expect(manifest.nodes.map((n) => [n.name, n.role])).toEqual([
      ["validator-1", "validator"],
      ["validator-2", "validator"],
      ["validator-3", "validator"],
      ["guardian-1", "guardian"],
      ["guardian-2", "guardian"],
      ["follower-1", "follower"],
      ["een-1", "een"],
      ["een-2", "een"],
    ]);
    const ports = manifest.nodes.flatMap((n) => [n.rpcPort, n.p2pPort, n.metricsPort]);
    expect(new Set(ports).size).toBe(ports.length);
    expect(Math.min(...ports)).toBe(basePort);
    expect(new Set(manifest.nodes.map((n) => n.address.toLowerCase())).size).toBe(manifest.nodes.length);
  });

  it("writes per node a config.yaml the node loads with those ports, the validators (and for EENs the guardians) as seeds, and the genesis hash", async () => {
    const p2pOf = (...roles: string[]) =>
      manifest.nodes.filter((n) => roles.includes(n.role)).map((n) => n.p2pPort);
    for (const n of manifest.nodes) {
      const file = join(out, n.dir, "config.yaml");
      const c = loadConfig({ yaml: { text: await readFile(file, "utf8"), file } });
      expect(c["rpc.port"]).toBe(n.rpcPort);
      expect(c["rpc.enabled"]).toBe(true);
      expect(c["p2p.port"]).toBe(n.p2pPort);
      expect(c["metrics.port"]).toBe(n.metricsPort);
      expect(c["genesis.hash"]).toBe(manifest.genesisHash);
      expect(c["een.enabled"], n.name).toBe(n.role === "een");
      const seeds = c["p2p.seeds"].split(",").map((s) => Number(s.split(":")[1]));
      // Every node is seeded with the validators; an EEN also with the guardians (its votes' recipients).
      const expected = n.role === "een" ? p2pOf("validator", "guardian") : p2pOf("validator");
      expect(seeds.sort()).toEqual(expected.filter((p) => p !== n.p2pPort).sort());
      expect(c["p2p.seeds"]).not.toMatch(/(^|,)(?!127\.0\.0\.1:)/);
    }
  });

  it("writes one key per node that unlocks with the password to the node's address", async () => {
    for (const n of manifest.nodes) {
      const dir = nodeKeyDir(join(out, n.dir));
      const files = await listKeyFiles(dir);
      expect(files).toEqual([n.address.slice(2)]);
      const key = await codec.decrypt(await readKeyFile(dir, files[0]!), PASSWORD, files[0]);
      expect(`0x${key.address}`).toBe(n.address);
      await expect(codec.decrypt(await readKeyFile(dir, files[0]!), "wrong", files[0])).rejects.toThrow();
    }
  });

  it("writes a genesis whose stakes match the roles, with guardian BLS keys of the node keys and valid PoPs", async () => {
    const keys = new Map<string, Uint8Array>();
    for (const n of manifest.nodes) {
      const dir = nodeKeyDir(join(out, n.dir));
      const [f] = await listKeyFiles(dir);
      keys.set(n.name, (await codec.decrypt(await readKeyFile(dir, f!), PASSWORD, f)).privateKey);
    }
    const snapshots = await Promise.all(manifest.nodes.map((n) => readFile(join(out, n.dir, "snapshot"))));
    for (const s of snapshots) expect(Buffer.compare(s, snapshots[0]!)).toBe(0);
    const imported = await importSnapshot({ db: createRecordingTrieDatabase() }, [snapshots[0]!], {
      forks: privatenet.headerForks,
    });
    expect(imported.header.chainId).toBe("devtest");
    expect(
      `0x${bytesToHex(defaultCrypto.keccak256(encodeHeader(imported.header, privatenet.headerForks)))}`,
    ).toBe(manifest.genesisHash);
    const lower = (a: string) => a.slice(2).toLowerCase();
    const byRole = (r: string) => manifest.nodes.filter((n) => n.role === r);
    const vcp = await imported.state.getVcp();
    expect(vcp.sortedCandidates.map((c) => bytesToHex(c.holder)).sort()).toEqual(
      byRole("validator")
        .map((n) => lower(n.address))
        .sort(),
    );
    for (const c of vcp.sortedCandidates) {
      expect(c.stakes.map((s) => s.amount)).toEqual([minValidatorStake(privatenet, 0n)]);
    }
    const gcp = await imported.state.getGcp();
    expect(gcp?.sortedGuardians.map((g) => bytesToHex(g.holder)).sort()).toEqual(
      byRole("guardian")
        .map((n) => lower(n.address))
        .sort(),
    );
    const description = JSON.parse(await readFile(join(out, "genesis.json"), "utf8")) as {
      guardianStakes: Array<{ holder: string; blsPubkey: string; blsPop: string }>;
    };
    for (const n of byRole("guardian")) {
      const g = gcp!.sortedGuardians.find((x) => bytesToHex(x.holder) === lower(n.address))!;
      expect(g.stakes.map((s) => s.amount)).toEqual([minGuardianStake(privatenet, 0n)]);
      const expected = blsPublicKey(blsSecretKeyFromPrivateKey(keys.get(n.name)!)).bytes;
      expect(bytesToHex(g.blsPubkey)).toBe(bytesToHex(expected));
      const d = description.guardianStakes.find((x) => x.holder === n.address)!;
      expect(
        blsPopVerify(blsPublicKeyFromBytes(g.blsPubkey), blsSignatureFromBytes(hexToBytes(d.blsPop))),
      ).toBe(true);
    }
    // Elite edge nodes: `ls/een/<holder>` with one stake of 10,000 TFUEL (the minimum deposit,
    // docs/ledger.md §2.10) from their own address and the node key's BLS key; `ls/eentas` the sum.
    const eens = byRole("een");
    expect(eens).toHaveLength(2);
    for (const n of eens) {
      const e = await imported.state.getEliteEdgeNode(hexToBytes(n.address));
      expect(e?.stakes.map((s) => [bytesToHex(s.source), s.amount, s.withdrawn])).toEqual([
        [lower(n.address), 10_000n * 10n ** 18n, false],
      ]);
      const expected = blsPublicKey(blsSecretKeyFromPrivateKey(keys.get(n.name)!)).bytes;
      expect(bytesToHex(e!.blsPubkey)).toBe(bytesToHex(expected));
      expect(vcp.sortedCandidates.some((c) => bytesToHex(c.holder) === lower(n.address))).toBe(false);
      expect(gcp?.sortedGuardians.some((g) => bytesToHex(g.holder) === lower(n.address))).toBe(false);
    }
    expect(await imported.state.getEenTotalActiveStake()).toBe(2n * 10_000n * 10n ** 18n);
    // genesis.json is a description `theta genesis` accepts (PoPs checked) and rebuilds the same genesis.
    const rebuilt = await genesisSnapshotBytes(
      parseGenesisText(await readFile(join(out, "genesis.json"), "utf8"), "genesis.json"),
    );
    expect(`0x${bytesToHex(rebuilt.written.blockHash)}`).toBe(manifest.genesisHash);
    for (const n of byRole("validator")) {
      expect(await imported.state.getEliteEdgeNode(hexToBytes(n.address))).toBeUndefined();
    }
    for (const n of byRole("follower")) {
      const acc = await imported.state.getAccount(hexToBytes(n.address));
      expect(acc?.balance.thetaWei).toBeGreaterThan(0n);
      expect(vcp.sortedCandidates.some((c) => bytesToHex(c.holder) === lower(n.address))).toBe(false);
    }
  });

  it("refuses a non-empty --out unless --force, and --force replaces the devnet", async () => {
    const first = manifest.nodes.map((n) => n.address);
    await expect(initDevnet({ codec }, opts({ basePort }))).rejects.toSatisfy((e) =>
      isThetaError(e, DevnetErrorCode.OutNotEmpty),
    );
    const other = join(tmp, "other");
    await rm(other, { recursive: true, force: true });
    await import("node:fs/promises").then((fs) => fs.mkdir(other));
    await writeFile(join(other, "notes.txt"), "mine");
    await expect(initDevnet({ codec }, opts({ out: other, basePort, force: true }))).rejects.toSatisfy((e) =>
      isThetaError(e, DevnetErrorCode.OutNotEmpty),
    );
    expect(await readFile(join(other, "notes.txt"), "utf8")).toBe("mine");
    const again = await initDevnet(
      { codec },
      opts({ basePort, validators: 1, guardians: 0, followers: 0, eens: 0, force: true }),
    );
    expect(again.manifest.nodes.map((n) => n.name)).toEqual(["validator-1"]);
    expect(first).not.toContain(again.manifest.nodes[0]!.address);
    manifest = await initDevnet({ codec }, opts({ basePort, force: true })).then((r) => r.manifest);
  }, 60_000);

  it("refuses a non-numeric count on the command line with one line and exit code 1, writing nothing", async () => {
    const dir = join(tmp, "bad-count");
    const r = await runTheta(["devnet", "init", "--validators=1", "--eens=x", `--out=${dir}`]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n")).toEqual([
      "error: option '--eens <n>' argument 'x' is invalid. --eens: expected a non-negative integer, got x",
    ]);
    await expect(readFile(join(dir, "devnet.json"))).rejects.toThrow();
  }, 60_000);

  it("refuses a port in use, naming it", async () => {
    const taken: Server = createServer();
    await new Promise<void>((r) => taken.listen(basePort + 101, "127.0.0.1", r));
    try {
      let caught: unknown;
      await initDevnet({ codec }, opts({ out: join(tmp, "ports"), basePort })).catch((e: unknown) => {
        caught = e;
      });
      expect(isThetaError(caught, DevnetErrorCode.PortInUse)).toBe(true);
      expect((caught as Error).message).toContain(`port ${basePort + 101} (validator-2 p2p)`);
    } finally {
      await new Promise((r) => taken.close(r));
    }
  });
});
