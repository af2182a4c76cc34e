/**
 * Watches the validator votes that pass through the node's network port (the ones peers send and
 * the ones this node broadcasts) for diagnostics: who voted at recent heights (the stall warning)
 * and how many distinct votes the current epoch has (the `theta_votes_received` gauge). Votes are
 * not verified here; the engine verifies what it uses. What is kept is bounded by `keepHeights`
 * heights and `keepEpochs` epochs.
 */
import { decodeConsensusMessage, type InboundMessage, type Network } from "@theta/consensus";
import { bytesToHex, ChannelId, type HeaderForkHeights, hexToBytes, type Vote } from "@theta/core-types";

/** What the observer tells. */
export interface VoteObserver {
  /** The network port with both directions observed (hand this one to the engine). */
  wrap(network: Network): Network;
  /** Records one vote (what `wrap` does for each vote message). */
  saw(vote: Vote): void;
  /** Addresses that voted at `height` (any block, any epoch). */
  votersAt(height: bigint): Uint8Array[];
  /** Distinct votes (voter, block) seen for `epoch`. */
  votesInEpoch(epoch: bigint): number;
}

/** Creates the observer. */
export function createVoteObserver(
  forks: HeaderForkHeights,
  opts: { readonly keepHeights?: number; readonly keepEpochs?: number } = {},
): VoteObserver {
  const keepHeights = BigInt(opts.keepHeights ?? 16);
  const keepEpochs = BigInt(opts.keepEpochs ?? 16);
  const byHeight = new Map<bigint, Set<string>>();
  const byEpoch = new Map<bigint, Set<string>>();
  let topHeight = 0n;
  let topEpoch = 0n;
  const prune = <T>(m: Map<bigint, T>, floor: bigint): void => {
    for (const k of m.keys()) if (k < floor) m.delete(k);
  };
  const saw = (vote: Vote): void => {
    if (vote.height + keepHeights <= topHeight || vote.epoch + keepEpochs <= topEpoch) return;
    const voter = bytesToHex(vote.id);
    const h = byHeight.get(vote.height) ?? new Set<string>();
    byHeight.set(vote.height, h.add(voter));
    const e = byEpoch.get(vote.epoch) ?? new Set<string>();
    byEpoch.set(vote.epoch, e.add(`${voter}:${bytesToHex(vote.block)}`));
    if (vote.height > topHeight) {
      topHeight = vote.height;
      prune(byHeight, topHeight - keepHeights + 1n);
    }
    if (vote.epoch > topEpoch) {
      topEpoch = vote.epoch;
      prune(byEpoch, topEpoch - keepEpochs + 1n);
    }
  };
  const observe = (channel: number, payload: Uint8Array): void => {
    if (channel !== ChannelId.Vote) return;
    try {
      const m = decodeConsensusMessage(channel, payload, forks);
      if (m.kind === "vote") saw(m.vote);
    } catch {
      // Malformed votes are the engine's to reject; nothing to count.
    }
  };
  return {
    saw,
    wrap: (network) => ({
      broadcast(channel, payload) {
        observe(channel, payload);
        network.broadcast(channel, payload);
      },
      send: (to, channel, payload) => network.send(to, channel, payload),
      subscribe: (onMessage: (m: InboundMessage) => void) =>
        network.subscribe((m) => {
          observe(m.channel, m.payload);
          onMessage(m);
        }),
      peers: () => network.peers(),
    }),
    votersAt: (height) => [...(byHeight.get(height) ?? [])].map((a) => hexToBytes(a)),
    votesInEpoch: (epoch) => byEpoch.get(epoch)?.size ?? 0,
  };
}
