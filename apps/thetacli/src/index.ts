/**
 * `thetacli`, the wallet: keys, transactions, queries, contract dry runs, micropayments and the daemon.
 *
 * @packageDocumentation
 */
export { parseAmount } from "./amount.ts";
export { buildCli, type CliIo, runCli } from "./cli.ts";
export { handleRpcBody, type RunningDaemon, startDaemonServer } from "./daemon/server.ts";
export { createDaemonService, DaemonErrorCode, type DaemonService } from "./daemon/service.ts";
export { formatSorted, parseJsonLossless } from "./jsonOutput.ts";
