/**
 * The fake chain's mempool admission (fakeChain.ts): a Send tx must decode, be new, come from a
 * known account with a valid signature and the next sequence; an ETH-signed contract tx must
 * recover its sender under privatenet's EVM chain id.
 */
import {
  type Account,
  bytesToHex,
  decodeTx,
  equalBytes,
  ethSigningPreimage,
  isThetaError,
  SignBytesWrapper,
  type SmartContractTx,
  type Tx,
  TxType,
} from "@theta/core-types";
import { verifyTxSignature } from "@theta/crypto";
import type { MempoolTxStatus } from "../../../src/rpc/chainQuery.ts";
import { CHAIN_ID, crypto } from "./chainData.ts";

const key = (b: Uint8Array): string => bytesToHex(b);
/** privatenet's EVM chain id (6 + 360). */
export const EVM_CHAIN_ID = 366n;

/** Admission against `accounts` (whose sequences it bumps) and the txs already in `mempool`. */
export function createAdmission(
  accounts: Map<string, Account>,
  mempool: ReadonlyMap<string, MempoolTxStatus>,
): (raw: Uint8Array) => { ok: true; tx: Tx } | { ok: false; message: string } {
  function admit(raw: Uint8Array): { ok: true; tx: Tx } | { ok: false; message: string } {
    let tx: Tx;
    try {
      tx = decodeTx(raw);
    } catch (e) {
      if (isThetaError(e)) return { ok: false, message: `Error decoding tx: ${e.message}` };
      throw e;
    }
    if (mempool.has(key(crypto.txHash(raw)))) return { ok: false, message: "Transaction already seen" };
    if (tx.type === TxType.SmartContract) return admitEth(tx);
    if (tx.type !== TxType.Send) return { ok: false, message: "tx type not supported yet" };
    const input = tx.inputs[0]!;
    const account = accounts.get(key(input.address));
    if (account === undefined)
      return {
        ok: false,
        message: `Account with address ${crypto.toChecksumAddress(input.address)} is not found`,
      };
    const signer = verifyTxSignature(crypto, CHAIN_ID, tx, input.signature, input.address, [
      SignBytesWrapper.V1,
      SignBytesWrapper.V2,
    ]);
    if (signer === undefined) return { ok: false, message: `ValidateInputAdvanced: Invalid signature` };
    if (input.sequence !== account.sequence + 1n) {
      return {
        ok: false,
        message: `ValidateInputAdvanced: Got ${input.sequence}, expected ${account.sequence + 1n}. (acc.seq=${account.sequence})`,
      };
    }
    accounts.set(key(input.address), { ...account, sequence: input.sequence });
    return { ok: true, tx };
  }

  /** An ETH-signed contract tx: the signature must recover the sender under the chain's EVM id. */
  function admitEth(tx: SmartContractTx): { ok: true; tx: Tx } | { ok: false; message: string } {
    const signer = crypto.recoverEthAddress(
      crypto.keccak256(ethSigningPreimage(tx, EVM_CHAIN_ID)),
      tx.from.signature,
    );
    if (signer === undefined || !equalBytes(signer, tx.from.address)) {
      return { ok: false, message: "ValidateInputAdvanced: Invalid signature" };
    }
    return { ok: true, tx };
  }

  return admit;
}
