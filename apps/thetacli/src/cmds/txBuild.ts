/**
 * Flags → unsigned transactions, exactly as the reference's thetacli builds them
 * (docs/interfaces.md §2.2). Pure functions, so the bytes are testable without a node.
 */
import {
  type Address,
  coins,
  type DepositStakeTxV2,
  type ReleaseFundTx,
  type ReserveFundTx,
  type SendTx,
  type SmartContractTx,
  type SplitRuleTx,
  type StakeRewardDistributionTx,
  ThetaError,
  TxType,
  txInput,
  type WithdrawStakeTx,
  ZERO_ADDRESS,
  ZERO_COINS,
} from "@theta/core-types";

export const TxBuildErrorCode = { Invalid: "CLI_INVALID_TX_FLAGS" } as const;
const fail = (message: string): never => {
  throw new ThetaError(TxBuildErrorCode.Invalid, message);
};
const tfuelFee = (fee: bigint) => coins(0n, fee);

export function buildSend(o: {
  from: Address;
  to: Address;
  theta: bigint;
  tfuel: bigint;
  fee: bigint;
  seq: bigint;
}): SendTx {
  return {
    type: TxType.Send,
    fee: tfuelFee(o.fee),
    inputs: [txInput(o.from, coins(o.theta, o.tfuel + o.fee), o.seq)],
    outputs: [{ address: o.to, coins: coins(o.theta, o.tfuel) }],
  };
}

export function buildReserve(o: {
  from: Address;
  fund: bigint;
  collateral: bigint;
  duration: bigint;
  resourceIds: string[];
  fee: bigint;
  seq: bigint;
}): ReserveFundTx {
  if (o.collateral <= 0n) fail("--collateral: expected a positive amount");
  return {
    type: TxType.ReserveFund,
    fee: tfuelFee(o.fee),
    source: txInput(o.from, coins(0n, o.fund), o.seq),
    collateral: coins(0n, o.collateral),
    resourceIds: o.resourceIds,
    duration: o.duration,
  };
}

export function buildRelease(o: {
  from: Address;
  reserveSeq: bigint;
  fee: bigint;
  seq: bigint;
}): ReleaseFundTx {
  return {
    type: TxType.ReleaseFund,
    fee: tfuelFee(o.fee),
    source: txInput(o.from, ZERO_COINS, o.seq),
    reserveSequence: o.reserveSeq,
  };
}

export function buildSplitRule(o: {
  from: Address;
  resourceId: string;
  addresses: Address[];
  percentages: bigint[];
  duration: bigint;
  fee: bigint;
  seq: bigint;
}): SplitRuleTx {
  if (o.addresses.length !== o.percentages.length) {
    fail(
      `--addresses and --percentages: expected as many percentages (${o.percentages.length}) as addresses (${o.addresses.length})`,
    );
  }
  for (const p of o.percentages) if (p > 100n) fail(`--percentages: ${p} is above 100`);
  return {
    type: TxType.SplitRule,
    fee: tfuelFee(o.fee),
    resourceId: o.resourceId,
    initiator: txInput(o.from, ZERO_COINS, o.seq),
    splits: o.addresses.map((address, i) => ({ address, percentage: o.percentages[i]! })),
    duration: o.duration,
  };
}

export function buildSmartContract(o: {
  from: Address;
  to: Address | undefined;
  value: bigint;
  gasPrice: bigint;
  gasLimit: bigint;
  data: Uint8Array;
  seq: bigint;
}): SmartContractTx {
  return {
    type: TxType.SmartContract,
    from: txInput(o.from, coins(0n, o.value), o.seq),
    to: { address: o.to ?? ZERO_ADDRESS, coins: ZERO_COINS },
    gasLimit: o.gasLimit,
    gasPrice: o.gasPrice,
    data: o.data,
  };
}

/** `tx deposit`: a DepositStakeTxV2; purposes 0 and 1 stake THETA, 2 stakes TFuel. */
export function buildDeposit(o: {
  source: Address;
  holder: Address;
  stake: bigint;
  purpose: number;
  fee: bigint;
  seq: bigint;
  blsPubkey?: Uint8Array;
  blsPop?: Uint8Array;
  holderSig?: Uint8Array;
}): DepositStakeTxV2 {
  if (![0, 1, 2].includes(o.purpose))
    fail(`--purpose: expected 0 (validator), 1 (guardian) or 2 (elite edge node), got ${o.purpose}`);
  const empty = new Uint8Array(0);
  return {
    type: TxType.DepositStakeV2,
    fee: tfuelFee(o.fee),
    source: txInput(o.source, o.purpose === 2 ? coins(0n, o.stake) : coins(o.stake, 0n), o.seq),
    holder: { address: o.holder, coins: ZERO_COINS },
    purpose: o.purpose,
    blsPubkey: o.blsPubkey ?? empty,
    blsPop: o.blsPop ?? empty,
    holderSig: o.holderSig ?? empty,
  };
}

export function buildWithdraw(o: {
  source: Address;
  holder: Address;
  purpose: number;
  fee: bigint;
  seq: bigint;
}): WithdrawStakeTx {
  return {
    type: TxType.WithdrawStake,
    fee: tfuelFee(o.fee),
    source: txInput(o.source, ZERO_COINS, o.seq),
    holder: { address: o.holder, coins: ZERO_COINS },
    purpose: o.purpose,
  };
}

export function buildDistribution(o: {
  holder: Address;
  beneficiary: Address;
  splitBasisPoint: bigint;
  fee: bigint;
  seq: bigint;
}): StakeRewardDistributionTx {
  if (o.splitBasisPoint > 10_000n) fail(`--split_basis_point: expected 0 to 10000, got ${o.splitBasisPoint}`);
  return {
    type: TxType.StakeRewardDistribution,
    fee: tfuelFee(o.fee),
    holder: txInput(o.holder, ZERO_COINS, o.seq),
    beneficiary: { address: o.beneficiary, coins: ZERO_COINS },
    splitBasisPoint: o.splitBasisPoint,
  };
}
