/**
 * `npm run demo:streaming`: builds the viewer page, starts a privatenet node (or uses the one
 * `--rpc=<url>` names), two relays and the page server on 127.0.0.1, prints the URL to open, and
 * stops everything on Ctrl-C.
 *
 * Options: --rpc=<url>, --port=<page port> (default 8090), --chunks=<n>, --block-ms=<ms>.
 */
import { CHUNK_SIZE, PRICE_PER_CHUNK } from "./protocol.ts";
import { startStack } from "./stack.ts";

function option(name: string): string | undefined {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit?.slice(name.length + 3);
}

async function main(): Promise<void> {
  const rpcUrl = option("rpc");
  const chunks = option("chunks");
  console.log(rpcUrl ? `using the node at ${rpcUrl}` : "starting a privatenet node…");
  const stack = await startStack({
    ...(rpcUrl === undefined ? {} : { rpcUrl }),
    ...(chunks === undefined ? {} : { chunks: Number(chunks) }),
    blockIntervalMs: Number(option("block-ms") ?? 1000),
    pagePort: Number(option("port") ?? 8090),
    log: (line) => console.error(`[theta] ${line}`),
  });
  const [a, b] = stack.relays;
  console.log(
    [
      "",
      `node RPC        ${stack.rpcUrl}`,
      `relay A         ${a!.url}  (${a!.relay.info().address})`,
      `relay B         ${b!.url}  (${b!.relay.info().address})`,
      `media           ${a!.relay.info().totalBytes} bytes, ${a!.relay.info().chunks} chunks of ${CHUNK_SIZE} B, ${Number(PRICE_PER_CHUNK) / 1e18} TFuel each`,
      "",
      `open            ${stack.page.url}`,
      `the cheater     ${stack.page.url}?cheat=1`,
      "",
      "Ctrl-C stops everything.",
    ].join("\n"),
  );
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    console.log("\nstopping…");
    stack.stop().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error(e);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
