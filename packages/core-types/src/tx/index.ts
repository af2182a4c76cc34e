export { decodeTx, encodeTx, splitFromItem, splitToItem, txBodyFromItem, txBodyToItem } from "./codec.ts";
export { MAX_TX_SIZE, TxErrorCode } from "./errors.ts";
export {
  type ChainIdHeights,
  decodeEthLegacyTx,
  EthCompatErrorCode,
  type EthLegacyTx,
  ethSigningPreimage,
  ethTxEncoding,
  mapChainId,
} from "./ethCompat.ts";
export {
  depositStakeToV2,
  SignBytesWrapper,
  servicePaymentSourceSignBytes,
  servicePaymentTargetSignBytes,
  signPayload,
  txSignBytes,
  wrapSignPayload,
} from "./signBytes.ts";
export * from "./types.ts";
