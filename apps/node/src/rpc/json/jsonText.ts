/**
 * JSON text for RPC results. Go prints some unbounded integers (`*big.Int` without a wrapper,
 * plain `uint64`) as bare JSON numbers, which `JSON.stringify` cannot write exactly once they
 * pass 2^53; {@link JsonNumber} carries such a value and {@link stringifyJson} writes its digits
 * as they are.
 */

/** Digits of the JsonNumbers met while {@link stringifyJson} runs (JSON.stringify is synchronous). */
let sink: string[] | undefined;

/** A JSON number written verbatim from its decimal digits. */
export class JsonNumber {
  /** Decimal digits, optionally with a leading minus sign. */
  readonly digits: string;

  constructor(value: bigint) {
    this.digits = value.toString(10);
  }

  /** Inside {@link stringifyJson} a marker it replaces; elsewhere the digits as a string (lossless). */
  toJSON(): string {
    if (sink === undefined) return this.digits;
    sink.push(this.digits);
    return `\u0000N${sink.length - 1}`;
  }
}

/** Wraps a bigint that the reference prints as a bare JSON number. */
export function jsonNumber(value: bigint): JsonNumber {
  return new JsonNumber(value);
}

const MARKER = /"\\u0000N(\d+)"/g;

/**
 * Serialises `value` like `JSON.stringify` and writes {@link JsonNumber} digits verbatim. The
 * fast path is the native serialiser with each JsonNumber first written as a marker string
 * and then replaced; when a genuine string looks like a marker (the count of markers does not
 * match), the slower exact writer is used instead. A bigint anywhere throws a TypeError, so a
 * result that forgot a conversion is caught rather than printed wrongly.
 */
export function stringifyJson(value: unknown): string {
  const outer = sink;
  const digits: string[] = [];
  sink = digits;
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } finally {
    sink = outer;
  }
  if (text === undefined) throw new TypeError(`result: a ${typeof value} cannot be written as JSON`);
  if (digits.length === 0) return text;
  let seen = 0;
  const replaced = text.replace(MARKER, (_m, i: string) => {
    seen++;
    return digits[Number(i)] ?? "null";
  });
  if (seen === digits.length) return replaced;
  return stringifyExact(value);
}

/**
 * The exact writer: like `JSON.stringify` (members in insertion order, `undefined` members
 * skipped, `undefined` array elements as null) with JsonNumber digits written in place; a
 * bigint, a byte array, a non-finite number, a function or a class instance other than
 * JsonNumber throws a TypeError naming where it is.
 */
export function stringifyExact(value: unknown): string {
  const out: string[] = [];
  write(value, out, "result");
  return out.join("");
}

function write(value: unknown, out: string[], path: string): void {
  switch (typeof value) {
    case "string":
      out.push(JSON.stringify(value));
      return;
    case "boolean":
      out.push(value ? "true" : "false");
      return;
    case "number":
      if (!Number.isFinite(value)) throw new TypeError(`${path}: ${value} is not a JSON number`);
      out.push(JSON.stringify(value));
      return;
    case "object":
      writeObject(value, out, path);
      return;
    default:
      throw new TypeError(`${path}: a ${typeof value} cannot be written as JSON`);
  }
}

function writeObject(value: object | null, out: string[], path: string): void {
  if (value === null) {
    out.push("null");
    return;
  }
  if (value instanceof JsonNumber) {
    out.push(value.digits);
    return;
  }
  if (Array.isArray(value)) {
    out.push("[");
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.push(",");
      const item: unknown = value[i];
      if (item === undefined) out.push("null");
      else write(item, out, `${path}[${i}]`);
    }
    out.push("]");
    return;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    const name = (value as { constructor?: { name?: string } }).constructor?.name ?? "object";
    throw new TypeError(`${path}: a ${name} cannot be written as JSON`);
  }
  out.push("{");
  let first = true;
  for (const [key, member] of Object.entries(value)) {
    if (member === undefined) continue;
    if (!first) out.push(",");
    first = false;
    out.push(JSON.stringify(key), ":");
    write(member, out, `${path}.${key}`);
  }
  out.push("}");
}
