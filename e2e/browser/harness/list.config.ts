import { fileURLToPath } from "node:url";
import { defineConfig, mergeConfig } from "vitest/config";
import { sharedConfig } from "../../../vitest.shared.ts";

/** The packages' own vitest settings, rooted at the repository: `vitest list` names what Node runs. */
export default mergeConfig(
  sharedConfig,
  defineConfig({
    root: fileURLToPath(new URL("../../..", import.meta.url)),
    test: { include: ["packages/*/test/**/*.test.ts"] },
  }),
);
