import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { hexToBytes } from "@theta/core-types";
import { encryptKeystore, serializeKeystore } from "@theta/crypto";
import { nodeRandom, nodeScrypt } from "@theta/platform-node";
import { runCli } from "../src/index.ts";
import { writeKeyFile } from "../src/wallet/keyDir.ts";

/** Runs the CLI in-process with scripted password answers; returns its exit code and output lines. */
export async function cli(argv: string[], answers: string[] = [], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const queue = [...answers];
  const prompts: string[] = [];
  const code = await runCli(argv, {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    env,
    ask: async (q) => {
      prompts.push(q);
      const a = queue.shift();
      if (a === undefined) throw new Error(`unexpected prompt: ${q}`);
      return a;
    },
  });
  return { code, out, err, prompts };
}

/** One JSON-RPC call as a fake node receives it. */
export interface FakeNodeCall {
  readonly method: string;
  // biome-ignore lint/suspicious/noExplicitAny: test doubles read whatever params a call carries
  readonly params: any[];
  readonly id: unknown;
}

/**
 * A stand-in node on 127.0.0.1 (a free port): `respond` returns the whole JSON-RPC response text
 * for each call, so tests can answer with numbers beyond 2^53.
 */
export async function startFakeNode(
  respond: (call: FakeNodeCall) => string,
): Promise<{ endpoint: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      res.setHeader("content-type", "application/json");
      res.end(respond(JSON.parse(body) as FakeNodeCall));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}/rpc`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** Writes a key file for `address` (password "pw" unless given), at a light scrypt cost for tests. */
export async function writeTestKey(
  configDir: string,
  address: string,
  privateKeyHex: string,
  password = "pw",
): Promise<void> {
  const ks = await encryptKeystore(
    hexToBytes(privateKeyHex),
    password,
    { random: nodeRandom, scrypt: nodeScrypt },
    { scryptN: 1024 },
  );
  writeKeyFile(configDir, hexToBytes(address), serializeKeystore(ks));
}
