/** Compiles Solidity sources once per test file with the solc npm package, for Petersburg. */
import { createRequire } from "node:module";

const solc = createRequire(import.meta.url)("solc") as { compile(input: string): string };

/** Creation bytecode (hex, no 0x) of `contractName` in `source`. */
export function compile(source: string, contractName: string): string {
  const input = {
    language: "Solidity",
    sources: { "c.sol": { content: source } },
    settings: {
      evmVersion: "petersburg",
      optimizer: { enabled: true, runs: 200 },
      outputSelection: { "*": { "*": ["evm.bytecode.object"] } },
    },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input))) as {
    errors?: { severity: string; formattedMessage: string }[];
    contracts: Record<string, Record<string, { evm: { bytecode: { object: string } } }>>;
  };
  const errors = (output.errors ?? []).filter((e) => e.severity === "error");
  if (errors.length > 0) throw new Error(errors.map((e) => e.formattedMessage).join("\n"));
  const object = output.contracts["c.sol"]?.[contractName]?.evm.bytecode.object;
  if (object === undefined) throw new Error(`compile: no bytecode for ${contractName}`);
  return object;
}
