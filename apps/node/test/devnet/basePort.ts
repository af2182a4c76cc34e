/**
 * Base ports for devnet tests that start real processes. The range sits below Linux's ephemeral
 * ports (32768 and up), so no outgoing connection or `listen(0)` of a test running beside it can
 * take one of its ports between the check and the nodes' start, and a restarted node finds its
 * ports free again. Test files run in parallel processes, so each base is also reserved with a
 * lock directory holding the owner's pid; a lock whose owner is gone is taken over.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PORT_BLOCK } from "../../src/devnet/layout.ts";
import { isPortFree } from "../../src/devnet/ports.ts";

/** True while process `pid` exists. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== "ESRCH";
  }
}

/** Takes the lock for `base` unless a live process other than this one holds it. */
function reserve(base: number): boolean {
  const lock = join(tmpdir(), `theta-devnet-test-base-${base}`);
  const owner = join(lock, "pid");
  try {
    mkdirSync(lock);
  } catch {
    let pid = Number.NaN;
    try {
      pid = Number(readFileSync(owner, "utf8"));
    } catch {
      // Being written by its owner right now, or left half-made by a crash: leave it alone.
      return false;
    }
    // Ours already (handed out by an earlier call) or another live process's.
    if (Number.isSafeInteger(pid) && alive(pid)) return false;
    rmSync(lock, { recursive: true, force: true });
    try {
      mkdirSync(lock);
    } catch {
      return false;
    }
  }
  writeFileSync(owner, String(process.pid));
  return true;
}

/** A reserved base port whose rpc, p2p and metrics ports for `n` nodes are free right now. */
export async function freeBasePort(n: number, first = 20000 + (process.pid % 30) * 300): Promise<number> {
  for (let base = first; base + 3 * PORT_BLOCK < 32768; base += 300) {
    const ports = [0, 1, 2].flatMap((k) => Array.from({ length: n }, (_, i) => base + k * PORT_BLOCK + i));
    if (!(await Promise.all(ports.map((p) => isPortFree(p)))).every(Boolean)) continue;
    if (reserve(base)) return base;
  }
  throw new Error("no free port range below 32768");
}
