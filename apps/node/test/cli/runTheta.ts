import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const APP_DIR = fileURLToPath(new URL("../../", import.meta.url));

/** Spawns `theta <args>` from sources, as `node --conditions=@theta/source --import tsx src/main.ts`. */
export function spawnTheta(args: readonly string[], env: Record<string, string> = {}): ChildProcess {
  const childEnv: Record<string, string | undefined> = { ...process.env, ...env };
  for (const k of Object.keys(childEnv)) if (k.startsWith("THETA_") && !(k in env)) delete childEnv[k];
  return spawn(process.execPath, ["--conditions=@theta/source", "--import", "tsx", "src/main.ts", ...args], {
    cwd: APP_DIR,
    env: childEnv,
    stdio: ["pipe", "pipe", "pipe"],
  });
}

/** Runs `theta <args>` to completion. */
export function runTheta(
  args: readonly string[],
  opts: { env?: Record<string, string>; stdin?: string } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawnTheta(args, opts.env);
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (c: Buffer) => {
      stdout += c.toString("utf8");
    });
    child.stderr?.on("data", (c: Buffer) => {
      stderr += c.toString("utf8");
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin?.end(opts.stdin ?? "");
  });
}

/** Resolves with the first stdout JSON log line whose `msg` starts with `prefix`. */
export function waitForLog(child: ChildProcess, prefix: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    let buffered = "";
    const onData = (c: Buffer): void => {
      buffered += c.toString("utf8");
      for (const line of buffered.split("\n")) {
        if (!line.startsWith("{")) continue;
        try {
          const entry = JSON.parse(line) as Record<string, unknown>;
          if (typeof entry.msg === "string" && entry.msg.startsWith(prefix)) {
            child.stdout?.off("data", onData);
            resolve(entry);
            return;
          }
        } catch {
          // an incomplete line; wait for more
        }
      }
    };
    child.stdout?.on("data", onData);
    child.on("close", (code) => reject(new Error(`theta exited (${code}) before logging "${prefix}"`)));
  });
}
