import { defineConfig } from "vitest/config";

// Not merged with ../../vitest.shared.ts on purpose: its resolve conditions (`@theta/source`,
// `module`, `import`, …) are handed to Node as --conditions, and with `import` among them
// `require("ws")` loads ws's ESM wrapper, so isomorphic-ws (web3.js's WebSocket) exports a module
// namespace instead of the constructor ("WebSocket is not a constructor"). The suites run the
// built node as a child process and import no workspace package, so Node's own conditions do.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    pool: "forks",
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
