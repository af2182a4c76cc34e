/**
 * The fee payer's signature alone, checked before a tx is kept as waiting: the executors check
 * the sequence before the signature, so without this a tx with a future sequence and a forged
 * signature could sit in the pool until it expires.
 */
import {
  type ChainProfile,
  equalBytes,
  isActive,
  SignBytesWrapper,
  type Tx,
  TxType,
} from "@theta/core-types";
import { type ThetaCrypto, verifyTxSignature } from "@theta/crypto";
import { ethSignerOf } from "../execution/smartContractTx.ts";
import { txSender } from "./txPriority.ts";

/** True when the sender's signature (`txSender`) verifies as the executor would accept it at `height`. */
export function senderSignatureValid(
  crypto: ThetaCrypto,
  profile: ChainProfile,
  height: bigint,
  tx: Tx,
): boolean {
  const sender = txSender(tx);
  if (sender === undefined) return false;
  const v2 = isActive(profile, "txWrapperExtension", height) && tx.type !== TxType.ServicePayment;
  const wrappers = v2 ? [SignBytesWrapper.V1, SignBytesWrapper.V2] : [SignBytesWrapper.V1];
  if (
    verifyTxSignature(crypto, profile.chainId, tx, sender.signature, sender.address, wrappers) !== undefined
  ) {
    return true;
  }
  if (tx.type !== TxType.SmartContract || !isActive(profile, "rpcCompatibility", height)) return false;
  if (tx.from.coins.thetaWei !== 0n) return false;
  const signer = ethSignerOf({ crypto, profile, height }, tx);
  return signer !== undefined && equalBytes(signer, tx.from.address);
}
