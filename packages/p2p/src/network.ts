/**
 * `createP2pNetwork`: the consensus `Network` port over libp2p. Broadcasts are gossipsub publishes on
 * one topic per channel; `send` writes a length-prefixed frame to a long-lived stream to one peer on
 * the chain's direct protocol. Every topic and protocol name embeds the chain id, and a connected peer
 * that does not serve this chain's direct protocol is disconnected after identify, so two chains never mix. Bad input from the network and calls that
 * cannot be served are dropped and counted ({@link P2pStats}); nothing is thrown at the caller.
 */
import { type Message, TopicValidatorResult } from "@libp2p/gossipsub";
import type { IdentifyResult, PeerId as Libp2pPeerId, Stream } from "@libp2p/interface";
import type { InboundMessage } from "@theta/consensus";
import { ThetaError, ChannelId as WireChannelId } from "@theta/core-types";
import {
  isConsensusChannel,
  isP2pChannel,
  maxPayloadBytes,
  P2P_CHANNELS,
  type P2pChannelId,
} from "./channels.ts";
import { handleDirectFrame } from "./directInbound.ts";
import { createDirectLinks, readFrames } from "./directLink.ts";
import { announceFilter, listenMultiaddr } from "./discovery/addresses.ts";
import { createDiscovery, type Discovery, discoverySettings } from "./discovery/discovery.ts";
import { P2pErrorCode } from "./errors.ts";
import { hostKeyFromIdentity } from "./identity.ts";
import { createHost, type Host } from "./libp2pNode.ts";
import { silentLogger } from "./logger.ts";
import type { P2pInboundMessage, P2pNetwork, P2pNetworkOpts } from "./networkApi.ts";
import { checkPayload } from "./payload.ts";
import { createPeerBook } from "./peerBook.ts";
import { createPenalties, penaltySettings } from "./penalties.ts";
import { createSeedDialer, type SeedDialer } from "./seedDialer.ts";
import { parseSeeds } from "./seeds.ts";
import { createSendQueues } from "./sendQueues.ts";
import { createStatsCounter, DropReason, dropReasonOfWire, snapshotStats } from "./stats.ts";
import { channelOfName, directProtocol, protocolPrefix, topicName } from "./topics.ts";
import { encodeTxBatchMessage, MAX_TX_BATCH_BYTES, MAX_TX_BATCH_KNOWN, MAX_TX_BATCH_TXS } from "./txBatch.ts";
import { decodeWireMessage, encodeWireMessage } from "./wire.ts";

/** Inbound direct streams one connection may hold open (a peer needs one). */
const MAX_INBOUND_DIRECT_STREAMS = 4;

