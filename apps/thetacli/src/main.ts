#!/usr/bin/env node
/** Entry point of the `thetacli` binary. */
import { runCli } from "./cli.ts";

const code = await runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
});
process.exit(code);
