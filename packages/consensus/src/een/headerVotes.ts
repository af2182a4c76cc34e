/**
 * The EEN aggregate of a received header (docs/consensus.md §3.6, §1.7): it must name a checkpoint known
 * locally and verify against the EEN stake set in that checkpoint's state. A voted block unknown locally
 * is accepted only on a node that restarted from a later root (the block lies below the root), as for
 * guardian votes.
 */
import type { Block } from "@theta/core-types";
import type { Chain } from "../validator/chain.ts";
import type { EenAggregatorService } from "./service.ts";

/** Whether the block's EEN votes are acceptable (true when it has none or the node runs no aggregator). */
export async function eenVotesValid(
  b: Block,
  chain: Chain,
  een: Pick<EenAggregatorService, "validate"> | undefined,
  isCheckpoint: (height: bigint) => boolean,
): Promise<boolean> {
  const votes = b.header.eliteEdgeNodeVotes;
  if (votes === undefined || een === undefined) return true;
  const voted = chain.entry(votes.block);
  if (voted === undefined) return chain.header(chain.rootHash).height > 0n;
  const height = voted.block.header.height;
  if (!isCheckpoint(height)) return false;
  return een.validate(votes, height);
}
