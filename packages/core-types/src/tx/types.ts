/** The twelve Theta transaction types (docs/ledger.md §3.1, §3.3). Field order is the RLP order. */
import type { Coins } from "../ledger/coins.ts";
import type { Address } from "../ledger/primitives.ts";
import type { TxInput, TxOutput } from "../ledger/txio.ts";

/** Type tags as on the wire (RLP of a uint16: 0 → 0x80, 1..11 → 0x01..0x0b) and in RPC JSON. */
export const TxType = {
  Coinbase: 0,
  Slash: 1,
  Send: 2,
  ReserveFund: 3,
  ReleaseFund: 4,
  ServicePayment: 5,
  SplitRule: 6,
  SmartContract: 7,
  DepositStake: 8,
  WithdrawStake: 9,
  DepositStakeV2: 10,
  StakeRewardDistribution: 11,
} as const;
export type TxType = (typeof TxType)[keyof typeof TxType];

/** Stake purposes. */
export const StakePurpose = { Validator: 0, Guardian: 1, EliteEdgeNode: 2 } as const;

/** One beneficiary of a split rule and its percentage. */
export interface Split {
  readonly address: Address;
  /** Go `uint` (64-bit): a percentage 0..100 once validated. */
  readonly percentage: bigint;
}

/** The block reward, issued by the proposer. */
export interface CoinbaseTx {
  readonly type: typeof TxType.Coinbase;
  readonly proposer: TxInput;
  readonly outputs: readonly TxOutput[];
  readonly blockHeight: bigint;
}
/** Slashes an overspending micropayment pool's collateral, with its proof. */
export interface SlashTx {
  readonly type: typeof TxType.Slash;
  readonly proposer: TxInput;
  readonly slashedAddress: Address;
  readonly reserveSequence: bigint;
  readonly slashProof: Uint8Array;
}
/** Moves coins from inputs to outputs, paying a fee. */
export interface SendTx {
  readonly type: typeof TxType.Send;
  readonly fee: Coins;
  readonly inputs: readonly TxInput[];
  readonly outputs: readonly TxOutput[];
}
/** Locks a micropayment pool for resources until a height. */
export interface ReserveFundTx {
  readonly type: typeof TxType.ReserveFund;
  readonly fee: Coins;
  readonly source: TxInput;
  readonly collateral: Coins;
  readonly resourceIds: readonly string[];
  readonly duration: bigint;
}
/** Releases an expired micropayment pool. */
export interface ReleaseFundTx {
  readonly type: typeof TxType.ReleaseFund;
  readonly fee: Coins;
  readonly source: TxInput;
  readonly reserveSequence: bigint;
}
/** An off-chain payment from a pool to a target, settled on chain by the target. */
export interface ServicePaymentTx {
  readonly type: typeof TxType.ServicePayment;
  readonly fee: Coins;
  readonly source: TxInput;
  readonly target: TxInput;
  readonly paymentSequence: bigint;
  readonly reserveSequence: bigint;
  readonly resourceId: string;
}
/** Sets how payments for a resource are split. */
export interface SplitRuleTx {
  readonly type: typeof TxType.SplitRule;
  readonly fee: Coins;
  readonly resourceId: string;
  readonly initiator: TxInput;
  readonly splits: readonly Split[];
  readonly duration: bigint;
}
/** Deploys or calls a contract. */
export interface SmartContractTx {
  readonly type: typeof TxType.SmartContract;
  readonly from: TxInput;
  readonly to: TxOutput;
  readonly gasLimit: bigint;
  readonly gasPrice: bigint;
  readonly data: Uint8Array;
}
/** Stakes THETA with a validator or guardian (V1, no BLS data). */
export interface DepositStakeTx {
  readonly type: typeof TxType.DepositStake;
  readonly fee: Coins;
  readonly source: TxInput;
  readonly holder: TxOutput;
  readonly purpose: number;
}
/** Starts the withdrawal of a stake. */
export interface WithdrawStakeTx {
  readonly type: typeof TxType.WithdrawStake;
  readonly fee: Coins;
  readonly source: TxInput;
  readonly holder: TxOutput;
  readonly purpose: number;
}
/** Stakes with a validator, guardian or elite edge node, with its BLS key and proof of possession. */
export interface DepositStakeTxV2 {
  readonly type: typeof TxType.DepositStakeV2;
  readonly fee: Coins;
  readonly source: TxInput;
  readonly holder: TxOutput;
  readonly purpose: number;
  /** 48-byte compressed G1 point, or empty. */
  readonly blsPubkey: Uint8Array;
  /** 96-byte compressed G2 point (proof of possession), or empty. */
  readonly blsPop: Uint8Array;
  /** The holder's 65-byte secp256k1 signature over the PoP bytes, or empty. */
  readonly holderSig: Uint8Array;
}
/** Sets how a stake holder shares its rewards with a beneficiary. */
export interface StakeRewardDistributionTx {
  readonly type: typeof TxType.StakeRewardDistribution;
  readonly fee: Coins;
  readonly holder: TxInput;
  readonly beneficiary: TxOutput;
  readonly splitBasisPoint: bigint;
}

/** Any of the twelve transactions, told apart by `type`. */
export type Tx =
  | CoinbaseTx
  | SlashTx
  | SendTx
  | ReserveFundTx
  | ReleaseFundTx
  | ServicePaymentTx
  | SplitRuleTx
  | SmartContractTx
  | DepositStakeTx
  | WithdrawStakeTx
  | DepositStakeTxV2
  | StakeRewardDistributionTx;

/** Human-readable names, for messages. */
export const TX_TYPE_NAMES: Readonly<Record<TxType, string>> = {
  0: "CoinbaseTx",
  1: "SlashTx",
  2: "SendTx",
  3: "ReserveFundTx",
  4: "ReleaseFundTx",
  5: "ServicePaymentTx",
  6: "SplitRuleTx",
  7: "SmartContractTx",
  8: "DepositStakeTx",
  9: "WithdrawStakeTx",
  10: "DepositStakeTxV2",
  11: "StakeRewardDistributionTx",
};
