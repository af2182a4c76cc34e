// Hardhat 2 configuration for a Theta node's Ethereum JSON-RPC API.
//
// - Network `theta`: the node's /rpc endpoint (THETA_RPC_URL, default the privatenet's
//   http://127.0.0.1:16888/rpc), EVM chain id 366, accounts from THETA_PRIVATE_KEYS
//   (comma-separated) or else the privatenet's funded test key.
// - Solidity 0.8.19 for evmVersion "petersburg" (Theta's EVM has no PUSH0 and nothing past
//   Petersburg), compiled by the solc-js in node_modules: the subtask that would download a
//   compiler is overridden, so compiling never goes to the network.
process.env.HARDHAT_DISABLE_TELEMETRY_PROMPT ??= "true";

const path = require("node:path");
const { subtask } = require("hardhat/config");
const { TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD } = require("hardhat/builtin-tasks/task-names");
require("@nomicfoundation/hardhat-ethers");

const SOLC_VERSION = "0.8.19";

/** Compile with node_modules/solc (solc-js 0.8.19), never a downloaded build. */
subtask(TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD, async ({ solcVersion }, _hre, runSuper) => {
  if (solcVersion !== SOLC_VERSION) return runSuper();
  const solcPackage = path.dirname(require.resolve("solc/package.json"));
  const solc = require("solc");
  return {
    compilerPath: path.join(solcPackage, "soljson.js"),
    isSolcJs: true,
    version: solcVersion,
    longVersion: solc.version().replace(/\.Emscripten\.clang$/, ""),
  };
});

/** The privatenet validator's key (fixtures/privatenet; public test key, TFuel on privatenet only). */
const PRIVATENET_TEST_KEY = "0x93a90ea508331dfdf27fb79757d4250b4e84954927ba0073cd67454ac432c737";

const accounts = (process.env.THETA_PRIVATE_KEYS ?? "")
  .split(",")
  .map((k) => k.trim())
  .filter((k) => k !== "")
  .map((k) => (k.startsWith("0x") ? k : `0x${k}`));

/** @type {import("hardhat/config").HardhatUserConfig} */
module.exports = {
  solidity: {
    version: SOLC_VERSION,
    settings: { evmVersion: "petersburg", optimizer: { enabled: true, runs: 200 } },
  },
  defaultNetwork: "theta",
  networks: {
    theta: {
      url: process.env.THETA_RPC_URL ?? "http://127.0.0.1:16888/rpc",
      chainId: 366,
      accounts: accounts.length > 0 ? accounts : [PRIVATENET_TEST_KEY],
      timeout: 60_000,
    },
  },
  mocha: { timeout: 120_000 },
};
