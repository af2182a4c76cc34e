/**
 * The load generator's accounts: deterministic secp256k1 keys (keccak256 of a seed and an
 * index), the genesis description that funds them beside the privatenet validator, and the
 * pre-signed SendTx stream (round r holds sequence r of every account).
 */
import { bytesToHex, coins, encodeTx, type SendTx, TxType, utf8ToBytes } from "@theta/core-types";
import { createCrypto, defaultCrypto, type ThetaCrypto } from "@theta/crypto";
import { PRIVATENET_GENESIS } from "../src/genesis/privatenet.ts";

/** One funded load account. */
export interface LoadAccount {
  readonly privateKey: Uint8Array;
  readonly address: Uint8Array;
}

/** A pre-signed tx: its raw bytes as the `0x` hex the RPC takes. */
export interface SignedLoadTx {
  readonly hex: string;
}

/** The privatenet profile's minimum fee (1e12 TFuelWei). */
export const LOAD_FEE = 10n ** 12n;
const E18 = 10n ** 18n;

/** `count` accounts whose keys are keccak256(`seed` ‖ ":" ‖ index), skipping invalid scalars. */
export function deriveAccounts(crypto: ThetaCrypto, seed: string, count: number): LoadAccount[] {
  const out: LoadAccount[] = [];
  for (let i = 0; out.length < count; i++) {
    const sk = crypto.keccak256(utf8ToBytes(`${seed}:${i}`));
    if (!crypto.backend.isValidPrivateKey(sk)) continue;
    out.push({ privateKey: sk, address: crypto.privateKeyToAddress(sk) });
  }
  return out;
}

/**
 * The genesis description (JSON, the `theta genesis` format): the privatenet fixture's balances
 * and validator stake, plus 1,000 THETA and 1,000 TFuel for each load account.
 */
export function loadGenesisDescription(crypto: ThetaCrypto, accounts: readonly LoadAccount[]): string {
  const each = (1000n * E18).toString();
  return JSON.stringify({
    chainId: PRIVATENET_GENESIS.chainId,
    timestamp: Number(PRIVATENET_GENESIS.timestamp),
    balances: [
      ...PRIVATENET_GENESIS.balances,
      ...accounts.map((a) => ({
        address: crypto.toChecksumAddress(a.address),
        thetaWei: each,
        tfuelWei: each,
      })),
    ],
    validatorStakes: PRIVATENET_GENESIS.validatorStakes,
    guardianStakes: [],
  });
}

/** The load's transfer of round `r`: 1 TFuelWei from `from` to `to` with sequence `r`, not signed yet. */
export function unsignedLoadSend(from: LoadAccount, to: LoadAccount, r: number): SendTx {
  return {
    type: TxType.Send,
    fee: coins(0n, LOAD_FEE),
    inputs: [
      {
        address: from.address,
        coins: coins(0n, 1n + LOAD_FEE),
        sequence: BigInt(r),
        signature: new Uint8Array(0),
      },
    ],
    outputs: [{ address: to.address, coins: coins(0n, 1n) }],
  };
}
/**
 * Signs `rounds` SendTxs per account: in round r (1-based) account i sends 1 TFuelWei to
 * account i+1 with sequence r. Ordered round by round, so a sender's sequence r is submitted
 * long after its sequence r-1.
 */
export function presignSends(
  crypto: ThetaCrypto,
  chainId: string,
  accounts: readonly LoadAccount[],
  rounds: number,
): SignedLoadTx[] {
  const out: SignedLoadTx[] = [];
  for (let r = 1; r <= rounds; r++) {
    for (let i = 0; i < accounts.length; i++) {
      const from = accounts[i]!;
      const to = accounts[(i + 1) % accounts.length]!;
      const tx = unsignedLoadSend(from, to, r);
      out.push({ hex: `0x${bytesToHex(encodeTx(crypto.signTx(chainId, tx, from.privateKey)))}` });
    }
  }
  return out;
}

/** The native backend for signing when its binaries load, noble otherwise. */
export async function signingCrypto(): Promise<ThetaCrypto> {
  try {
    const { nativeBackend } = await import("@theta/crypto-native");
    return createCrypto(nativeBackend);
  } catch {
    return defaultCrypto;
  }
}
