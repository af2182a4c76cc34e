export * from "./accountJsonSchema.ts";
export * from "./errors.ts";
export * from "./ledgerJson.ts";
export { addressHex, base64Bytes, decimalString, hashHex, hexBytes, uint64String } from "./primitives.ts";
export { type ServicePaymentTxJson, servicePaymentToJson, type TxJson, txToJson } from "./txJson.ts";
export { TxJsonSchemas, txFromJson } from "./txJsonSchema.ts";
