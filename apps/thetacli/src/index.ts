/**
 * `thetacli`, the wallet: keys, queries (and, next, transactions, dry runs, micropayments and the daemon).
 *
 * @packageDocumentation
 */
export { parseAmount } from "./amount.ts";
export { buildCli, type CliIo, runCli } from "./cli.ts";
export { formatSorted, parseJsonLossless } from "./jsonOutput.ts";
