/**
 * `thetacli daemon start [--port 16889] [--host 127.0.0.1] [--allowed-origins …] [--allowed-hosts …]
 * [--token … | --token-file …]`: the wallet daemon (docs/interfaces.md §2.3).
 */
import { readFile } from "node:fs/promises";
import { ThetaError } from "@theta/core-types";
import { parseList } from "@theta/platform-node";
import type { Command } from "commander";
import type { CliContext } from "../context.ts";
import { startDaemonServer } from "../daemon/server.ts";
import { createDaemonService } from "../daemon/service.ts";

export const DaemonCmdErrorCode = {
  BadPort: "CLI_DAEMON_BAD_PORT",
  BadToken: "CLI_DAEMON_BAD_TOKEN",
} as const;

interface StartFlags {
  port: string;
  host: string;
  allowedOrigins?: string;
  allowedHosts?: string;
  token?: string;
  tokenFile?: string;
}

/** The bearer token of `--token` or the first line of `--token-file`, if either is given. */
async function tokenOf(o: StartFlags): Promise<string | undefined> {
  if (o.token !== undefined && o.tokenFile !== undefined)
    throw new ThetaError(DaemonCmdErrorCode.BadToken, "give either --token or --token-file, not both");
  const token =
    o.tokenFile !== undefined
      ? (await readFile(o.tokenFile, "utf8")).split(/\r?\n/)[0]!.trim()
      : o.token?.trim();
  if (token === "") throw new ThetaError(DaemonCmdErrorCode.BadToken, "the bearer token is empty");
  return token;
}

export function registerDaemonCommands(program: Command, ctx: () => CliContext): void {
  const daemon = program.command("daemon").description("Run thetacli as a JSON-RPC wallet daemon");
  daemon
    .command("start")
    .description("Serve the thetacli.* methods on http://<host>:<port>/rpc until interrupted")
    .option("--port <port>", "port to listen on", "16889")
    .option(
      "--host <host>",
      "interface to bind (the reference binds all; we default to loopback)",
      "127.0.0.1",
    )
    .option(
      "--allowed-origins <list>",
      "comma list of browser origins allowed to call (e.g. http://localhost:3000; * matches any run); none by default, since an allowed page can sign with unlocked keys",
    )
    .option(
      "--allowed-hosts <list>",
      "comma list of Host names accepted besides localhost, IP addresses and --host (a DNS rebinding guard)",
    )
    .option(
      "--token <token>",
      "require Authorization: Bearer <token> (visible to local users in ps: prefer --token-file)",
    )
    .option("--token-file <file>", "require Authorization: Bearer <the file's first line>")
    .addHelpText(
      "after",
      "\nExample:\n  thetacli daemon start --port=16889 --token-file=$HOME/.thetacli/daemon.token",
    )
    .action(async (o: StartFlags) => {
      if (!/^\d+$/.test(o.port) || Number(o.port) > 65535)
        throw new ThetaError(DaemonCmdErrorCode.BadPort, `--port: expected 0..65535, got '${o.port}'`);
      const token = await tokenOf(o);
      const c = ctx();
      const running = await startDaemonServer(createDaemonService({ configDir: c.configDir, rpc: c.rpc }), {
        port: Number(o.port),
        host: o.host,
        allowedOrigins: parseList(o.allowedOrigins ?? ""),
        allowedHosts: parseList(o.allowedHosts ?? ""),
        ...(token === undefined ? {} : { token }),
      });
      c.out(`thetacli daemon listening on ${running.url}`);
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off("SIGINT", stop);
          process.off("SIGTERM", stop);
          void running.close().then(resolve);
        };
        process.on("SIGINT", stop);
        process.on("SIGTERM", stop);
      });
    });
}
