/**
 * Sign bytes (docs/ledger.md §3.4): the signer's signature field(s) are blanked, the payload is
 * RLP(chain id) ‖ raw tx, and the payload is wrapped in an Ethereum-legacy-shaped list:
 *   V1: [0, 0, 0, <20 zero bytes>, 0, payload]
 *   V2: [0, 0, 0, <20 zero bytes>, 0, payload, 1, 0, 0]   (accepted from HeightTxWrapperExtension)
 * This module only builds bytes; @theta/crypto hashes and signs them.
 */
import { concatBytes } from "../bytes.ts";
import { ZERO_COINS } from "../ledger/coins.ts";
import { ZERO_ADDRESS } from "../ledger/primitives.ts";
import { unsigned } from "../ledger/txio.ts";
import { encodeString, encodeUint, type RlpItem, rlpEncode } from "../rlp/index.ts";
import { encodeTx } from "./codec.ts";
import {
  type DepositStakeTx,
  type DepositStakeTxV2,
  type ServicePaymentTx,
  type Tx,
  TxType,
} from "./types.ts";

/** The two sign-bytes layouts: V1 and the V2 wrapper. */
export const SignBytesWrapper = { V1: "v1", V2: "v2" } as const;
/** One of the {@link SignBytesWrapper} layouts. */
export type SignBytesWrapper = (typeof SignBytesWrapper)[keyof typeof SignBytesWrapper];

const EMPTY = new Uint8Array(0);

/** Wraps a payload in the Ethereum-shaped list. */
export function wrapSignPayload(
  payload: Uint8Array,
  wrapper: SignBytesWrapper = SignBytesWrapper.V1,
): Uint8Array {
  const fields: RlpItem[] = [EMPTY, EMPTY, EMPTY, ZERO_ADDRESS, EMPTY, payload];
  if (wrapper === SignBytesWrapper.V2) fields.push(encodeUint(1), EMPTY, EMPTY);
  return rlpEncode(fields);
}

function withChainId(chainId: string, raw: Uint8Array): Uint8Array {
  return concatBytes(rlpEncode(encodeString(chainId)), raw);
}

/** The legacy DepositStakeTx as the V2 transaction it is verified as. */
export function depositStakeToV2(tx: DepositStakeTx): DepositStakeTxV2 {
  return {
    type: TxType.DepositStakeV2,
    fee: tx.fee,
    source: tx.source,
    holder: tx.holder,
    purpose: tx.purpose,
    blsPubkey: EMPTY,
    blsPop: EMPTY,
    holderSig: EMPTY,
  };
}

function depositPayload(chainId: string, tx: DepositStakeTxV2): Uint8Array {
  const source = unsigned(tx.source);
  if (tx.purpose === 0) {
    // Validator deposits sign the legacy 4-field encoding (tag 8).
    return withChainId(
      chainId,
      encodeTx({ type: TxType.DepositStake, fee: tx.fee, source, holder: tx.holder, purpose: tx.purpose }),
    );
  }
  if (tx.purpose === 1 || tx.purpose === 2) return withChainId(chainId, encodeTx({ ...tx, source }));
  return rlpEncode(encodeString(chainId)); // any other purpose: the chain id alone
}

/** The unwrapped payload RLP(chain id) ‖ raw(tx with the signer's signatures blanked). */
export function signPayload(chainId: string, tx: Tx): Uint8Array {
  switch (tx.type) {
    case TxType.Coinbase:
      return withChainId(chainId, encodeTx({ ...tx, proposer: unsigned(tx.proposer) }));
    case TxType.Slash:
      return withChainId(chainId, encodeTx({ ...tx, proposer: unsigned(tx.proposer) }));
    case TxType.Send:
      return withChainId(chainId, encodeTx({ ...tx, inputs: tx.inputs.map(unsigned) }));
    case TxType.ReserveFund:
    case TxType.ReleaseFund:
    case TxType.WithdrawStake:
      return withChainId(chainId, encodeTx({ ...tx, source: unsigned(tx.source) }));
    case TxType.ServicePayment:
      return servicePaymentTargetPayload(chainId, tx);
    case TxType.SplitRule:
      return withChainId(chainId, encodeTx({ ...tx, initiator: unsigned(tx.initiator) }));
    case TxType.SmartContract:
      return withChainId(chainId, encodeTx({ ...tx, from: unsigned(tx.from) }));
    case TxType.DepositStake:
      return depositPayload(chainId, depositStakeToV2(tx));
    case TxType.DepositStakeV2:
      return depositPayload(chainId, tx);
    case TxType.StakeRewardDistribution:
      return withChainId(chainId, encodeTx({ ...tx, holder: unsigned(tx.holder) }));
  }
}

// Sign bytes by tx object: a tx is checked on admission, ahead of its block and by its executor,
// each time over the same bytes. Tx objects are immutable (readonly types; signing makes a new one).
interface SignBytesMemo {
  readonly chainId: string;
  readonly wrapper: SignBytesWrapper;
  readonly bytes: Uint8Array;
}
const signBytesMemo = new WeakMap<Tx, SignBytesMemo[]>();

/**
 * Sign bytes of a transaction for its (single) signer. For ServicePaymentTx these are the
 * *target's* sign bytes (its TxID is their hash); use `servicePaymentSourceSignBytes` for the
 * payer's off-chain signature. Remembered per tx object: the result must not be modified.
 */
export function txSignBytes(
  chainId: string,
  tx: Tx,
  wrapper: SignBytesWrapper = SignBytesWrapper.V1,
): Uint8Array {
  let memos = signBytesMemo.get(tx);
  if (memos === undefined) {
    memos = [];
    signBytesMemo.set(tx, memos);
  }
  // Almost always one chain and one wrapper per tx: a short list beats building a string key.
  for (const m of memos) if (m.chainId === chainId && m.wrapper === wrapper) return m.bytes;
  const bytes = wrapSignPayload(signPayload(chainId, tx), wrapper);
  memos.push({ chainId, wrapper, bytes });
  return bytes;
}

function servicePaymentTargetPayload(chainId: string, tx: ServicePaymentTx): Uint8Array {
  return withChainId(chainId, encodeTx({ ...tx, target: unsigned(tx.target) }));
}

/** The payer's sign bytes: commits only to source, amount, target, sequences and resource id. */
export function servicePaymentSourceSignBytes(chainId: string, tx: ServicePaymentTx): Uint8Array {
  const blanked: ServicePaymentTx = {
    ...tx,
    fee: ZERO_COINS,
    source: { address: tx.source.address, coins: tx.source.coins, sequence: 0n, signature: EMPTY },
    target: { address: tx.target.address, coins: ZERO_COINS, sequence: 0n, signature: EMPTY },
  };
  return wrapSignPayload(withChainId(chainId, encodeTx(blanked)));
}

/** The payee's sign bytes: the full tx (source signature included) with only the target's blanked. */
export function servicePaymentTargetSignBytes(chainId: string, tx: ServicePaymentTx): Uint8Array {
  return wrapSignPayload(servicePaymentTargetPayload(chainId, tx));
}
