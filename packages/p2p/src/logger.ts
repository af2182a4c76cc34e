/**
 * The logging this package needs: a subset of pino's API (`logger.warn({ peer }, "message")`), so the
 * node can pass `nodeLogger.forModule("p2p")` as is.
 */
export interface P2pLogger {
  /** Routine events (peer connected, message dropped). */
  debug(fields: Record<string, unknown>, message: string): void;
  /** Lifecycle events (started, stopped). */
  info(fields: Record<string, unknown>, message: string): void;
  /** Something went wrong that the network survives (a seed is unreachable, a peer misbehaves). */
  warn(fields: Record<string, unknown>, message: string): void;
}

/** A logger that discards everything. */
export const silentLogger: P2pLogger = {
  debug() {},
  info() {},
  warn() {},
};
