/**
 * The envelope rules (docs/interfaces.md §1.2) live in `@theta/platform-node`'s JSON-RPC core, shared
 * with the thetacli daemon; the node writes results with {@link stringifyJson} (JsonNumbers).
 */
import { responseJSON as coreResponseJSON, type JsonRpcOutcome, type RpcId } from "@theta/platform-node";
import { stringifyJson } from "./json/jsonText.ts";

export { INVALID_REQUEST, PARSE_ERROR, parseCall, type RpcCall, type RpcId } from "@theta/platform-node";

/**
 * A response, serialised with the reference's member order: jsonrpc, id, result | error. The
 * result goes through {@link stringifyJson}, so it may hold `JsonNumber`s; a value JSON cannot
 * carry exactly (e.g. a bigint) throws a TypeError.
 */
export function responseJSON(id: RpcId, outcome: JsonRpcOutcome): string {
  return coreResponseJSON(id, outcome, stringifyJson);
}
