/**
 * Tested as a person would use it: thetacli runs inside a real terminal (a detached tmux session),
 * the test types the password at the prompt and reads the screen back. The password must never
 * appear on screen, and the key it created must unlock with it.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { decryptKeystore } from "@theta/crypto";
import { nodeScrypt } from "@theta/platform-node";
import { afterAll, describe, expect, it } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../../..");
const hasTmux = spawnSync("tmux", ["-V"]).status === 0;
const session = `thetacli-test-${process.pid}`;
const dir = mkdtempSync(join(tmpdir(), "thetacli-tty-"));

afterAll(() => {
  if (hasTmux) spawnSync("tmux", ["kill-session", "-t", session]);
  rmSync(dir, { recursive: true, force: true });
});

const tmux = (...args: string[]): string => execFileSync("tmux", args, { encoding: "utf8" });
const screen = (): string => tmux("capture-pane", "-p", "-t", session);

/** Polls the screen until `text` shows (up to `tries` × 100 ms); returns the screen. */
async function waitFor(text: string, tries = 300): Promise<string> {
  for (let i = 0; i < tries; i++) {
    const s = screen();
    if (s.includes(text)) return s;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`"${text}" never appeared; screen:\n${screen()}`);
}

describe.skipIf(!hasTmux)("thetacli on a terminal (tmux)", () => {
  it("key new prompts, hides the typed password, and writes a key that unlocks with it", async () => {
    const password = "tmux-Secret-42";
    const cmd = [
      process.execPath,
      "--conditions=@theta/source",
      "--import",
      "tsx",
      join(root, "apps/thetacli/src/main.ts"),
      "key",
      "new",
      `--config=${dir}`,
      ";",
      "echo",
      "EXIT=$?",
      ";",
      "sleep",
      "600",
    ].join(" ");
    tmux("new-session", "-d", "-s", session, "-x", "200", "-y", "50", "-c", root, cmd);
    await waitFor("Please enter password:");
    tmux("send-keys", "-t", session, "-l", password);
    tmux("send-keys", "-t", session, "Enter");
    const done = await waitFor("EXIT=");
    expect(done).toContain("EXIT=0");
    expect(done).toMatch(/Successfully created key: 0x[0-9a-fA-F]{40}/);
    expect(done).not.toContain(password);

    const files = readdirSync(join(dir, "keys/encrypted"));
    expect(files).toHaveLength(1);
    const text = readFileSync(join(dir, "keys/encrypted", files[0]!), "utf8");
    const key = await decryptKeystore(text, password, { scrypt: nodeScrypt });
    expect(key).toHaveLength(32);
  }, 60_000);
});
