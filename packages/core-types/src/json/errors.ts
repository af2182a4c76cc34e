/** Stable codes of JSON (RPC form) parsing failures. */
export const JsonErrorCode = {
  /** The value does not match the schema; the message names the field path and what was expected. */
  Invalid: "JSON_INVALID",
} as const;
export type JsonErrorCode = (typeof JsonErrorCode)[keyof typeof JsonErrorCode];
