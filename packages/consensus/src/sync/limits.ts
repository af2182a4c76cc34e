/**
 * The header-first syncer's bounds and timings (docs/consensus.md §5.3): how far ahead of the local tip it
 * asks for blocks, how many hashes go in one request, how long a peer has to answer, and when a peer is
 * dropped from the sync peer set.
 */

/** Blocks requested ahead of the local tip at most: never more of the gap than this is held in memory. */
export const SYNC_WINDOW = 256;
/** Hashes per DataRequest the syncer sends (the responder serves at most 16 per request). */
export const SYNC_BATCH = 16;
/** Hashes one peer is asked for and has not answered yet, at most. */
export const SYNC_PER_PEER_IN_FLIGHT = 128;
/** Peers asked for inventory per round (the reference's active peers). */
export const SYNC_INVENTORY_PEERS = 4;
/** Hashes in an inventory response, and headers in a header response, beyond the located block. */
export const INVENTORY_MAX_HASHES = 49;
/** Entries a well-formed inventory or header response carries at most (49, the finalized head, one more). */
export const INVENTORY_MAX_ENTRIES = INVENTORY_MAX_HASHES + 2;
/** Locator hashes the responder reads at most. */
export const LOCATOR_MAX_STARTS = 64;
/** Bytes of a header or inventory message at most; larger ones are oversized. */
export const SYNC_MAX_HEADERS_BYTES = 1024 * 1024;
/** Bytes of a block message at most; larger ones are oversized. */
export const SYNC_MAX_BLOCK_BYTES = 16 * 1024 * 1024;
/** A request not answered within this many ms is asked again from another peer (the reference's 10 s). */
export const SYNC_REQUEST_TIMEOUT_MS = 10_000;
/** Inventory round period when the node is not syncing, ms (the reference's 6 s). */
export const SYNC_INVENTORY_PERIOD_MS = 6_000;
/** The syncer's tick: timeouts, verdicts of the engine on received blocks, the next requests, ms. */
export const SYNC_TICK_MS = 200;
/** Strikes (timeouts, unlinked answers) before a peer is dropped from the sync peer set. */
export const SYNC_MAX_STRIKES = 3;
/** How long a penalised peer stays out of the sync peer set, ms. */
export const SYNC_PENALTY_MS = 10 * 60_000;
/** How long a peer struck out by timeouts alone rests out of the sync peer set (still connected), ms. */
export const SYNC_TIMEOUT_REST_MS = 30_000;
/**
 * A node more than this many blocks below the best height peers named is syncing (header-first); within
 * it, the engine's backward fetch by hash fills the gap.
 */
export const SYNC_SHORT_GAP = 4n;
