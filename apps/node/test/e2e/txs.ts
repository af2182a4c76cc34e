/** Signed transactions of the privatenet test keys, for the composition and end-to-end tests. */
import { coins, encodeTx, hexToBytes, parseAddress, type Tx, TxType } from "@theta/core-types";
import { defaultCrypto } from "@theta/crypto";
import { PRIVATENET_TEST_KEYS } from "../../src/genesis/privatenet.ts";

export const E18 = 10n ** 18n;
/** The privatenet profile's minimum transaction fee (1e12 TFuelWei). */
export const MIN_FEE = 10n ** 12n;

/** The private key of a fixture address (EIP-55, no 0x). */
export function keyOf(address: string): Uint8Array {
  const k = PRIVATENET_TEST_KEYS.find((x) => x.address === address);
  if (k === undefined) throw new Error(`not a fixture key: ${address}`);
  return hexToBytes(k.privateKey);
}

/** Signs `tx` for `chainId` with the key of `address` and returns the raw bytes. */
export function signed(chainId: string, address: string, tx: Tx): Uint8Array {
  return encodeTx(defaultCrypto.signTx(chainId, tx, keyOf(address)));
}

/** A SendTx of `theta`/`tfuel` wei from `from` (sequence `seq`) to `to`. */
export function sendTx(
  chainId: string,
  from: string,
  to: string,
  theta: bigint,
  tfuel: bigint,
  seq: bigint,
): Uint8Array {
  const fee = MIN_FEE;
  return signed(chainId, from, {
    type: TxType.Send,
    fee: coins(0n, fee),
    inputs: [
      {
        address: parseAddress(`0x${from}`),
        coins: coins(theta, tfuel + fee),
        sequence: seq,
        signature: new Uint8Array(0),
      },
    ],
    outputs: [{ address: parseAddress(`0x${to}`), coins: coins(theta, tfuel) }],
  });
}
