export * from "./errors.ts";
export * from "./framing.ts";
export * from "./markers.ts";
export * from "./reader.ts";
export * from "./types.ts";
export * from "./writer.ts";