/** Creates the network; nothing happens on the wire until `start()`. */
export function createP2pNetwork(opts: P2pNetworkOpts): P2pNetwork {
  const prefix = protocolPrefix(opts.chainId);
  const seeds = parseSeeds(opts.seeds ?? []);
  const log = opts.logger ?? silentLogger;
  const streamTimeoutMs = opts.streamTimeoutMs ?? 10_000;
  const topics = new Map(P2P_CHANNELS.map((ch) => [ch, topicName(opts.chainId, ch)]));
  const direct = directProtocol(opts.chainId);
  const links = createDirectLinks(direct, streamTimeoutMs);
  const counter = createStatsCounter();
  const book = createPeerBook();
  const listeners = new Set<(m: P2pInboundMessage) => void>();
  const validated = new WeakMap<Message, Uint8Array>();
  /** Peers that do not serve this chain; seeds among them are not re-dialled. */
  const refused = new Set<string>();
  let host: Host | undefined;
  let dialer: SeedDialer | undefined;
  let discovery: Discovery | undefined;
  const advertised = announceFilter(opts.listen.host, opts.announce);
  const discoveryOpts = discoverySettings(opts, streamTimeoutMs);
  const penalties = createPenalties(penaltySettings(opts), counter, log);
  const sendQueues = createSendQueues(
    links,
    {
      maxMessages: opts.maxQueuedSendsPerPeer ?? 256,
      maxBytes: opts.maxQueuedBytesPerPeer ?? 64 * 1024 * 1024,
    },
    { sent: () => void counter.directSent++, drop: (r, f, m) => drop(r, f, m) },
  );
  const batchLimits = { maxTxs: opts.maxTxBatchTxs ?? MAX_TX_BATCH_TXS };

  const drop = (reason: DropReason, fields: Record<string, unknown>, message: string): void => {
    counter.dropped[reason]++;
    log.debug({ reason, ...fields }, message);
  };

  const deliver = (m: P2pInboundMessage): void => {
    counter.delivered++;
    for (const cb of [...listeners]) {
      try {
        cb(m);
      } catch (e) {
        counter.dropped[DropReason.SubscriberThrew]++;
        log.warn({ err: e, channel: m.channel, from: m.from }, "p2p subscriber threw");
      }
    }
  };

  const checkPayloads = opts.checkPayloads ?? true;
  /** The payload of a wire message on `channel`, or undefined when it is dropped (and counted). */
  const unwrap = (channel: P2pChannelId, raw: Uint8Array, fields: Record<string, unknown>) => {
    const r = decodeWireMessage(channel, raw);
    if (!r.ok) return void drop(dropReasonOfWire(r.code), fields, r.message);
    if (checkPayloads) {
      const c = checkPayload(channel, r.value, opts.headerForks);
      if (!c.ok) return void drop(DropReason.InboundInvalidPayload, fields, c.message);
    }
    return r.value;
  };

  // Gossip is checked before gossipsub forwards it: a rejected message goes no further (and counts
  // against its sender's score).
  const validateGossip = (msg: Message): TopicValidatorResult => {
    const channel = channelOfName(opts.chainId, msg.topic);
    if (channel === undefined) return TopicValidatorResult.Reject;
    const payload = unwrap(channel, msg.data, { topic: msg.topic });
    if (payload === undefined) return TopicValidatorResult.Reject;
    validated.set(msg, payload);
    return TopicValidatorResult.Accept;
  };

  const onGossip = (msg: Message): void => {
    const channel = channelOfName(opts.chainId, msg.topic);
    if (channel === undefined || msg.type !== "signed") return;
    const payload = validated.get(msg) ?? unwrap(channel, msg.data, { topic: msg.topic });
    if (payload === undefined) return;
    deliver({ from: msg.from.toString(), channel, payload });
  };

  const onIdentify = (r: IdentifyResult): void => {
    const id = r.peerId.toString();
    if (!r.protocols.includes(direct)) {
      counter.wrongChainPeers++;
      refused.add(id);
      log.info({ peer: id }, "p2p: peer does not serve this chain; disconnecting");
      host?.hangUp(r.peerId).catch(() => {});
      return;
    }
    const conn = host?.getConnections(r.peerId)[0];
    book.add(id, { listenAddrs: r.listenAddrs, remoteAddr: conn?.remoteAddr });
    log.debug({ peer: id }, "p2p: peer verified");
    discovery?.peerVerified(id);
  };

  const onDisconnect = (peer: Libp2pPeerId): void => {
    book.remove(peer.toString());
    links.forget(peer.toString());
  };

  const handleDirect = async (h: Host, stream: Stream, from: string): Promise<void> => {
    const inbound = { checkPayloads, batchLimits, drop, headerForks: opts.headerForks };
    const end = await readFrames(stream, (frame) =>
      handleDirectFrame(inbound, frame, from, (channel, payload, known) => {
        if (h === host)
          deliver(known === undefined ? { from, channel, payload } : { from, channel, payload, known });
      }),
    );
    if (end === "oversized")
      drop(DropReason.InboundOversized, { from }, "oversized frame on the direct stream");
    if (end === "failed") drop(DropReason.InboundStreamFailed, { from }, "direct stream failed");
  };

  /** Why an outbound `broadcast` or `send` cannot go out, or undefined when it can. */
  const refuse = (channel: number, payload: Uint8Array): DropReason | undefined => {
    if (host === undefined) return DropReason.NotRunning;
    if (!isP2pChannel(channel)) return DropReason.UnknownChannel;
    if (payload.length > maxPayloadBytes(channel)) return DropReason.OutboundOversized;
    return undefined;
  };

  const network: P2pNetwork = {
    broadcast(channel, payload) {
      const no = refuse(channel, payload);
      if (no !== undefined) return drop(no, { channel, bytes: payload.length }, "broadcast dropped");
      const wire = encodeWireMessage(channel, payload);
      host!.services.pubsub.publish(topics.get(channel)!, wire).then(
        () => void counter.broadcastsSent++,
        (e: unknown) => drop(DropReason.PublishFailed, { channel, err: e }, "publish failed"),
      );
    },
    send(to, channel, payload) {
      const no = refuse(channel, payload);
      if (no !== undefined) return drop(no, { to, channel, bytes: payload.length }, "send dropped");
      if (!book.has(to)) return drop(DropReason.UnknownPeer, { to, channel }, "send to unknown peer");
      sendQueues.enqueue(host!, to, encodeWireMessage(channel, payload), { channel });
    },
    sendTxs(to, txs, known = []) {
      if (txs.length === 0) return;
      const channel = WireChannelId.Transaction;
      const wire = encodeTxBatchMessage(txs, known.slice(0, MAX_TX_BATCH_KNOWN));
      const fields = { to, channel, txs: txs.length, bytes: wire.length };
      if (host === undefined) return drop(DropReason.NotRunning, fields, "tx batch dropped");
      if (wire.length > MAX_TX_BATCH_BYTES)
        return drop(DropReason.OutboundOversized, fields, "tx batch dropped");
      if (!book.has(to)) return drop(DropReason.UnknownPeer, fields, "send to unknown peer");
      sendQueues.enqueue(host!, to, wire, { channel, txs: txs.length });
    },
    subscribe(onMessage: (m: InboundMessage) => void) {
      return network.subscribeAll((m) => {
        if (isConsensusChannel(m.channel))
          onMessage({ from: m.from, channel: m.channel, payload: m.payload });
      });
    },
    subscribeAll(onMessage) {
      const cb = (m: P2pInboundMessage) => onMessage(m);
      listeners.add(cb);
      return () => void listeners.delete(cb);
    },
    peers: () => book.ids(),
    peerIds: () => book.ids(),
    peerUrls: () => book.urls(),
    topicPeers(channel) {
      const topic = topics.get(channel);
      if (host === undefined || topic === undefined) return [];
      return host.services.pubsub.getSubscribers(topic).map(String).sort();
    },
    meshPeers(channel) {
      const topic = topics.get(channel);
      if (host === undefined || topic === undefined) return [];
      return [...host.services.pubsub.getMeshPeers(topic)].sort();
    },
    peerId() {
      if (host === undefined)
        throw new ThetaError(P2pErrorCode.NotStarted, "peerId: the network is not started");
      return host.peerId.toString();
    },
    listenAddrs: () => host?.getMultiaddrs().map(String) ?? [],
    stats: () => snapshotStats(counter, sendQueues.queued),
    discoveryStats: () => discovery?.stats(),
    penalise(peer, reason) {
      book.remove(peer);
      links.forget(peer);
      penalties.penalise(host, peer, reason);
    },
    async start() {
      if (host !== undefined) return;
      const privateKey = opts.identity === undefined ? undefined : await hostKeyFromIdentity(opts.identity);
      const h = await createHost({
        privateKey,
        listenAddr: listenMultiaddr(opts.listen.host, opts.listen.port),
        topics: [...topics.values()],
        maxConnections: opts.maxConnections ?? 64,
        announceFilter: advertised,
        connectionGater: penalties.gater,
      });
      // Protocols and listeners go in before the host listens, so no early peer sees a node
      // without this chain's protocols and no identify event is missed.
      await h.handle(
        direct,
        (stream, connection) => handleDirect(h, stream, connection.remotePeer.toString()),
        { maxInboundStreams: MAX_INBOUND_DIRECT_STREAMS },
      );
      h.addEventListener("peer:identify", (e) => onIdentify(e.detail));
      h.addEventListener("peer:disconnect", (e) => onDisconnect(e.detail));
      const pubsub = h.services.pubsub;
      pubsub.addEventListener("message", (e) => onGossip(e.detail));
      for (const topic of topics.values())
        pubsub.topicValidators.set(topic, (_peer, msg) => validateGossip(msg));
      const d = createDiscovery({ host: h, book, log, ...discoveryOpts, denied: penalties.denied });
      host = h;
      discovery = d;
      try {
        await d.start();
        await h.start();
      } catch (e) {
        d.stop();
        host = undefined;
        await Promise.resolve(h.stop()).catch(() => {});
        throw e;
      }
      for (const topic of topics.values()) pubsub.subscribe(topic);
      dialer = createSeedDialer({
        host: h,
        seeds,
        intervalMs: opts.seedRedialMs ?? 10_000,
        log,
        timeoutMs: streamTimeoutMs,
        refused: (id) => refused.has(id) || d.penalised(id),
      });
      dialer.start();
      log.info({ peerId: h.peerId.toString(), addrs: network.listenAddrs(), prefix }, "p2p started");
    },
    async stop() {
      const h = host;
      if (h === undefined) return;
      host = undefined;
      dialer?.stop();
      discovery?.stop();
      dialer = undefined;
      book.clear();
      links.clear();
      await h.stop();
      await sendQueues.drain();
      log.info({}, "p2p stopped");
    },
  };
  return network;
}
