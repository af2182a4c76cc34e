import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

it("the streaming example runs and tells the whole story", () => {
  const out = execFileSync(
    process.execPath,
    ["--conditions=@theta/source", "--import", "tsx", "examples/streaming.ts"],
    {
      cwd: root,
      encoding: "utf8",
    },
  );
  expect(out).toContain("relay 2 still holds 6 TFUEL");
  expect(out).toContain("refuses to overspend");
  expect(out).toContain("OVERSPEND");
  expect(out.match(/settles/g)).toHaveLength(3);
});
