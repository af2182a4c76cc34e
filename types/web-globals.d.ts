/**
 * The few web-platform globals the pure packages use, declared without Node's or the DOM's types
 * (tsconfig.pure.json compiles them with `"types": []` and an ES lib only, so `Buffer`, `process`,
 * timers and `require` do not type-check there). Node ≥ 20 and browsers both provide these.
 */

interface TextEncoder {
  readonly encoding: string;
  encode(input?: string): Uint8Array<ArrayBuffer>;
}
declare var TextEncoder: {
  prototype: TextEncoder;
  new (): TextEncoder;
};

interface TextDecoder {
  readonly encoding: string;
  readonly fatal: boolean;
  readonly ignoreBOM: boolean;
  decode(input?: ArrayBufferView | ArrayBufferLike, options?: { stream?: boolean }): string;
}
declare var TextDecoder: {
  prototype: TextDecoder;
  new (label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean }): TextDecoder;
};

/** Base64 (forgiving) to a binary string; throws on invalid input. */
declare function atob(data: string): string;
/** A binary string (code points ≤ 0xff) to base64. */
declare function btoa(data: string): string;
/** A deep copy by the structured clone algorithm. */
declare function structuredClone<T>(value: T): T;
