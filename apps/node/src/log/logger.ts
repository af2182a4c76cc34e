import { type DestinationStream, type Level, type Logger, pino } from "pino";

/** Level names config.yaml may use (`log.levels`), as the reference's logrus names them. */
export const CONFIG_LOG_LEVELS = ["panic", "fatal", "error", "warn", "info", "debug"] as const;

/** Parsed `log.levels`: a default and per-module overrides, as pino levels. */
export interface LogLevels {
  readonly defaultLevel: Level;
  readonly modules: ReadonlyMap<string, Level>;
}

function toPino(level: string): Level {
  // pino has no "panic"; it is the most severe level, like fatal.
  return level === "panic" ? "fatal" : (level as Level);
}

/**
 * Parses `module:level,module:level` (already validated by the config schema). `*` sets the
 * default level; without it the default is warn, as in the reference.
 */
export function parseLogLevels(spec: string): LogLevels {
  let defaultLevel: Level = "warn";
  const modules = new Map<string, Level>();
  for (const part of spec.split(",")) {
    const [name, level] = part.split(":").map((s) => s.trim());
    if (name === undefined || level === undefined || name === "") continue;
    if (name === "*") defaultLevel = toPino(level);
    else modules.set(name, toPino(level));
  }
  return { defaultLevel, modules };
}

/** The node's loggers: one root and one child per module, each at its configured level. */
export interface NodeLogger {
  readonly root: Logger;
  /** The logger for `module` (e.g. "rpc", "node", "consensus"), tagged with `module`. */
  forModule(module: string): Logger;
  /** Writes out anything buffered (call before exiting). */
  flush(): void;
}

/** Creates pino loggers writing JSON lines to `destination` (stdout by default). */
export function createNodeLogger(levels: LogLevels, destination?: DestinationStream): NodeLogger {
  const dest = destination ?? pino.destination({ dest: 1, sync: true });
  const root = pino(
    { level: levels.defaultLevel, base: null, timestamp: pino.stdTimeFunctions.isoTime },
    dest,
  );
  const children = new Map<string, Logger>();
  return {
    root,
    forModule(module) {
      let child = children.get(module);
      if (child === undefined) {
        child = root.child({ module }, { level: levels.modules.get(module) ?? levels.defaultLevel });
        children.set(module, child);
      }
      return child;
    },
    flush() {
      root.flush();
    },
  };
}
