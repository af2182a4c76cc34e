/** `thetacli daemon start [--port 16889] [--host 127.0.0.1]`: the wallet daemon (interfaces.md §2.3). */
import { ThetaError } from "@theta/core-types";
import type { Command } from "commander";
import type { CliContext } from "../context.ts";
import { startDaemonServer } from "../daemon/server.ts";
import { createDaemonService } from "../daemon/service.ts";

export const DaemonCmdErrorCode = { BadPort: "CLI_DAEMON_BAD_PORT" } as const;

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
    .addHelpText("after", "\nExample:\n  thetacli daemon start --port=16889")
    .action(async (o: { port: string; host: string }) => {
      if (!/^\d+$/.test(o.port) || Number(o.port) > 65535)
        throw new ThetaError(DaemonCmdErrorCode.BadPort, `--port: expected 0..65535, got '${o.port}'`);
      const c = ctx();
      const running = await startDaemonServer(createDaemonService({ configDir: c.configDir, rpc: c.rpc }), {
        port: Number(o.port),
        host: o.host,
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
