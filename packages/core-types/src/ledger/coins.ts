/** Coins: a THETA and a TFuel amount in wei (docs/ledger.md §2.1). Go's nil amounts are 0 here. */
import { decodeBigInt, decodeList, encodeUint, type RlpItem } from "../rlp/index.ts";

/** Amounts of THETA and TFuel, in wei. */
export interface Coins {
  readonly thetaWei: bigint;
  readonly tfuelWei: bigint;
}

/** No THETA and no TFuel. */
export const ZERO_COINS: Coins = Object.freeze({ thetaWei: 0n, tfuelWei: 0n });

/** Coins of `thetaWei` THETA wei and `tfuelWei` TFuel wei. */
export function coins(thetaWei: bigint, tfuelWei: bigint): Coins {
  return { thetaWei, tfuelWei };
}

/** The RLP item of coins. */
export function coinsToItem(c: Coins): RlpItem {
  return [encodeUint(c.thetaWei), encodeUint(c.tfuelWei)];
}

/** Decodes coins' RLP item strictly. */
export function coinsFromItem(item: RlpItem, field: string): Coins {
  const [theta, tfuel] = decodeList(item, field, 2);
  return {
    thetaWei: decodeBigInt(theta!, `${field}.thetawei`),
    tfuelWei: decodeBigInt(tfuel!, `${field}.tfuelwei`),
  };
}

/** Arithmetic and comparisons on `Coins`, per component (Go's `Coins` methods). */
export const Coin = {
  /** a + b. */
  plus: (a: Coins, b: Coins): Coins => ({
    thetaWei: a.thetaWei + b.thetaWei,
    tfuelWei: a.tfuelWei + b.tfuelWei,
  }),
  /** a − b (may go negative; check with `isValid`). */
  minus: (a: Coins, b: Coins): Coins => ({
    thetaWei: a.thetaWei - b.thetaWei,
    tfuelWei: a.tfuelWei - b.tfuelWei,
  }),
  /** −a. */
  negative: (a: Coins): Coins => ({ thetaWei: -a.thetaWei, tfuelWei: -a.tfuelWei }),
  /** Both components ≥ 0. */
  isValid: (a: Coins): boolean => a.thetaWei >= 0n && a.tfuelWei >= 0n,
  /** Both components 0. */
  isZero: (a: Coins): boolean => a.thetaWei === 0n && a.tfuelWei === 0n,
  /** Go's IsPositive: one component > 0 and the other ≥ 0. */
  isPositive: (a: Coins): boolean =>
    (a.thetaWei > 0n && a.tfuelWei >= 0n) || (a.thetaWei >= 0n && a.tfuelWei > 0n),
  /** a − b is non-negative in both components. */
  isGTE: (a: Coins, b: Coins): boolean => a.thetaWei >= b.thetaWei && a.tfuelWei >= b.tfuelWei,
  /** Both components equal. */
  isEqual: (a: Coins, b: Coins): boolean => a.thetaWei === b.thetaWei && a.tfuelWei === b.tfuelWei,
  /** floor(x · pct / 100) per component. */
  percentage: (a: Coins, pct: bigint): Coins => ({
    thetaWei: (a.thetaWei * pct) / 100n,
    tfuelWei: (a.tfuelWei * pct) / 100n,
  }),
} as const;
