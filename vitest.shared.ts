import { defineConfig } from "vitest/config";

/** Shared vitest settings: tests run against package sources through the `@theta/source` condition. */
export const sharedConfig = defineConfig({
  resolve: { conditions: ["@theta/source", "module", "node", "import", "default"] },
  ssr: { resolve: { conditions: ["@theta/source", "module", "node", "import", "default"] } },
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
