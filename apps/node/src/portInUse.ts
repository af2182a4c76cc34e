/**
 * A listener that cannot bind because its port is taken fails the start with one line naming the
 * config key that chose the port: `metrics.port: 127.0.0.1:16890 is already in use [NODE_PORT_IN_USE]`.
 */
import { ThetaError } from "@theta/core-types";

/** Stable code of a taken port. */
export const PortInUseErrorCode = "NODE_PORT_IN_USE";

/** The config keys whose listeners are checked. */
export type PortKey = "metrics.port" | "p2p.port" | "rpc.port" | "rpc.ethPort";

/** Whether `e` (or an error it wraps, or one of an aggregate's) is EADDRINUSE. */
export function isAddressInUse(e: unknown, depth = 0): boolean {
  if (depth > 4 || typeof e !== "object" || e === null) return false;
  const x = e as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (x.code === "EADDRINUSE") return true;
  if (typeof x.message === "string" && x.message.includes("EADDRINUSE")) return true;
  if (Array.isArray(x.errors) && x.errors.some((i) => isAddressInUse(i, depth + 1))) return true;
  return isAddressInUse(x.cause, depth + 1);
}

/** Runs `listen`; an EADDRINUSE failure becomes NODE_PORT_IN_USE naming `key`, others pass. */
export async function listenOn<T>(
  key: PortKey,
  where: { readonly address: string; readonly port: number },
  listen: () => Promise<T>,
): Promise<T> {
  try {
    return await listen();
  } catch (e) {
    if (!isAddressInUse(e)) throw e;
    throw new ThetaError(PortInUseErrorCode, `${key}: ${where.address}:${where.port} is already in use`, {
      cause: e,
    });
  }
}
