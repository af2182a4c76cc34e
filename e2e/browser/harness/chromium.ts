/** Chromium from Debian: installed when missing, if this process may (root with apt-get). */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

export const CHROMIUM = "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Undefined when Chromium is there (installing it first if need be), else why it is not. */
export function ensureChromium(): string | undefined {
  if (existsSync(CHROMIUM)) return undefined;
  const apt = spawnSync("apt-get", ["--version"], { stdio: "ignore" }).status === 0;
  if (process.getuid?.() !== 0 || !apt) {
    return `${CHROMIUM} is absent, and installing it needs root and apt-get (apt-get install -y chromium)`;
  }
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const install = () =>
    spawnSync("apt-get", ["install", "-y", "--no-install-recommends", "chromium"], { env, encoding: "utf8" });
  console.log(`installing Chromium (${CHROMIUM} is absent)`);
  let r = install();
  if (r.status !== 0) {
    spawnSync("apt-get", ["update"], { env, stdio: "ignore" });
    r = install();
  }
  return existsSync(CHROMIUM) ? undefined : `apt-get install chromium failed:\n${r.stdout}\n${r.stderr}`;
}
