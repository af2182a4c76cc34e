import { defineConfig } from "vitest/config";

// The suite imports no workspace package (it packs them and installs the tarballs elsewhere), so
// the shared `@theta/source` conditions are not needed.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    pool: "forks",
    testTimeout: 300_000,
    hookTimeout: 600_000,
  },
});
