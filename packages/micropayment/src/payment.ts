/** Building and reading off-chain payments (ServicePaymentTx as the payer signs it). */
import {
  type Address,
  decodeTx,
  isThetaError,
  type ServicePaymentTx,
  ThetaError,
  TxType,
  ZERO_COINS,
} from "@theta/core-types";
import { MicropaymentErrorCode } from "./errors.ts";

const EMPTY = new Uint8Array(0);

/** The unsigned off-chain payment: no fee, target sequence 0, target coins zero. */
export function unsignedPayment(
  source: Address,
  target: Address,
  amountTfuelWei: bigint,
  paymentSequence: bigint,
  reserveSequence: bigint,
  resourceId: string,
): ServicePaymentTx {
  return {
    type: TxType.ServicePayment,
    fee: ZERO_COINS,
    source: {
      address: source,
      coins: { thetaWei: 0n, tfuelWei: amountTfuelWei },
      sequence: 0n,
      signature: EMPTY,
    },
    target: { address: target, coins: ZERO_COINS, sequence: 0n, signature: EMPTY },
    paymentSequence,
    reserveSequence,
    resourceId,
  };
}

/** Decodes raw bytes that must be a ServicePaymentTx; any other input is a typed error. */
export function decodePayment(raw: Uint8Array): ServicePaymentTx {
  let tx: ReturnType<typeof decodeTx>;
  try {
    tx = decodeTx(raw);
  } catch (cause) {
    if (!isThetaError(cause)) throw cause;
    throw new ThetaError(MicropaymentErrorCode.Malformed, `payment: malformed bytes (${cause.message})`, {
      cause,
    });
  }
  if (tx.type !== TxType.ServicePayment) {
    throw new ThetaError(
      MicropaymentErrorCode.NotAServicePayment,
      `payment: expected a ServicePaymentTx (type 5), got type ${tx.type}`,
    );
  }
  return tx;
}
