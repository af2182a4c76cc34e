/** Local TCP port checks: is a port free on 127.0.0.1, and a free one picked by the OS. */
import { createServer } from "node:net";
import { ThetaError } from "@theta/core-types";
import { DevnetErrorCode } from "./layout.ts";

/** True when a listener could bind `port` on 127.0.0.1 a moment ago. */
export function isPortFree(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once("error", () => resolve(false));
    s.listen({ port, host, exclusive: true }, () => s.close(() => resolve(true)));
  });
}

/** A TCP port on 127.0.0.1 that was free a moment ago (picked by the OS). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Throws DEVNET_PORT_IN_USE naming the first taken port and what it was meant for. */
export async function checkPortsFree(
  ports: ReadonlyArray<{ readonly port: number; readonly use: string }>,
): Promise<void> {
  for (const p of ports) {
    if (!(await isPortFree(p.port))) {
      throw new ThetaError(
        DevnetErrorCode.PortInUse,
        `port ${p.port} (${p.use}) is in use on 127.0.0.1; pick another --base-port`,
        { details: { port: p.port, use: p.use } },
      );
    }
  }
}
