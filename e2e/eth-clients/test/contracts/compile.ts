/**
 * Compiles the suites' contracts (Token.sol, Guard.sol) with solc-js 0.8.19 (offline, from
 * node_modules), standard JSON input, optimizer on, evmVersion "petersburg" (Theta's EVM: no
 * PUSH0, nothing past Constantinople/Petersburg). The output is computed once per process.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

/** A compiled contract: its ABI and creation bytecode. */
export interface Compiled {
  // biome-ignore lint/suspicious/noExplicitAny: an ABI is arbitrary JSON that each client types its own way
  readonly abi: any[];
  readonly bytecode: `0x${string}`;
  readonly deployedBytecode: `0x${string}`;
}

/** The suites' contracts by name. */
export interface Contracts {
  readonly Token: Compiled;
  readonly Guard: Compiled;
}

interface Solc {
  compile(input: string): string;
  version(): string;
}

interface SolcOutput {
  errors?: Array<{ severity: string; formattedMessage: string }>;
  contracts: Record<
    string,
    Record<
      string,
      {
        abi: unknown[];
        evm: { bytecode: { object: string }; deployedBytecode: { object: string } };
      }
    >
  >;
}

const SOURCES = ["Token.sol", "Guard.sol"] as const;
let cached: Contracts | undefined;

/** The solc-js version used (e.g. "0.8.19+commit.7dd6d404.Emscripten.clang"). */
export function solcVersion(): string {
  return loadSolc().version();
}

function loadSolc(): Solc {
  return createRequire(import.meta.url)("solc") as Solc;
}

/** Compiles (once) and returns the contracts. */
export function contracts(): Contracts {
  if (cached !== undefined) return cached;
  const sources: Record<string, { content: string }> = {};
  for (const f of SOURCES)
    sources[f] = { content: readFileSync(fileURLToPath(new URL(f, import.meta.url)), "utf8") };
  const input = {
    language: "Solidity",
    sources,
    settings: {
      evmVersion: "petersburg",
      optimizer: { enabled: true, runs: 200 },
      outputSelection: { "*": { "*": ["abi", "evm.bytecode.object", "evm.deployedBytecode.object"] } },
    },
  };
  const output = JSON.parse(loadSolc().compile(JSON.stringify(input))) as SolcOutput;
  const errors = (output.errors ?? []).filter((e) => e.severity === "error");
  if (errors.length > 0) throw new Error(`solc: ${errors.map((e) => e.formattedMessage).join("\n")}`);
  const get = (file: string, name: string): Compiled => {
    const c = output.contracts[file]?.[name];
    if (c === undefined) throw new Error(`solc produced no ${file}:${name}`);
    return {
      abi: c.abi,
      bytecode: `0x${c.evm.bytecode.object}`,
      deployedBytecode: `0x${c.evm.deployedBytecode.object}`,
    };
  };
  cached = { Token: get("Token.sol", "Token"), Guard: get("Guard.sol", "Guard") };
  return cached;
}
