/**
 * Messages per second between two nodes on 127.0.0.1, through this package and against bare libp2p
 * hosts (the same TCP, Noise, Yamux and gossipsub stack, no envelope, no validation, no queue) in the
 * same run: gossip (vote-sized 200-byte payloads, one publisher, counted when the receiver has them
 * all) and point-to-point sends (length-prefixed frames on one long-lived stream; the bare baseline
 * writes the same frames with @libp2p/utils' lpStream, awaiting each write). Then tx batches:
 * 20,000 200-byte txs with `sendTxs` in batches of 256, against the same txs gossiped one per message
 * on the transaction topic (the node's tx gossip before batches).
 */
import { peerIdFromString } from "@libp2p/peer-id";
import { lpStream } from "@libp2p/utils";
import { multiaddr } from "@multiformats/multiaddr";
import { Channel } from "@theta/consensus";
import { createP2pNetwork, directProtocol, type P2pNetwork, topicName } from "../src/index.ts";
import { createHost, type Host } from "../src/libp2pNode.ts";

const CHAIN = "bench";
const GOSSIP_N = 2_000;
const SEND_N = 10_000;
const TX_N = 20_000;
const TX_GOSSIP_N = 2_000;
const TX_BATCH = 256;
const payload = new Uint8Array(200).fill(7);

async function until(cond: () => boolean): Promise<void> {
  while (!cond()) await new Promise((r) => setTimeout(r, 5));
}

async function ours(): Promise<{ gossip: number; send: number; txGossip: number; txBatches: number }> {
  const mk = (seeds: string[]): P2pNetwork =>
    createP2pNetwork({
      chainId: CHAIN,
      listen: { host: "127.0.0.1", port: 0 },
      seeds,
      checkPayloads: false, // filler payloads, not votes
    });
  const a = mk([]);
  await a.start();
  const b = mk([a.listenAddrs()[0]!]);
  await b.start();
  let got = 0;
  b.subscribe(() => void got++);
  await until(() => a.meshPeers(Channel.Vote).length === 1 && b.meshPeers(Channel.Vote).length === 1);
  let t = performance.now();
  for (let i = 0; i < GOSSIP_N; i++) a.broadcast(Channel.Vote, payload);
  await until(() => got >= GOSSIP_N);
  const gossip = GOSSIP_N / ((performance.now() - t) / 1000);
  got = 0;
  t = performance.now();
  // In batches that fit the per-peer send queue (256).
  for (let done = 0; done < SEND_N; done += 250) {
    for (let i = 0; i < 250; i++) a.send(b.peerId(), Channel.Vote, payload);
    await until(() => got >= done + 250);
  }
  const send = SEND_N / ((performance.now() - t) / 1000);
  let txs = 0;
  b.subscribeAll((m) => {
    if (m.channel === 7) txs++;
  });
  await until(() => a.meshPeers(7).length === 1);
  t = performance.now();
  for (let i = 0; i < TX_GOSSIP_N; i++) a.broadcast(7, payload);
  await until(() => txs >= TX_GOSSIP_N);
  const txGossip = TX_GOSSIP_N / ((performance.now() - t) / 1000);
  txs = 0;
  const batch = Array.from({ length: TX_BATCH }, () => payload);
  t = performance.now();
  // At most 64 batches in flight (the per-peer send queue holds 256 messages).
  for (let sent = 0; sent < TX_N; sent += TX_BATCH) {
    a.sendTxs(b.peerId(), batch.slice(0, Math.min(TX_BATCH, TX_N - sent)));
    if ((sent / TX_BATCH) % 64 === 63) await until(() => txs >= sent - 32 * TX_BATCH);
  }
  await until(() => txs >= TX_N);
  const txBatches = TX_N / ((performance.now() - t) / 1000);
  await Promise.all([a.stop(), b.stop()]);
  return { gossip, send, txGossip, txBatches };
}

async function bare(): Promise<{ gossip: number; send: number }> {
  const topic = topicName(CHAIN, Channel.Vote);
  const protocol = directProtocol(CHAIN);
  const mk = async (): Promise<Host> => {
    const h = await createHost({
      privateKey: undefined,
      listenAddr: "/ip4/127.0.0.1/tcp/0",
      topics: [topic],
      maxConnections: 8,
    });
    await h.start();
    h.services.pubsub.subscribe(topic);
    return h;
  };
  const a = await mk();
  const b = await mk();
  let got = 0;
  b.services.pubsub.addEventListener("message", () => void got++);
  await b.handle(protocol, async (stream) => {
    const lp = lpStream(stream);
    try {
      for (;;) {
        await lp.read();
        got++;
      }
    } catch {
      await stream.close().catch(() => {});
    }
  });
  await b.dial(multiaddr(a.getMultiaddrs()[0]!.toString()));
  await until(() => a.services.pubsub.getMeshPeers(topic).length === 1);
  let t = performance.now();
  for (let i = 0; i < GOSSIP_N; i++) void a.services.pubsub.publish(topic, payload);
  await until(() => got >= GOSSIP_N);
  const gossip = GOSSIP_N / ((performance.now() - t) / 1000);
  got = 0;
  const to = peerIdFromString(b.peerId.toString());
  t = performance.now();
  const lp = lpStream(await a.dialProtocol(to, protocol));
  for (let i = 0; i < SEND_N; i++) await lp.write(payload);
  await until(() => got >= SEND_N);
  const send = SEND_N / ((performance.now() - t) / 1000);
  await Promise.all([a.stop(), b.stop()]);
  return { gossip, send };
}

const base = await bare();
const mine = await ours();
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
console.log(
  `gossip (${GOSSIP_N} x 200 B): @theta/p2p ${fmt(mine.gossip)} msg/s, bare gossipsub ${fmt(base.gossip)} msg/s, ratio ${(mine.gossip / base.gossip).toFixed(2)}`,
);
console.log(
  `send   (${SEND_N} x 200 B): @theta/p2p ${fmt(mine.send)} msg/s, bare length-prefixed stream ${fmt(base.send)} msg/s, ratio ${(mine.send / base.send).toFixed(2)}`,
);
console.log(
  `txs    (${TX_N} x 200 B): sendTxs in batches of ${TX_BATCH} ${fmt(mine.txBatches)} tx/s, one signed gossip message per tx (${TX_GOSSIP_N}) ${fmt(mine.txGossip)} tx/s, ratio ${(mine.txBatches / mine.txGossip).toFixed(1)}`,
);
