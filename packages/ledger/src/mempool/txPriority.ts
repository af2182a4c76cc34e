/**
 * Who a tx belongs to in the mempool and what it pays per unit of gas (docs/ledger.md §4.5,
 * docs/consensus.md §5.4). Both are for ordering only; consensus never reads them.
 */
import { type Address, type ChainProfile, regularTxGas, type Tx, TxType } from "@theta/core-types";

/** The account whose sequence orders a tx: the fee payer's input. */
export interface TxSender {
  readonly address: Address;
  readonly sequence: bigint;
  readonly signature: Uint8Array;
}

/**
 * The sender of a tx as the reference's mempool groups it: the first input of a SendTx, the
 * target of a ServicePaymentTx (it pays the fee), the initiator, holder, from or source otherwise;
 * undefined for Coinbase and Slash (never admitted).
 */
export function txSender(tx: Tx): TxSender | undefined {
  switch (tx.type) {
    case TxType.Coinbase:
    case TxType.Slash:
      return undefined;
    case TxType.Send:
      return tx.inputs[0];
    case TxType.ServicePayment:
      return tx.target;
    case TxType.SplitRule:
      return tx.initiator;
    case TxType.SmartContract:
      return tx.from;
    case TxType.StakeRewardDistribution:
      return tx.holder;
    default:
      return tx.source;
  }
}

/**
 * The effective gas price: a SmartContractTx's gas price; otherwise the TFuel fee divided by the
 * nominal gas (10,000 before the June 2021 fee change, 80,000 after), a SendTx counting half of
 * that per account with a minimum of two accounts. 0 for Coinbase and Slash.
 */
export function effectiveGasPrice(profile: ChainProfile, height: bigint, tx: Tx): bigint {
  const gas = regularTxGas(profile, height);
  switch (tx.type) {
    case TxType.Coinbase:
    case TxType.Slash:
      return 0n;
    case TxType.SmartContract:
      return tx.gasPrice;
    case TxType.Send: {
      const accounts = BigInt(Math.max(2, tx.inputs.length + tx.outputs.length));
      return tx.fee.tfuelWei / ((gas / 2n) * accounts);
    }
    default:
      return tx.fee.tfuelWei / gas;
  }
}
