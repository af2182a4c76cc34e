/**
 * The JSON-RPC 2.0 core the node's endpoints and the thetacli daemon share: envelope rules,
 * single and batch bodies, bounded body reads, and the Host/Origin/token access policy.
 */
export {
  type AccessDecision,
  type AccessPolicy,
  AccessPolicyErrorCode,
  type AccessPolicyOptions,
  createAccessPolicy,
  parseList,
} from "./access.ts";
export {
  INVALID_REQUEST,
  type JsonRpcErrorObject,
  type JsonRpcOutcome,
  notificationJSON,
  PARSE_ERROR,
  parseCall,
  type RpcCall,
  type RpcId,
  responseJSON,
} from "./envelope.ts";
export { type BodyReply, handleJsonRpcBody, type JsonRpcCore, type JsonRpcObserver } from "./handleBody.ts";
export { corsHeaders, mediaType, refuseUpgrade, writeRefusal } from "./http.ts";
export { type BodyRead, readBody } from "./readBody.ts";
