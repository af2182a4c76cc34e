/**
 * A received message is decoded once and its block hashed once, whoever looks at it first: the network's
 * payload check, the engine (on arrival, then at its turn) and the header-first syncer all receive the same
 * payload object, and a block's header object travels from one to the next. The results are remembered
 * by object identity (weakly: they go when the payload or header does) together with the fork heights
 * they were decoded under; another caller with other fork heights reuses them only when the block's
 * header has the same layout under both, else decodes again.
 */
import { type BlockHeader, encodeHeader, type HeaderForkHeights } from "@theta/core-types";
import { type ConsensusMessage, decodeConsensusMessage } from "./wire.ts";

interface Decoded {
  readonly channel: number;
  readonly forks: HeaderForkHeights;
  readonly message: ConsensusMessage;
}

const decoded = new WeakMap<Uint8Array, Decoded>();
const hashes = new WeakMap<BlockHeader, { readonly forks: HeaderForkHeights; readonly hash: Uint8Array }>();

const sameForks = (a: HeaderForkHeights, b: HeaderForkHeights): boolean =>
  a === b || (a.theta2Height === b.theta2Height && a.theta3Height === b.theta3Height);

/** Vote fields a header of `height` carries under `forks` (12, 13 or 14 fields in all). */
const layout = (height: bigint, forks: HeaderForkHeights): number =>
  (height >= forks.theta2Height ? 1 : 0) + (height >= forks.theta3Height ? 1 : 0);

const headerOf = (m: ConsensusMessage): BlockHeader | undefined =>
  m.kind === "block" ? m.block.header : m.kind === "proposal" ? m.proposal.block?.header : undefined;

/** Whether `m`, decoded under `was`, is what decoding under `now` gives (or throws, when undefined). */
function reusable(m: ConsensusMessage, was: HeaderForkHeights, now: HeaderForkHeights): boolean {
  if (sameForks(was, now)) return true;
  const h = headerOf(m);
  // Nothing else in a consensus message depends on the fork heights.
  if (h === undefined) return true;
  return layout(h.height, was) === layout(h.height, now);
}

/** `decodeConsensusMessage`, remembered per payload object (a failure is not remembered: it throws again). */
export function decodeConsensusMessageOnce(
  channel: number,
  payload: Uint8Array,
  forks: HeaderForkHeights,
): ConsensusMessage {
  const known = decodedBefore(channel, payload, forks);
  if (known !== undefined) return known;
  const message = decodeConsensusMessage(channel, payload, forks);
  decoded.set(payload, { channel, forks, message });
  return message;
}

/** What an earlier {@link decodeConsensusMessageOnce} of this payload gave, if it holds under `forks`. */
export function decodedBefore(
  channel: number,
  payload: Uint8Array,
  forks: HeaderForkHeights,
): ConsensusMessage | undefined {
  const hit = decoded.get(payload);
  return hit !== undefined && hit.channel === channel && reusable(hit.message, hit.forks, forks)
    ? hit.message
    : undefined;
}

/** keccak256 of the encoded header (the block hash), remembered per header object and fork heights. */
export function blockHashOnce(
  header: BlockHeader,
  forks: HeaderForkHeights,
  keccak256: (data: Uint8Array) => Uint8Array,
): Uint8Array {
  const hit = hashes.get(header);
  if (hit !== undefined && sameForks(hit.forks, forks)) return hit.hash;
  const hash = keccak256(encodeHeader(header, forks));
  hashes.set(header, { forks, hash });
  return hash;
}
