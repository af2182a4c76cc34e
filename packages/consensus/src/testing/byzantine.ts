/**
 * Byzantine behaviours for simulations, as a wrapper around a node's {@link Network} port: the node runs
 * an honest engine, and the wrapper rewrites what it sends.
 * - `equivocate`: each proposal goes to half of the peers; the other half gets a twin block of the same
 *   epoch and height (another timestamp, re-signed), so two valid forks compete.
 * - `doubleVote`: each vote goes to half of the peers; the other half gets a vote, in the same epoch, for
 *   another block at that height if one was seen (else for the parent).
 * - `tamperGuardianVotes`: each proposal whose block carries guardian votes goes to every peer with the
 *   votes replaced by what the function returns (the header re-signed), e.g. a forged aggregate.
 */
import {
  type AggregatedVotes,
  type Block,
  type BlockHeader,
  bytesToHex,
  ChannelId,
  encodeHeader,
  type HeaderForkHeights,
  headerSignBytes,
  voteSignBytes,
} from "@theta/core-types";
import type { ConsensusCrypto, Network, Signer } from "../ports.ts";
import type { SeededRandom } from "../random.ts";
import { decodeConsensusMessage, proposalMessage, voteMessage } from "../validator/wire.ts";

/** What a Byzantine node does. */
export interface ByzantineBehaviour {
  readonly equivocate?: boolean;
  readonly doubleVote?: boolean;
  /** Replaces the guardian votes of each proposal it forwards (the header re-signed). */
  readonly tamperGuardianVotes?: (votes: AggregatedVotes, header: BlockHeader) => AggregatedVotes;
}

/** What the wrapper needs to forge messages. */
export interface ByzantineContext {
  readonly signer: Signer;
  readonly forks: HeaderForkHeights;
  readonly crypto: ConsensusCrypto;
  readonly rng: SeededRandom;
}

/** Wraps `inner` so that the node misbehaves as `b` says. */
export function createByzantineNetwork(
  inner: Network,
  b: ByzantineBehaviour,
  ctx: ByzantineContext,
): Network {
  // Blocks seen per height (own and received), to vote for a competing one.
  const seen = new Map<bigint, Map<string, Block>>();
  const remember = (block: Block): void => {
    const hash = bytesToHex(ctx.crypto.keccak256(encodeHeader(block.header, ctx.forks)));
    let m = seen.get(block.header.height);
    if (m === undefined) {
      m = new Map();
      seen.set(block.header.height, m);
      seen.delete(block.header.height - 50n);
    }
    m.set(hash, block);
  };
  const split = (): [string[], string[]] => {
    const peers = [...inner.peers()];
    const a: string[] = [];
    const c: string[] = [];
    for (const p of peers) (ctx.rng.nextInt(2) === 0 ? a : c).push(p);
    return [a, c];
  };
  const observe = (channel: number, payload: Uint8Array): void => {
    if (channel !== ChannelId.Proposal && channel !== ChannelId.Block) return;
    try {
      const m = decodeConsensusMessage(channel, payload, ctx.forks);
      if (m.kind === "proposal" && m.proposal.block !== undefined) remember(m.proposal.block);
      if (m.kind === "block") remember(m.block);
    } catch {
      // not ours to judge
    }
  };
  const resign = (unsigned: BlockHeader): BlockHeader => ({
    ...unsigned,
    signature: ctx.signer.signSecp256k1(headerSignBytes({ ...unsigned, signature: undefined }, ctx.forks)),
  });
  /** A tampered proposal for every peer, or undefined. */
  const tamper = (channel: number, payload: Uint8Array): Uint8Array | undefined => {
    if (b.tamperGuardianVotes === undefined || channel !== ChannelId.Proposal) return undefined;
    const m = decodeConsensusMessage(channel, payload, ctx.forks);
    const votes = m.kind === "proposal" ? m.proposal.block?.header.guardianVotes : undefined;
    if (m.kind !== "proposal" || m.proposal.block === undefined || votes === undefined) return undefined;
    const h = m.proposal.block.header;
    const block: Block = {
      ...m.proposal.block,
      header: resign({ ...h, guardianVotes: b.tamperGuardianVotes(votes, h) }),
    };
    return proposalMessage({ ...m.proposal, block }, ctx.forks);
  };
  const forge = (channel: number, payload: Uint8Array): Uint8Array | undefined => {
    const m = decodeConsensusMessage(channel, payload, ctx.forks);
    if (m.kind === "proposal" && b.equivocate === true && m.proposal.block !== undefined) {
      const h = m.proposal.block.header;
      const twin: Block = { ...m.proposal.block, header: resign({ ...h, timestamp: h.timestamp + 1n }) };
      remember(twin);
      return proposalMessage({ ...m.proposal, block: twin }, ctx.forks);
    }
    if (m.kind === "vote" && b.doubleVote === true) {
      const v = m.vote;
      const mine = bytesToHex(v.block);
      let other: Uint8Array | undefined;
      for (const [hash, block] of seen.get(v.height) ?? []) {
        if (hash !== mine) other = ctx.crypto.keccak256(encodeHeader(block.header, ctx.forks));
      }
      const target = other ?? [...(seen.get(v.height)?.values() ?? [])][0]?.header.parent;
      if (target === undefined) return undefined;
      const unsigned = { ...v, block: target, signature: undefined };
      return voteMessage({ ...unsigned, signature: ctx.signer.signSecp256k1(voteSignBytes(unsigned)) });
    }
    return undefined;
  };
  return {
    broadcast(channel, payload) {
      observe(channel, payload);
      const tampered = tamper(channel, payload);
      if (tampered !== undefined) {
        inner.broadcast(channel, tampered);
        return;
      }
      const forged = forge(channel, payload);
      if (forged === undefined) {
        inner.broadcast(channel, payload);
        return;
      }
      const [a, c] = split();
      for (const p of a) inner.send(p, channel, payload);
      for (const p of c) inner.send(p, channel, forged);
    },
    send: (to, channel, payload) => inner.send(to, channel, payload),
    subscribe: (onMessage) =>
      inner.subscribe((msg) => {
        observe(msg.channel, msg.payload);
        onMessage(msg);
      }),
    peers: () => inner.peers(),
  };
}
