/** Coins: a THETA and a TFuel amount in wei (docs/ledger.md §2.1). Go's nil amounts are 0 here. */
import { decodeBigInt, decodeList, encodeUint, type RlpItem } from "../rlp/index.ts";

export interface Coins {
  readonly thetaWei: bigint;
  readonly tfuelWei: bigint;
}

export const ZERO_COINS: Coins = Object.freeze({ thetaWei: 0n, tfuelWei: 0n });

export function coins(thetaWei: bigint, tfuelWei: bigint): Coins {
  return { thetaWei, tfuelWei };
}

export function coinsToItem(c: Coins): RlpItem {
  return [encodeUint(c.thetaWei), encodeUint(c.tfuelWei)];
}

export function coinsFromItem(item: RlpItem, field: string): Coins {
  const [theta, tfuel] = decodeList(item, field, 2);
  return {
    thetaWei: decodeBigInt(theta!, `${field}.thetawei`),
    tfuelWei: decodeBigInt(tfuel!, `${field}.tfuelwei`),
  };
}

export const Coin = {
  plus: (a: Coins, b: Coins): Coins => ({
    thetaWei: a.thetaWei + b.thetaWei,
    tfuelWei: a.tfuelWei + b.tfuelWei,
  }),
  minus: (a: Coins, b: Coins): Coins => ({
    thetaWei: a.thetaWei - b.thetaWei,
    tfuelWei: a.tfuelWei - b.tfuelWei,
  }),
  negative: (a: Coins): Coins => ({ thetaWei: -a.thetaWei, tfuelWei: -a.tfuelWei }),
  isValid: (a: Coins): boolean => a.thetaWei >= 0n && a.tfuelWei >= 0n,
  isZero: (a: Coins): boolean => a.thetaWei === 0n && a.tfuelWei === 0n,
  /** Go's IsPositive: one component > 0 and the other ≥ 0. */
  isPositive: (a: Coins): boolean =>
    (a.thetaWei > 0n && a.tfuelWei >= 0n) || (a.thetaWei >= 0n && a.tfuelWei > 0n),
  /** a − b is non-negative in both components. */
  isGTE: (a: Coins, b: Coins): boolean => a.thetaWei >= b.thetaWei && a.tfuelWei >= b.tfuelWei,
  isEqual: (a: Coins, b: Coins): boolean => a.thetaWei === b.thetaWei && a.tfuelWei === b.tfuelWei,
  /** floor(x · pct / 100) per component. */
  percentage: (a: Coins, pct: bigint): Coins => ({
    thetaWei: (a.thetaWei * pct) / 100n,
    tfuelWei: (a.tfuelWei * pct) / 100n,
  }),
} as const;
