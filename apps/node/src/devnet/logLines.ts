/** Node output as `theta devnet start` shows it: each line prefixed with the node's name, in its colour. */

const PALETTE = [36, 33, 35, 32, 34, 31, 96, 93, 95, 92, 94, 91] as const;
const LEVELS: Record<number, string> = {
  10: "TRACE",
  20: "DEBUG",
  30: "INFO",
  40: "WARN",
  50: "ERROR",
  60: "FATAL",
};
const DROPPED = new Set(["level", "time", "pid", "hostname", "msg"]);

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function colourWanted(
  isTTY: boolean | undefined,
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  return isTTY === true && (env.NO_COLOR === undefined || env.NO_COLOR === "");
}

/** `text` in the colour of node number `index` (or plain). */
export function paint(text: string, index: number, colour: boolean): string {
  return colour ? `\x1b[${PALETTE[index % PALETTE.length]}m${text}\x1b[0m` : text;
}

/** A pino JSON line shortened to `LEVEL msg {other fields}`; other lines unchanged. */
export function compactLogLine(line: string): string {
  if (!line.startsWith("{")) return line;
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const level = typeof entry.level === "number" ? (LEVELS[entry.level] ?? String(entry.level)) : "";
  const rest = Object.fromEntries(Object.entries(entry).filter(([k]) => !DROPPED.has(k)));
  const tail = Object.keys(rest).length === 0 ? "" : ` ${JSON.stringify(rest)}`;
  return `${level.padEnd(5)} ${String(entry.msg ?? "")}${tail}`;
}

/** Builds the prefixer of one node: `name | line`, the name padded to `width`. */
export function linePrefixer(
  name: string,
  index: number,
  width: number,
  colour: boolean,
): (line: string) => string {
  const prefix = paint(name.padEnd(width), index, colour);
  return (line) => `${prefix} | ${compactLogLine(line)}`;
}
