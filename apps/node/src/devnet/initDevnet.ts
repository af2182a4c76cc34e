/**
 * `theta devnet init`: writes a ready local network under one directory — a genesis with the stakes,
 * one directory per node (config.yaml with distinct ports and the validators as seeds, the genesis
 * snapshot, an encrypted node key), `genesis.json` (the description, which `theta genesis` accepts)
 * and `devnet.json` for scripts.
 */
import { mkdir, readdir, rm, stat, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { bytesToHex, ThetaError } from "@theta/core-types";
import { defaultCrypto, type ThetaCrypto } from "@theta/crypto";
import { genesisSnapshotBytes } from "../cmds/genesis.ts";
import { keyInfoOf } from "../cmds/keyInfo.ts";
import type { GenesisFile } from "../genesis/description.ts";
import { nodeKeyDir, writeKeyFile } from "../keys/keyFiles.ts";
import type { NodeKeyCodec } from "../keys/nodeKeyCodec.ts";
import { devnetGenesis } from "./devnetGenesis.ts";
import { type DevnetCounts, DevnetErrorCode, planDevnet } from "./layout.ts";
import { type DevnetManifest, MANIFEST_FILE, writeManifest } from "./manifest.ts";
import { devnetConfigYaml } from "./nodeConfig.ts";
import { checkPortsFree } from "./ports.ts";

export interface InitDevnetDeps {
  /** Generates and encrypts the node keys. */
  readonly codec: NodeKeyCodec;
  readonly crypto?: ThetaCrypto;
}

export interface InitDevnetOpts extends DevnetCounts {
  readonly out: string;
  readonly chainId: string;
  readonly password: string;
  readonly blockIntervalMs: number;
  /** Replace a previous devnet in `out` (a directory holding devnet.json). */
  readonly force: boolean;
  /** More funded accounts in the genesis, after the nodes' (e.g. a load generator's senders). */
  readonly extraBalances?: GenesisFile["balances"];
}

export interface InitializedDevnet {
  readonly dir: string;
  readonly manifest: DevnetManifest;
}

/** The entries of `dir`, or undefined when it does not exist. */
async function entries(dir: string): Promise<string[] | undefined> {
  try {
    if (!(await stat(dir)).isDirectory()) return [""];
    return await readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
}

/** Refuses a non-empty `out`; with `force`, removes it when it holds a previous devnet. */
async function prepareOut(out: string, force: boolean): Promise<void> {
  const found = await entries(out);
  if (found === undefined || found.length === 0) return;
  if (!force || !found.includes(MANIFEST_FILE)) {
    throw new ThetaError(
      DevnetErrorCode.OutNotEmpty,
      force
        ? `${out} is not empty and holds no ${MANIFEST_FILE}; --force only replaces a previous devnet`
        : `${out} is not empty; pass --force to replace the devnet in it`,
      { details: { out } },
    );
  }
  await rm(out, { recursive: true, force: true });
}

export async function initDevnet(deps: InitDevnetDeps, opts: InitDevnetOpts): Promise<InitializedDevnet> {
  const crypto = deps.crypto ?? defaultCrypto;
  const plan = planDevnet(opts);
  const out = resolve(opts.out);
  await prepareOut(out, opts.force);
  await checkPortsFree(
    plan.flatMap((n) => [
      { port: n.rpcPort, use: `${n.name} rpc` },
      { port: n.p2pPort, use: `${n.name} p2p` },
      { port: n.metricsPort, use: `${n.name} metrics` },
    ]),
  );
  const keys = [];
  for (const _ of plan) keys.push(await deps.codec.generate());
  const infos = keys.map((k) => keyInfoOf(k.privateKey, crypto));
  const nodesGenesis = devnetGenesis(
    opts.chainId,
    plan.map((n, i) => ({ role: n.role, key: infos[i]! })),
  );
  const description: GenesisFile = {
    ...nodesGenesis,
    balances: [...nodesGenesis.balances, ...(opts.extraBalances ?? [])],
  };
  const { bytes, written } = await genesisSnapshotBytes(description, crypto);
  const genesisHash = `0x${bytesToHex(written.blockHash)}`;
  await mkdir(out, { recursive: true, mode: 0o700 });
  for (const [i, n] of plan.entries()) {
    const dir = join(out, n.dir);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await writeFile(join(dir, "config.yaml"), devnetConfigYaml(n, plan, { genesisHash, ...opts }), {
      mode: 0o600,
    });
    await writeFile(join(dir, "snapshot"), bytes, { mode: 0o600 });
    await writeKeyFile(nodeKeyDir(dir), keys[i]!.address, await deps.codec.encrypt(keys[i]!, opts.password));
  }
  await writeFile(
    join(out, "genesis.json"),
    `${JSON.stringify({ ...description, timestamp: Number(description.timestamp) }, null, 2)}\n`,
  );
  const manifest: DevnetManifest = {
    chainId: opts.chainId,
    genesisHash,
    nodes: plan.map((n, i) => ({
      name: n.name,
      role: n.role,
      address: infos[i]!.address,
      dir: n.dir,
      rpcPort: n.rpcPort,
      p2pPort: n.p2pPort,
      metricsPort: n.metricsPort,
    })),
  };
  await writeManifest(out, manifest);
  return { dir: out, manifest };
}
