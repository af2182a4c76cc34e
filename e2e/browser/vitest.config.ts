import { defineConfig } from "vitest/config";

// The suite bundles the package sources itself (esbuild, `@theta/source` condition) and imports
// none of them here, so the shared resolve conditions are not needed.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    pool: "forks",
    testTimeout: 120_000,
    hookTimeout: 600_000,
  },
});
