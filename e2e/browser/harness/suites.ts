/**
 * What the browser runs: Node unit test files of the packages meant to run anywhere, unchanged.
 * Imports of Node-only modules are answered by stand-ins (standins/), and the tests that would
 * need the real thing are skipped by name, each pattern with its reason.
 */

/** Test files, relative to the repository root, grouped by package. */
export const BROWSER_SUITES: Record<string, readonly string[]> = {
  "core-types": [
    "txVectors",
    "ledgerVectors",
    "block",
    "vote",
    "consensusEnvelope",
    "rlp",
    "txDecoding",
    "txJson",
    "signBytesMemo",
    "profiles",
    "consensusProperties",
    "ledgerProperties",
  ],
  crypto: ["vectors", "bls"],
  micropayment: ["specVector", "relay", "overspend"],
  "trie-store": ["memoryKvStore", "stateTrie", "trieRoot", "nodeCodec"],
  ledger: ["stakeTxVectors", "trieStore", "ledgerChain", "sendTx", "servicePaymentTx", "micropaymentInterop"],
  consensus: ["specVectors", "wire", "harness", "scenarios", "engineBasic", "simulationProperties"],
};

export const browserTestFiles = (): string[] =>
  Object.entries(BROWSER_SUITES).flatMap(([pkg, names]) =>
    names.map((n) => `packages/${pkg}/test/${n}.test.ts`),
  );

/** Tests skipped in the browser (matched against "<describe> > … > <test>"), and why. */
export const BROWSER_SKIPS: readonly { readonly pattern: RegExp; readonly reason: string }[] = [
  { pattern: /^privatenet snapshot /, reason: "reads the conformance snapshot from disk" },
];

/** Module stand-ins (import specifier or path from the repository root → file in standins/). */
export const STANDINS: Record<string, string> = {
  "node:fs": "nodeFs.ts",
  "node:path": "nodePath.ts",
  "node:url": "nodeUrl.ts",
};
