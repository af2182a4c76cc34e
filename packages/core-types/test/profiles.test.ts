import { describe, expect, it } from "vitest";
import {
  isActive,
  isCheckpoint,
  mainnet,
  maxGasLimit,
  minGasPrice,
  minSendTxFee,
  minTxFee,
  minValidatorStake,
  privatenet,
} from "../src/index.ts";

describe("chain profiles are frozen data", () => {
  it("cannot be mutated, deep included", () => {
    expect(Object.isFrozen(mainnet)).toBe(true);
    expect(Object.isFrozen(mainnet.heights)).toBe(true);
    expect(Object.isFrozen(privatenet.heights)).toBe(true);
    expect(() => {
      (mainnet.heights as { enableTheta2: bigint }).enableTheta2 = 0n;
    }).toThrow(TypeError);
  });
});

describe("mainnet follows the reference's schedule (docs/ledger.md §4.5, §11)", () => {
  it("fees change at HeightJune2021FeeAdjustment", () => {
    expect(minTxFee(mainnet, 10_709_539n)).toBe(10n ** 12n);
    expect(minTxFee(mainnet, 10_709_540n)).toBe(3n * 10n ** 17n);
    expect(minSendTxFee(mainnet, 10_709_540n, 2)).toBe(3n * 10n ** 17n);
    expect(minSendTxFee(mainnet, 10_709_540n, 4)).toBe(6n * 10n ** 17n);
    expect(minGasPrice(mainnet, 10_709_540n)).toBe(4n * 10n ** 12n);
    expect(maxGasLimit(mainnet, 10_709_539n)).toBe(10_000_000n);
  });
  it("checkpoints are h % 100 == 1 (docs/consensus.md §7.7)", () => {
    expect([1n, 101n, 5_877_401n].every((h) => isCheckpoint(mainnet, h))).toBe(true);
    expect([0n, 100n, 200n].some((h) => isCheckpoint(mainnet, h))).toBe(false);
  });
  it("smart contracts start at 8411427", () => {
    expect(isActive(mainnet, "enableSmartContract", 8_411_426n)).toBe(false);
    expect(isActive(mainnet, "enableSmartContract", 8_411_427n)).toBe(true);
    expect(minValidatorStake(mainnet, 14_526_119n)).toBe(2_000_000n * 10n ** 18n);
  });
});

describe("privatenet docs/decisions.md §2)", () => {
  it("has every feature at height 0 but the pre-2021 fees, and slashing on", () => {
    expect(isActive(privatenet, "enableSmartContract", 0n)).toBe(true);
    expect(isActive(privatenet, "enableTheta3", 0n)).toBe(true);
    expect(minGasPrice(privatenet, 1_000_000n)).toBe(10n ** 8n);
    expect(minTxFee(privatenet, 1_000_000n)).toBe(10n ** 12n);
    expect(privatenet.slashingEnabled).toBe(true);
    expect(mainnet.slashingEnabled).toBe(false);
    expect(privatenet.blockIntervalMs).toBe(2000);
  });
  it("keeps the 12-field genesis header layout of Theta's privatenet snapshot", () => {
    expect(privatenet.headerForks.theta2Height).toBe(1n);
  });
});
