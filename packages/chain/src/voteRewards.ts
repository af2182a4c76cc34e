/**
 * The vote part of a block's reward inputs (docs/ledger.md §8): a checkpoint header's guardian aggregate
 * and elite-edge-node aggregate, with the state of the checkpoint block the guardian votes name (its GCP
 * and EEN records decide who is paid). Without guardian votes the block pays validators only.
 */
import type { AggregatedEenVotes, AggregatedVotes, BlockHeader, Hash } from "@theta/core-types";
import type { BlockRewardInfo, Ledger } from "@theta/ledger";

/** The votes of a header and where to find the voted checkpoint's header. */
export interface VoteRewardInputs {
  readonly guardianVotes: AggregatedVotes | undefined;
  readonly eenVotes: AggregatedEenVotes | undefined;
  readonly headerOf: (hash: Hash) => Promise<BlockHeader | undefined>;
}

/** `validators` plus, when the header carries guardian votes for a stored checkpoint, the vote inputs. */
export async function rewardInfoWithVotes(
  ledger: Ledger,
  validators: BlockRewardInfo["validators"],
  inp: VoteRewardInputs,
): Promise<BlockRewardInfo> {
  const votes = inp.guardianVotes;
  if (votes === undefined) return { validators };
  const checkpoint = await inp.headerOf(votes.block);
  if (checkpoint === undefined) return { validators };
  return {
    validators,
    guardianVotes: votes,
    ...(inp.eenVotes === undefined ? {} : { eenVotes: inp.eenVotes }),
    voteCheckpointState: await ledger.view(checkpoint.stateHash),
  };
}
