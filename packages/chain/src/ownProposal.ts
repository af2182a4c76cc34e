/**
 * The executor's memory of its last proposal, so that the block it built is not executed again when
 * it comes back to `apply`.
 */
import { type BlockHeader, equalBytes, type Hash, type SlashIntent } from "@theta/core-types";
import type { TxOutcome } from "@theta/ledger";

/**
 * This node's last proposal: what its header will say and what building it produced. The state
 * it committed sits in the state's node buffer until the next `VersionedState.commit`, which
 * writes the nodes under the root it is given and drops the rest.
 */
export interface OwnProposal {
  readonly parent: Hash;
  readonly height: bigint;
  readonly timestamp: bigint;
  readonly proposer: Uint8Array;
  readonly txHash: Hash;
  readonly stateRoot: Hash;
  readonly outcomes: readonly TxOutcome[];
  readonly slashIntents: readonly SlashIntent[];
  /** The executor's count of state commits when the proposal was built. */
  readonly commitsBefore: number;
}

/** True when header `h` is the block `p` describes: same parent, height, time, proposer, txs and state. */
export function isOwnProposal(p: OwnProposal, h: BlockHeader): boolean {
  return (
    p.height === h.height &&
    p.timestamp === h.timestamp &&
    equalBytes(p.parent, h.parent) &&
    equalBytes(p.proposer, h.proposer) &&
    equalBytes(p.txHash, h.txHash) &&
    equalBytes(p.stateRoot, h.stateHash)
  );
}
