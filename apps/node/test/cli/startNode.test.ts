import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isThetaError } from "@theta/core-types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { readBuildInfo } from "../../src/buildInfo.ts";
import type { ChainDeps, ChainFactory } from "../../src/chain.ts";
import { resolvePaths } from "../../src/cmds/globalOptions.ts";
import { type StartDeps, StartErrorCode, startNode } from "../../src/cmds/start.ts";
import { nodeKeyDir } from "../../src/keys/keyFiles.ts";
import { NodeKeyErrorCode } from "../../src/keys/loadNodeKey.ts";
import { clearTextCodec } from "../helpers/clearTextCodec.ts";
import { rpc, send } from "../rpc/httpClient.ts";
import { connectWs } from "../rpc/ws/wsClient.ts";

let dir: string;
const logLines: string[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "theta-start-"));
  await writeFile(join(dir, "config.yaml"), 'rpc.enabled: true\nlog.levels: "*:info"\n');
  logLines.length = 0;
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function deps(extra: Partial<StartDeps> = {}): StartDeps {
  return {
    env: { THETA_RPC_PORT: "0", THETA_METRICS_PORT: "0" },
    ask: () => Promise.reject(new Error("no prompt expected")),
    say: () => undefined,
    codec: undefined,
    buildInfo: readBuildInfo(),
    logDestination: { write: (s: string) => logLines.push(s) },
    ...extra,
  };
}

const getVersion = '{"jsonrpc":"2.0","id":1,"method":"theta.GetVersion"}';

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (isThetaError(e)) return e.code;
    throw e;
  }
  throw new Error("expected a ThetaError");
}

describe("startNode", () => {
  it("without a chain, serves GetVersion and logs that the chain is not wired", async () => {
    const node = await startNode(deps(), { paths: resolvePaths({ config: dir }), password: undefined });
    expect(node.registry.names()).toEqual(["theta.GetVersion"]);
    const r = await rpc(node.rpcAddress!.port, getVersion);
    expect(JSON.parse(r.body).result.version).toBe(readBuildInfo().version);
    expect(logLines.some((l) => l.includes("chain NOT wired yet"))).toBe(true);
    await node.stop("test");
  });

  it("lets a chain register methods before the RPC listens, starts it, and stops it after the RPC closes", async () => {
    const events: string[] = [];
    let seen: ChainDeps | undefined;
    const chain: ChainFactory = async (d) => {
      seen = d;
      return {
        registerRpc: (registry) =>
          registry.register({
            name: "theta.GetStatus",
            summary: "fake",
            params: z.object({}),
            handler: () => ({ latest_finalized_block_height: "0" }),
          }),
        start: async () => {
          events.push("start");
        },
        stop: async () => {
          events.push("stop");
        },
      };
    };
    await mkdir(dir, { recursive: true });
    const node = await startNode(deps({ chain, codec: clearTextCodec() }), {
      paths: resolvePaths({ config: dir }),
      password: "pw",
    });
    expect(seen?.config["rpc.enabled"]).toBe(true);
    expect(seen?.nodeKey?.address).toMatch(/^A0+1$/);
    const r = await rpc(node.rpcAddress!.port, '{"jsonrpc":"2.0","id":1,"method":"theta.GetStatus"}');
    expect(JSON.parse(r.body).result).toEqual({ latest_finalized_block_height: "0" });
    expect(events).toEqual(["start"]);
    await node.stop("test");
    expect(events).toEqual(["start", "stop"]);
    await expect(rpc(node.rpcAddress!.port, getVersion)).rejects.toThrow();
  });

  it("rejects with the chain's error when the chain fails to start (servers are closed again)", async () => {
    const failing: ChainFactory = async () => ({
      registerRpc: () => undefined,
      start: () => Promise.reject(new Error("snapshot missing")),
      stop: async () => undefined,
    });
    await expect(
      startNode(deps({ chain: failing }), { paths: resolvePaths({ config: dir }), password: undefined }),
    ).rejects.toThrow("snapshot missing");
  });

  it("serves /ws, the Ethereum port (rpc.ethPort) and the access lists from the config", async () => {
    const ethPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const p = (probe.address() as { port: number }).port;
        probe.close(() => resolve(p));
      });
    });
    const node = await startNode(
      deps({
        env: {
          THETA_RPC_PORT: "0",
          THETA_METRICS_PORT: "0",
          THETA_RPC_ETHPORT: String(ethPort),
        },
      }),
      { paths: resolvePaths({ config: dir }), password: undefined },
    );
    expect(node.ethRpcAddress?.port).toBe(ethPort);
    const atRoot = await send(ethPort, { path: "/", body: getVersion });
    expect(JSON.parse(atRoot.body).result.version).toBe(readBuildInfo().version);
    const ws = await connectWs(node.rpcAddress!.port);
    expect(((await ws.call("theta.GetVersion")).result as { version: string }).version).toBe(
      readBuildInfo().version,
    );
    const metaMask = await send(node.rpcAddress!.port, {
      body: getVersion,
      headers: { Origin: "chrome-extension://nkbihfbeogaeaoehlefnkodbefgpgknn" },
    });
    // MetaMask's extension origin is allowed by the default rpc.allowedOrigins.
    expect(metaMask.status).toBe(200);
    const foreign = await send(ethPort, { body: getVersion, headers: { Origin: "https://evil.example" } });
    expect(foreign.status).toBe(403);
    expect(logLines.some((l) => l.includes("rpc listening on the Ethereum port"))).toBe(true);
    await node.stop("test");
    expect(await ws.closed).toBe(1006);
    await expect(send(ethPort, { path: "/", body: getVersion })).rejects.toThrow();
  });

  it("refuses an Ethereum port equal to the RPC port", async () => {
    const env = { THETA_RPC_PORT: "18888", THETA_METRICS_PORT: "0", THETA_RPC_ETHPORT: "18888" };
    expect(
      await codeOf(startNode(deps({ env }), { paths: resolvePaths({ config: dir }), password: undefined })),
    ).toBe(StartErrorCode.PortClash);
  });

  it("refuses --chain_import and several key files", async () => {
    const paths = resolvePaths({ config: dir });
    expect(await codeOf(startNode(deps(), { paths, password: undefined, chainImport: "x" }))).toBe(
      StartErrorCode.Unsupported,
    );
    await mkdir(nodeKeyDir(dir), { recursive: true });
    await writeFile(join(nodeKeyDir(dir), "A"), "{}");
    await writeFile(join(nodeKeyDir(dir), "B"), "{}");
    expect(await codeOf(startNode(deps(), { paths, password: undefined }))).toBe(
      NodeKeyErrorCode.MultipleKeys,
    );
  });
});
