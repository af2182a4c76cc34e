/** Test accounts with fixed private keys, and the signed SendTxs the tests feed the mempool. */
import { bytesToHex, coins, encodeTx, type Tx, TxType } from "@theta/core-types";
import { defaultCrypto } from "@theta/crypto";

export const E18 = 10n ** 18n;
/** The privatenet profile's minimum transaction fee (1e12 TFuelWei). */
export const MIN_FEE = 10n ** 12n;

/** An account: its private key and address. */
export interface TestAccount {
  readonly key: Uint8Array;
  readonly address: Uint8Array;
  /** `0x` + hex, as genesis descriptions take it. */
  readonly hex: string;
}

/** The account whose private key is 32 bytes of `fill` (1 to 255). */
export function account(fill: number): TestAccount {
  const key = new Uint8Array(32).fill(fill);
  const address = defaultCrypto.privateKeyToAddress(key);
  return { key, address, hex: `0x${bytesToHex(address)}` };
}

/** The validator of the test chains (all the stake), and two plain accounts. */
export const VALIDATOR = account(1);
export const ALICE = account(2);
export const BOB = account(3);
/** Funded accounts that each send one tx (sequence 1), so that any branch can take any of them. */
export const SENDERS: readonly TestAccount[] = Array.from({ length: 10 }, (_, i) => account(10 + i));

/** A signed SendTx of `tfuel` wei from `from` (sequence `seq`) to `to`, as raw bytes. */
export function sendTx(
  chainId: string,
  from: TestAccount,
  to: TestAccount,
  tfuel: bigint,
  seq: bigint,
): Uint8Array {
  const tx: Tx = {
    type: TxType.Send,
    fee: coins(0n, MIN_FEE),
    inputs: [
      {
        address: from.address,
        coins: coins(0n, tfuel + MIN_FEE),
        sequence: seq,
        signature: new Uint8Array(0),
      },
    ],
    outputs: [{ address: to.address, coins: coins(0n, tfuel) }],
  };
  return encodeTx(defaultCrypto.signTx(chainId, tx, from.key));
}
