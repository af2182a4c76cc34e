import { peerIdFromString } from "@libp2p/peer-id";
import {
  blockRequestMessage,
  Channel,
  decodeConsensusMessage,
  proposalMessage,
  voteMessage,
} from "@theta/consensus";
import {
  type Block,
  concatBytes,
  EMPTY_ROOT_HASH,
  headerSignBytes,
  type Vote,
  voteSignBytes,
} from "@theta/core-types";
import { MAX_DIRECT_FRAME_BYTES } from "../src/directLink.ts";
import {
  decodeWireMessage,
  directProtocol,
  encodeWireMessage,
  maxPayloadBytes,
  P2P_CHANNELS,
  type P2pChannelId,
  topicName,
} from "../src/index.ts";
import { writeAll } from "./helpers.ts";
import { CHAIN, captured, forks, genesis, hostile, hostileSigner, nodes, random } from "./hostileNetwork.ts";

/** `bytes` with its unsigned-varint length in front, as the direct protocol frames messages. */
export function frame(bytes: Uint8Array, announced = bytes.length): Uint8Array {
  const prefix: number[] = [];
  for (let n = announced; ; n = Math.floor(n / 128)) {
    if (n < 128) {
      prefix.push(n);
      break;
    }
    prefix.push((n % 128) | 128);
  }
  return concatBytes(Uint8Array.from(prefix), bytes);
}

/** A vote the hostile signs itself: a key outside the validator set, far ahead in epoch and height. */
export function forgedVote(epochAhead: bigint): Vote {
  const status = nodes[0]!.engine.status();
  const v: Vote = {
    block: random(32),
    height: status.height + epochAhead,
    epoch: status.epoch + epochAhead,
    id: hostileSigner.address(),
    signature: undefined,
  };
  return { ...v, signature: hostileSigner.signSecp256k1(voteSignBytes(v)) };
}

/** A block the hostile proposes and signs itself, on an unknown parent, far ahead. */
export function forgedBlock(ahead: bigint, txs: Uint8Array[] = []): Block {
  const status = nodes[0]!.engine.status();
  const header = {
    ...genesis.header,
    epoch: status.epoch + ahead,
    height: status.height + ahead,
    parent: random(32),
    hcc: { votes: [], blockHash: random(32) },
    txHash: EMPTY_ROOT_HASH,
    timestamp: BigInt(Date.now()),
    proposer: hostileSigner.address(),
    signature: undefined,
  };
  return {
    header: { ...header, signature: hostileSigner.signSecp256k1(headerSignBytes(header, forks)) },
    txs,
  };
}

/** One round of hostile traffic: every kind of bad message on every channel, gossiped and direct. */
export async function attackRound(round: number): Promise<number> {
  const target = peerIdFromString(nodes[0]!.net.peerId());
  const gossip: Array<[P2pChannelId, Uint8Array]> = [];
  const direct: Uint8Array[] = [];
  for (const ch of P2P_CHANNELS) {
    // Random bytes, no envelope; an envelope around random bytes; an envelope around a payload of
    // the channel's limit plus one (every 8th round: they are large).
    gossip.push([ch, random(200)]);
    gossip.push([ch, encodeWireMessage(ch, random(300))]);
    direct.push(random(120), encodeWireMessage(ch, random(150)));
    if (round % 8 === 0) {
      const big = encodeWireMessage(ch, new Uint8Array(maxPayloadBytes(ch) + 1));
      if (maxPayloadBytes(ch) < 4 * 1024 * 1024) gossip.push([ch, big]);
      direct.push(big);
    }
    // Replays of what the validators sent.
    for (const m of (captured.get(ch) ?? []).slice(-4)) {
      gossip.push([ch, m]);
      direct.push(m);
    }
  }
  // Well-signed messages of the wrong epoch: votes of a non-validator key far ahead, a proposal of
  // that key with a block far ahead on an unknown parent and a batch of its votes, the validators'
  // own votes replayed with another epoch (their signatures no longer match), block requests for
  // unknown hashes.
  const votes = Array.from({ length: 20 }, (_, i) => forgedVote(1_000n + BigInt(round * 20 + i)));
  for (const v of votes.slice(0, 4)) {
    const wire = encodeWireMessage(Channel.Vote, voteMessage(v));
    gossip.push([Channel.Vote, wire]);
    direct.push(wire);
  }
  const block = forgedBlock(500n + BigInt(round), [random(64)]);
  const proposal = proposalMessage({ block, proposerId: hostileSigner.address(), votes }, forks);
  gossip.push([Channel.Proposal, encodeWireMessage(Channel.Proposal, proposal)]);
  for (const m of (captured.get(Channel.Vote) ?? []).slice(-4)) {
    const r = decodeWireMessage(Channel.Vote, m);
    if (!r.ok) continue;
    const decoded = decodeConsensusMessage(Channel.Vote, r.value, forks);
    if (decoded.kind !== "vote") continue;
    const moved = { ...decoded.vote, epoch: decoded.vote.epoch + 7n };
    gossip.push([Channel.Vote, encodeWireMessage(Channel.Vote, voteMessage(moved))]);
  }
  const request = encodeWireMessage(
    Channel.Block,
    blockRequestMessage(Array.from({ length: 16 }, () => random(32))),
  );
  gossip.push([Channel.Block, request]);
  direct.push(request);
  // An oversized frame on the direct protocol (only its length prefix is sent).
  if (round % 8 === 4) direct.push(new Uint8Array(0));
  for (const [ch, bytes] of gossip)
    await hostile.services.pubsub.publish(topicName(CHAIN, ch), bytes).catch(() => {});
  const stream = await hostile.dialProtocol(target, directProtocol(CHAIN));
  const frames = direct.map((d) =>
    d.length === 0 ? frame(new Uint8Array(16), MAX_DIRECT_FRAME_BYTES + 1) : frame(d),
  );
  await writeAll(stream, frames);
  return gossip.length + direct.length;
}
