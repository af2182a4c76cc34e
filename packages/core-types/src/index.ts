/**
 * Data types of the Theta chain, strict RLP codecs, JSON (RPC) shapes and zod schemas, chain
 * profiles as data, and the error base.
 *
 * @packageDocumentation
 */
export * from "./bytes.ts";
export * from "./consensus/index.ts";
export * from "./errors.ts";
export { goHexToBytes } from "./goHex.ts";
export * from "./json/index.ts";
export * from "./ledger/index.ts";
export * from "./profiles/index.ts";
export * from "./rlp/index.ts";
/** The RLP helpers as one namespace, for codecs that use many of them (`rlp.decodeList`, …). */
export * as rlp from "./rlp/index.ts";
export * from "./tx/index.ts";
