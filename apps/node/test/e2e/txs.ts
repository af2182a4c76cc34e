/** Signed transactions of the privatenet test keys, for the composition and end-to-end tests. */
import { bytesToHex, coins, encodeTx, hexToBytes, parseAddress, type Tx, TxType } from "@theta/core-types";
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

const input = (address: string, theta: bigint, tfuel: bigint, seq: bigint) => ({
  address: parseAddress(`0x${address}`),
  coins: coins(theta, tfuel),
  sequence: seq,
  signature: new Uint8Array(0),
});
const output = (address: string, theta = 0n, tfuel = 0n) => ({
  address: parseAddress(`0x${address}`),
  coins: coins(theta, tfuel),
});
const fee = () => coins(0n, MIN_FEE);

/** A ReserveFundTx: `fund` TFuel wei reserved with `collateral`, for `resourceIds`. */
export function reserveFundTx(
  chainId: string,
  from: string,
  fund: bigint,
  collateral: bigint,
  resourceIds: string[],
  seq: bigint,
): Uint8Array {
  return signed(chainId, from, {
    type: TxType.ReserveFund,
    fee: fee(),
    source: input(from, 0n, fund, seq),
    collateral: coins(0n, collateral),
    resourceIds,
    duration: 1002n,
  });
}

/** A SplitRuleTx giving `percent` of `resourceId` payments to `to`. */
export function splitRuleTx(
  chainId: string,
  from: string,
  resourceId: string,
  to: string,
  percent: bigint,
  seq: bigint,
): Uint8Array {
  return signed(chainId, from, {
    type: TxType.SplitRule,
    fee: fee(),
    resourceId,
    initiator: input(from, 0n, 0n, seq),
    splits: [{ address: parseAddress(`0x${to}`), percentage: percent }],
    duration: 1000n,
  });
}

/** A DepositStakeTx (validator purpose) of `theta` wei from `from` to `holder`. */
export function depositStakeTx(
  chainId: string,
  from: string,
  holder: string,
  theta: bigint,
  seq: bigint,
): Uint8Array {
  return signed(chainId, from, {
    type: TxType.DepositStake,
    fee: fee(),
    source: input(from, theta, 0n, seq),
    holder: output(holder),
    purpose: 0,
  });
}

/** A WithdrawStakeTx (validator purpose) of `from`'s stake in `holder`. */
export function withdrawStakeTx(chainId: string, from: string, holder: string, seq: bigint): Uint8Array {
  return signed(chainId, from, {
    type: TxType.WithdrawStake,
    fee: fee(),
    source: input(from, 0n, 0n, seq),
    holder: output(holder),
    purpose: 0,
  });
}

/**
 * A ServicePaymentTx: `source` pays `amount` TFuel wei from its reserve (reserved at sequence
 * `reserveSeq`) to `target`, who submits it (sequence `targetSeq`) and pays the fee. Signed by both.
 */
export function servicePaymentTx(
  chainId: string,
  source: string,
  target: string,
  amount: bigint,
  resourceId: string,
  reserveSeq: bigint,
  targetSeq: bigint,
): Uint8Array {
  const tx: Tx = {
    type: TxType.ServicePayment,
    fee: fee(),
    source: input(source, 0n, amount, 1n),
    target: input(target, 0n, 0n, targetSeq),
    paymentSequence: 1n,
    reserveSequence: reserveSeq,
    resourceId,
  };
  const bySource = defaultCrypto.signTx(chainId, tx, keyOf(source));
  return encodeTx(defaultCrypto.signTx(chainId, bySource, keyOf(target)));
}

/** Runtime code that returns the 32-byte word 42; the init code copies it out and returns it. */
export const ANSWER_RUNTIME = hexToBytes("602a60005260206000f3");
export const ANSWER_INIT = hexToBytes(`600a600c600039600a6000f3${bytesToHex(ANSWER_RUNTIME)}`);

/** A SmartContractTx from `from` to `to` (undefined: a contract creation) with `data`. */
export function smartContractTx(
  chainId: string,
  from: string,
  to: string | undefined,
  data: Uint8Array,
  seq: bigint,
): Uint8Array {
  return signed(chainId, from, {
    type: TxType.SmartContract,
    from: input(from, 0n, 0n, seq),
    to: to === undefined ? { address: new Uint8Array(20), coins: coins(0n, 0n) } : output(to),
    gasLimit: 100_000n,
    gasPrice: 10n ** 9n,
    data,
  });
}
