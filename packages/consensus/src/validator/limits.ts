/**
 * The validator engine's memory bounds: everything a peer can make the engine keep (queued messages,
 * parked blocks, votes, proposal records, invalid hashes) is limited by count, by bytes or by a window
 * around the local chain, so a key outside the validator set, or a Byzantine validator, cannot grow the
 * engine's memory without bound. The README ("Limits") gives the reasons for each figure.
 */

/** Inbound messages queued at most (the reference's queues hold 512 per kind). */
export const MAX_QUEUED_MESSAGES = 8192;
/** Payload bytes of the queued inbound messages at most (five of the largest block messages, 12 MiB). */
export const MAX_QUEUED_BYTES = 64 * 1024 * 1024;

/**
 * Blocks are parked (waiting for a missing parent) only up to this many heights above the last finalized
 * block; a vote for an unknown block is indexed, and the block requested, only within the same window.
 * Memory is bounded by the count and byte caps below, not by this window: it is wide so that a node far
 * behind (restarted after a long time offline) still catches up by walking back in rounds of at most
 * MAX_PARKED_BLOCKS; only a block claiming a height absurdly far ahead is refused outright.
 */
export const PARK_AHEAD_HEIGHTS = 1_000_000n;
/** Parked blocks at most; beyond it the farthest-ahead one (the oldest among equals) is evicted. */
export const MAX_PARKED_BLOCKS = 512;
/** Encoded bytes of the parked blocks at most, evicted the same way. */
export const MAX_PARKED_BYTES = 32 * 1024 * 1024;

/** Per-epoch bookkeeping (seen votes, proposal records, epoch votes) older than this is forgotten. */
export const RETAIN_EPOCHS = 1024n;
/** Votes more than this many epochs ahead of the current epoch are not cached nor indexed by block. */
export const VOTE_EPOCHS_AHEAD = 1024n;
/** Verified-vote cache entries at most (oldest first out). */
export const MAX_SEEN_VOTES = 16_384;
/** Unknown blocks the vote index holds votes for at most (the farthest-ahead, oldest first, out). */
export const MAX_VOTED_UNKNOWN_BLOCKS = 1024;
/** Votes of one validator kept within its latest epoch, for vote evidence. */
export const MAX_SAME_EPOCH_VOTES = 8;
/** First-proposal records (proposer and epoch, for proposal evidence) at most (oldest first out). */
export const MAX_PROPOSAL_RECORDS = 4096;

/** Hashes of invalid blocks remembered at most (least recently used first out). */
export const MAX_INVALID_HASHES = 8192;
