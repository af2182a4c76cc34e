/**
 * Assembling a proposal (docs/consensus.md §2.3): the header's HCC is the highest committed block with its
 * votes (UniqueVoter, filtered by that block's validator set); the executor builds the body and state on
 * the tip; the engine signs the header; the proposal piggy-backs the HCC votes and this epoch's votes
 * (UniqueVoterAndBlock, filtered the same way) so that peers can catch up.
 */
import {
  type AggregatedEenVotes,
  type AggregatedVotes,
  type Block,
  equalBytes,
  filterByValidators,
  type HeaderForkHeights,
  headerSignBytes,
  mergeVoteSets,
  type Proposal,
  uniqueVoter,
  uniqueVoterAndBlock,
  type Vote,
} from "@theta/core-types";
import type { Executor, Signer } from "../ports.ts";
import type { Chain } from "./chain.ts";
import type { ValidatorSets } from "./validatorSets.ts";

/** What a proposal is built from. */
export interface ProposalInputs {
  readonly chain: Chain;
  readonly sets: ValidatorSets;
  readonly executor: Executor;
  readonly signer: Signer;
  readonly forks: HeaderForkHeights;
  /** The block to build on (the proposer's fork-choice tip). */
  readonly parent: Block;
  readonly epoch: bigint;
  /** Unix seconds. */
  readonly timestamp: bigint;
  /** The guardian aggregate for a checkpoint height, if any. */
  readonly guardianVotes: AggregatedVotes | undefined;
  /** The EEN aggregate for a checkpoint height from Theta3 on, if any. */
  readonly eliteEdgeNodeVotes?: AggregatedEenVotes | undefined;
  /** Votes of the current epoch known locally. */
  readonly epochVotes: readonly Vote[];
}

/** Builds and signs a block and the proposal that carries it. */
export async function buildProposal(inp: ProposalInputs): Promise<Proposal & { readonly block: Block }> {
  const { chain, sets, signer, forks } = inp;
  const self = signer.address();
  const hccBlock = chain.tree.highestCommitted();
  const hccSet = (await sets.validatorSet(hccBlock.hash)).map((v) => v.address);
  const hccVotes = equalBytes(hccBlock.hash, chain.rootHash)
    ? []
    : filterByValidators(uniqueVoter(chain.votesFor(hccBlock.hash)), hccSet);
  const ph = inp.parent.header;
  const built = await inp.executor.propose(ph, ph.height + 1n, inp.epoch, {
    proposer: self,
    hcc: { votes: hccVotes, blockHash: hccBlock.hash },
    guardianVotes: inp.guardianVotes,
    ...(inp.eliteEdgeNodeVotes === undefined ? {} : { eliteEdgeNodeVotes: inp.eliteEdgeNodeVotes }),
    timestamp: inp.timestamp,
  });
  const unsigned = { ...built.header, signature: undefined };
  const block: Block = {
    ...built,
    header: { ...unsigned, signature: signer.signSecp256k1(headerSignBytes(unsigned, forks)) },
  };
  const votes = filterByValidators(uniqueVoterAndBlock(mergeVoteSets(hccVotes, inp.epochVotes)), hccSet);
  return { block, proposerId: self, votes };
}
