export { RLP_MAX_DEPTH, rlpDecode, rlpDecodeFirst } from "./decode.ts";
export { encodeBool, encodeString, encodeUint, rlpEncode } from "./encode.ts";
export { RlpErrorCode } from "./errors.ts";
export {
  decodeBigInt,
  decodeBool,
  decodeBytes,
  decodeFixedBytes,
  decodeList,
  decodeSmallUint,
  decodeString,
  decodeUint,
} from "./fields.ts";
export { isRlpList, type RlpItem } from "./item.ts";
