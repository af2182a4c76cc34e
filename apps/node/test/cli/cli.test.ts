import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readBuildInfo } from "../../src/buildInfo.ts";
import { INIT_CONFIG_YAML } from "../../src/cmds/init.ts";
import { rpc, send } from "../rpc/httpClient.ts";
import { FIXTURE_GENESIS, fixtureGenesisHash, runTheta, spawnTheta, watchLogs } from "./runTheta.ts";

let tmp: string;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "theta-cli-"));
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe("theta version", () => {
  it("prints Version <ver> <githash> and Built at <date>", async () => {
    const r = await runTheta(["version"]);
    const info = readBuildInfo();
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`Version ${info.version} ${info.gitHash}\nBuilt at ${info.timestamp}\n`);
  });
});

describe("theta init", () => {
  it("creates the dir (0700) with config.yaml (0600), then refuses an existing dir", async () => {
    const dir = join(tmp, "init");
    const first = await runTheta(["init", "--config", dir]);
    expect(first.code).toBe(0);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect((await stat(join(dir, "config.yaml"))).mode & 0o777).toBe(0o600);
    expect(await readFile(join(dir, "config.yaml"), "utf8")).toBe(INIT_CONFIG_YAML);
    const second = await runTheta(["init", "--config", dir]);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain("Folder already exists!");
  });
});

describe("theta start", () => {
  it("serves GetVersion on the configured RPC port and stops cleanly on SIGTERM", async () => {
    const dir = join(tmp, "start");
    expect((await runTheta(["init", "--config", dir])).code).toBe(0);
    await writeFile(join(dir, "config.yaml"), 'rpc.enabled: true\nlog.levels: "*:info"\n');
    const child = spawnTheta(["start", "--config", dir, `--snapshot=${FIXTURE_GENESIS}`], {
      THETA_RPC_PORT: "0",
      THETA_METRICS_PORT: "0",
      THETA_NODE_PASSWORD: "pw",
      THETA_GENESIS_HASH: await fixtureGenesisHash(),
      THETA_P2P_PORT: "0",
      THETA_P2P_SEEDS: "",
    });
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    const logs = watchLogs(child);
    const metricsAt = await logs.waitFor("metrics listening");
    const listening = await logs.waitFor("rpc listening");
    const reply = await rpc(Number(listening.port), '{"jsonrpc":"2.0","id":1,"method":"theta.GetVersion"}');
    expect(JSON.parse(reply.body).result.version).toBe(readBuildInfo().version);
    const scrape = await send(Number(metricsAt.port), { method: "GET", path: "/metrics", contentType: null });
    expect(scrape.body).toContain(
      'theta_rpc_request_duration_seconds_count{method="theta.GetVersion",outcome="ok"} 1',
    );
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });

  it("first start creates a key after a password confirmed on stdin; a wrong password later fails", async () => {
    const dir = join(tmp, "newkey");
    expect((await runTheta(["init", "--config", dir])).code).toBe(0);
    const child = spawnTheta(["start", "--config", dir, `--snapshot=${FIXTURE_GENESIS}`], {
      THETA_METRICS_ENABLED: "false",
      THETA_GENESIS_HASH: await fixtureGenesisHash(),
      THETA_P2P_PORT: "0",
      THETA_P2P_SEEDS: "",
    });
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    const logs = watchLogs(child);
    child.stdin?.end("correct horse\ncorrect horse\n");
    const key = await logs.waitFor("node key unlocked");
    expect(key.created).toBe(true);
    await logs.waitFor("chain started");
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    const keyDir = join(dir, "key", "encrypted");
    const [name, ...more] = await readdir(keyDir);
    expect(more).toEqual([]);
    expect(name).toBe(key.address);
    expect((await stat(join(keyDir, name!))).mode & 0o777).toBe(0o600);
    const file = JSON.parse(await readFile(join(keyDir, name!), "utf8"));
    expect(file.address).toBe(name!.toLowerCase());
    expect(file.crypto.kdfparams.n).toBe(262144);
    const wrong = await runTheta(["start", "--config", dir], { stdin: "wrong horse\n" });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain("could not decrypt key with given password");
  });

  it("exits 1 naming the key when config.yaml has a bad value", async () => {
    const dir = join(tmp, "badcfg");
    expect((await runTheta(["init", "--config", dir])).code).toBe(0);
    await writeFile(join(dir, "config.yaml"), "rpc.port: lots\n");
    const r = await runTheta(["start", "--config", dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('config key "rpc.port"');
  });

  it("exits 1 when an environment override is bad", async () => {
    const dir = join(tmp, "badenv");
    expect((await runTheta(["init", "--config", dir])).code).toBe(0);
    const r = await runTheta(["start", "--config", dir], { env: { THETA_RPC_ENABLED: "maybe" } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("THETA_RPC_ENABLED");
  });
});
