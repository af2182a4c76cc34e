/** Bounded request body reads live in the shared JSON-RPC core. */
export { type BodyRead, readBody } from "@theta/platform-node";
