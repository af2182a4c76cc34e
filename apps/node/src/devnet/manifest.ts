/**
 * `<devnet>/devnet.json`, written by `theta devnet init` for scripts and read by `theta devnet start`:
 * `{"chainId", "genesisHash", "nodes": [{"name", "role", "address", "dir", "rpcPort", "p2pPort", "metricsPort"}]}`,
 * `dir` relative to the devnet directory.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ThetaError } from "@theta/core-types";
import { z } from "zod";
import { DevnetErrorCode } from "./layout.ts";

export const MANIFEST_FILE = "devnet.json";

const port = z.number().int().min(1).max(65535);
const schema = z.object({
  chainId: z.string().min(1),
  genesisHash: z.string().regex(/^0x[0-9a-f]{64}$/),
  nodes: z
    .array(
      z.object({
        name: z.string().regex(/^[a-z]+-[0-9]+$/),
        role: z.enum(["validator", "guardian", "follower", "een"]),
        address: z.string().regex(/^0x[0-9a-fA-F]{40}$/),
        dir: z.string().min(1),
        rpcPort: port,
        p2pPort: port,
        metricsPort: port,
      }),
    )
    .min(1),
});

export type DevnetManifest = z.infer<typeof schema>;
export type DevnetNode = DevnetManifest["nodes"][number];

export async function writeManifest(devnetDir: string, m: DevnetManifest): Promise<string> {
  const file = join(devnetDir, MANIFEST_FILE);
  await writeFile(file, `${JSON.stringify(m, null, 2)}\n`);
  return file;
}

/** Reads and checks `<devnetDir>/devnet.json` (DEVNET_BAD_MANIFEST names the file and the field). */
export async function readManifest(devnetDir: string): Promise<DevnetManifest> {
  const file = join(devnetDir, MANIFEST_FILE);
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, "utf8"));
  } catch (e) {
    throw new ThetaError(
      DevnetErrorCode.BadManifest,
      `${file}: not readable as JSON (${(e as Error).message}); run \`theta devnet init\` first`,
      { cause: e },
    );
  }
  const r = schema.safeParse(value);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new ThetaError(DevnetErrorCode.BadManifest, `${file}: ${lines.join("; ")}`, { details: { file } });
  }
  return r.data;
}
