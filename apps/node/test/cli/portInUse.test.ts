import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hexToBytes, isThetaError } from "@theta/core-types";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readBuildInfo } from "../../src/buildInfo.ts";
import { resolvePaths } from "../../src/cmds/globalOptions.ts";
import { type StartDeps, startNode } from "../../src/cmds/start.ts";
import { createNodeNetwork } from "../../src/compose/network.ts";
import { loadConfig } from "../../src/config/loadConfig.ts";
import { PRIVATENET_TEST_KEYS } from "../../src/genesis/privatenet.ts";
import { isAddressInUse, PortInUseErrorCode } from "../../src/portInUse.ts";

let dir: string;
let blocker: Server | undefined;

/** Occupies a free port on 127.0.0.1 and returns it. */
async function occupyPort(): Promise<number> {
  const server = createServer();
  blocker = server;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as { port: number }).port;
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "theta-port-"));
  await writeFile(join(dir, "config.yaml"), 'rpc.enabled: true\nlog.levels: "*:error"\n');
});
afterEach(async () => {
  await new Promise<void>((resolve) => (blocker === undefined ? resolve() : blocker.close(() => resolve())));
  blocker = undefined;
  await rm(dir, { recursive: true, force: true });
});

function deps(env: Record<string, string>): StartDeps {
  return {
    env: { THETA_RPC_PORT: "0", THETA_METRICS_PORT: "0", ...env },
    ask: () => Promise.reject(new Error("no prompt expected")),
    say: () => undefined,
    codec: undefined,
    buildInfo: readBuildInfo(),
    logDestination: { write: () => undefined },
  };
}

async function failure(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    if (isThetaError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error("expected a ThetaError");
}

describe("a taken port names its config key", () => {
  it("metrics.port", async () => {
    const port = await occupyPort();
    const f = await failure(
      startNode(deps({ THETA_METRICS_PORT: String(port) }), {
        paths: resolvePaths({ config: dir }),
        password: undefined,
      }),
    );
    expect(f).toEqual({
      code: PortInUseErrorCode,
      message: `metrics.port: 127.0.0.1:${port} is already in use`,
    });
  });
  it("rpc.port", async () => {
    const port = await occupyPort();
    const f = await failure(
      startNode(deps({ THETA_RPC_PORT: String(port) }), {
        paths: resolvePaths({ config: dir }),
        password: undefined,
      }),
    );
    expect(f).toEqual({ code: PortInUseErrorCode, message: `rpc.port: 127.0.0.1:${port} is already in use` });
  });
  it("p2p.port", async () => {
    const port = await occupyPort();
    const key = hexToBytes(PRIVATENET_TEST_KEYS[0]!.privateKey);
    const network = createNodeNetwork(loadConfig({ env: { THETA_P2P_PORT: String(port) } }), {
      chainId: "privatenet",
      nodeKey: key,
      log: pino({ level: "silent" }),
    });
    const f = await failure(network.start());
    await network.stop().catch(() => undefined);
    expect(f).toEqual({ code: PortInUseErrorCode, message: `p2p.port: 0.0.0.0:${port} is already in use` });
  });
  it("other listen failures pass through unchanged", () => {
    expect(isAddressInUse(Object.assign(new Error("x"), { code: "EACCES" }))).toBe(false);
    expect(isAddressInUse(new AggregateError([Object.assign(new Error("x"), { code: "EADDRINUSE" })]))).toBe(
      true,
    );
  });
});
