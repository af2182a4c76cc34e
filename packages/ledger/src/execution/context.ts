/**
 * What an executor needs: the state view, the chain profile, the block height H (the parent
 * height P = H − 1 drives lazy release), the crypto, and whether to write (deliver) or only
 * screen (check).
 */
import type { Address, ChainProfile } from "@theta/core-types";
import type { ThetaCrypto } from "@theta/crypto";
import type { ContractRuntime } from "../ports.ts";
import type { BlockRewardInfo, BlockScratch } from "../rewards/blockInfo.ts";
import type { StateView } from "../state/stateView.ts";

/** Check mode screens a tx without writing; deliver mode writes its effects. */
export const ExecMode = { Check: "check", Deliver: "deliver" } as const;
/** One of the execution modes. */
export type ExecMode = (typeof ExecMode)[keyof typeof ExecMode];

/** The context of one transaction's execution. */
export interface ExecContext {
  readonly state: StateView;
  readonly profile: ChainProfile;
  /** The height of the block the tx is in (H); P = H − 1. */
  readonly height: bigint;
  readonly crypto: ThetaCrypto;
  readonly mode: ExecMode;
  /** The EVM, needed to deliver a SmartContractTx (check mode never runs it). */
  readonly runtime?: ContractRuntime;
  /** Block fields beyond the height (SmartContractTx's EVM context; the proposer). */
  readonly block?: ExecBlockInfo;
  /**
   * The block's validator set and aggregated votes (with the voted checkpoint's state): what a
   * CoinbaseTx is checked against and who may propose a SlashTx. Absent in mempool screening.
   */
  readonly rewards?: BlockRewardInfo;
  /**
   * Per-block scratch shared by the txs of one block: the "coinbase processed" flag and the
   * slash intents raised by overspending settlements. Absent in mempool screening.
   */
  readonly scratch?: BlockScratch;
}

/** What an executor may read about the block being built or validated, besides its height. */
export interface ExecBlockInfo {
  /** The parent block's timestamp (the EVM's TIMESTAMP). */
  readonly parentTimestamp: bigint;
  /** The block's proposer. */
  readonly proposer: Address;
}
