/**
 * The `Network` port compliance suite: every implementation (the simulator's, libp2p) runs it, so the
 * engines can rely on the same behaviour from each. It needs no test framework: pass vitest's (or any)
 * `describe` and `it`.
 *
 *   runNetworkCompliance("simulator", () => simHarness(), { describe, it });
 *
 * What the port promises, as checked here: a broadcast reaches every other connected node once, on
 * the channel it was sent on, with the sender as `from` and the bytes intact; a node does not hear
 * its own broadcast; `send` reaches its one target only; a send to an unknown peer is dropped
 * without throwing; every subscriber gets every message and an unsubscribed callback gets nothing
 * more; `peers()` lists the other nodes and never the node itself. Optional: a node taken off the
 * network (`stop`) receives nothing and leaves the others' `peers()`; an implementation with size
 * limits (`maxPayloadBytes`) carries a payload of exactly the limit and refuses one byte more.
 *
 * Absences ("C did not get it") are checked after a later marker message has arrived, never after
 * a wait, so the suite holds on a real network as on a virtual clock.
 */
import { Channel, type ChannelId, type InboundMessage, type Network, type PeerId } from "../ports.ts";

/** One node of the network under test. */
export interface ComplianceNode {
  readonly id: PeerId;
  readonly network: Network;
}

/** What an implementation provides to run the suite; a fresh one per case. */
export interface NetworkComplianceHarness {
  /** Starts `count` nodes that are connected and ready to carry every channel. */
  start(count: number): Promise<readonly ComplianceNode[]>;
  /** Lets the network run until `done()` holds; rejects if it never does. */
  settle(done: () => boolean): Promise<void>;
  /** Tears every node down (called after each case, also after a failure). */
  close(): Promise<void>;
  /** Takes one node off the network (stops or crashes it), when the implementation can. */
  stop?(node: ComplianceNode): Promise<void>;
  /** The largest payload carried on `channel`, when the implementation has limits. */
  maxPayloadBytes?(channel: ChannelId): number;
}

/** The `describe`/`it` pair of the test framework that runs the suite. */
export interface ComplianceFramework {
  /** Groups the cases (the test framework's `describe`). */
  describe(name: string, body: () => void): void;
  /** Declares one case (the test framework's `it`). */
  it(name: string, body: () => Promise<void>, timeoutMs?: number): void;
}

/** Thrown when an implementation breaks the port's contract. */
export class NetworkComplianceError extends Error {
  readonly code = "NETWORK_COMPLIANCE";
}

function check(cond: boolean, what: string): void {
  if (!cond) throw new NetworkComplianceError(what);
}

const CHANNELS: readonly ChannelId[] = Object.values(Channel);

/** Distinct, non-trivial bytes per (tag, length): every byte value appears in long payloads. */
function bytesOf(tag: number, length = 48): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (tag * 31 + i * 7 + (i >> 8)) & 0xff);
}

function same(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Everything one node's subscription delivered. */
interface Inbox {
  readonly messages: InboundMessage[];
  count(channel: ChannelId, payload: Uint8Array): number;
  has(channel: ChannelId, payload: Uint8Array): boolean;
  off(): void;
}

function listen(network: Network): Inbox {
  const messages: InboundMessage[] = [];
  const off = network.subscribe((m) => void messages.push(m));
  const count = (ch: ChannelId, p: Uint8Array) =>
    messages.filter((m) => m.channel === ch && same(m.payload, p)).length;
  return { messages, count, has: (ch, p) => count(ch, p) > 0, off };
}

/** Starts `count` nodes with an inbox each, runs `body`, closes the harness whatever happens. */
async function withNodes(
  harness: NetworkComplianceHarness,
  count: number,
  body: (nodes: readonly ComplianceNode[], inboxes: readonly Inbox[]) => Promise<void>,
): Promise<void> {
  try {
    const nodes = await harness.start(count);
    check(nodes.length === count, `start(${count}) returned ${nodes.length} nodes`);
    await body(
      nodes,
      nodes.map((n) => listen(n.network)),
    );
  } finally {
    await harness.close();
  }
}

/** One property of the port, run on a fresh harness. */
export interface ComplianceCase {
  readonly name: string;
  /** Runs the case on fresh networks from `harness`; throws on a contract violation. */
  run(harness: NetworkComplianceHarness): Promise<void>;
}

const cases: readonly ComplianceCase[] = [
  {
    name: "peers() lists every other node and never the node itself",
    run: (h) =>
      withNodes(h, 3, async (nodes) => {
        const ok = (n: ComplianceNode) => {
          const peers = n.network.peers();
          return !peers.includes(n.id) && nodes.every((o) => o === n || peers.includes(o.id));
        };
        await h.settle(() => nodes.every(ok));
        for (const n of nodes) check(!n.network.peers().includes(n.id), `${n.id} lists itself`);
      }),
  },
  {
    name: "a broadcast reaches every other node once, on its channel, from its sender, bytes intact",
    run: (h) =>
      withNodes(h, 3, async (nodes, inboxes) => {
        const [a] = nodes as [ComplianceNode];
        const sent = CHANNELS.map((ch) => [ch, bytesOf(ch)] as const);
        for (const [ch, p] of sent) a.network.broadcast(ch, p);
        const others = inboxes.slice(1);
        await h.settle(() => others.every((box) => sent.every(([ch, p]) => box.has(ch, p))));
        for (const box of others) {
          for (const [ch, p] of sent) {
            check(box.count(ch, p) === 1, `channel ${ch}: delivered ${box.count(ch, p)} times`);
            for (const other of CHANNELS)
              if (other !== ch) check(!box.has(other, p), `channel ${ch}'s payload arrived on ${other}`);
          }
          const fromA = box.messages.filter((m) => sent.some(([, p]) => same(m.payload, p)));
          check(
            fromA.every((m) => m.from === a.id),
            "a broadcast arrived with another sender",
          );
        }
      }),
  },
  {
    name: "a node does not receive its own broadcast",
    run: (h) =>
      withNodes(h, 2, async ([a, b], [boxA, boxB]) => {
        const own = bytesOf(1);
        const marker = bytesOf(2);
        a!.network.broadcast(Channel.Vote, own);
        await h.settle(() => boxB!.has(Channel.Vote, own));
        b!.network.broadcast(Channel.Vote, marker);
        await h.settle(() => boxA!.has(Channel.Vote, marker));
        check(!boxA!.has(Channel.Vote, own), "the sender heard its own broadcast");
        check(
          boxA!.messages.every((m) => m.from !== a!.id),
          "a message from the node itself was delivered to it",
        );
      }),
  },
  {
    name: "send reaches its target only, from its sender, on its channel",
    run: (h) =>
      withNodes(h, 3, async ([a, b, c], [boxA, boxB, boxC]) => {
        const toB = bytesOf(3);
        const toC = bytesOf(4);
        a!.network.send(b!.id, Channel.Proposal, toB);
        a!.network.send(c!.id, Channel.Proposal, toC);
        await h.settle(() => boxB!.has(Channel.Proposal, toB) && boxC!.has(Channel.Proposal, toC));
        const got = boxB!.messages.find((m) => same(m.payload, toB))!;
        check(got.from === a!.id && got.channel === Channel.Proposal, "send arrived relabelled");
        check(boxB!.count(Channel.Proposal, toB) === 1, "send delivered more than once");
        check(!boxC!.has(Channel.Proposal, toB) && !boxB!.has(Channel.Proposal, toC), "send leaked");
        check(!boxA!.has(Channel.Proposal, toB), "the sender heard its own send");
      }),
  },
  {
    name: "a send to an unknown peer is dropped without throwing",
    run: (h) =>
      withNodes(h, 2, async ([a, b], [, boxB]) => {
        const after = bytesOf(5);
        a!.network.send(`${b!.id}-unknown`, Channel.Vote, bytesOf(6));
        a!.network.send("", Channel.Vote, bytesOf(6));
        a!.network.send(b!.id, Channel.Vote, after);
        await h.settle(() => boxB!.has(Channel.Vote, after));
        check(!boxB!.has(Channel.Vote, bytesOf(6)), "a send to an unknown peer reached another");
      }),
  },
  {
    name: "every subscriber gets every message; an unsubscribed callback gets nothing more",
    run: (h) =>
      withNodes(h, 2, async ([a, b], [, boxB]) => {
        const early = listen(b!.network);
        const first = bytesOf(7);
        a!.network.broadcast(Channel.Block, first);
        await h.settle(() => boxB!.has(Channel.Block, first) && early.has(Channel.Block, first));
        early.off();
        early.off();
        const second = bytesOf(8);
        a!.network.broadcast(Channel.Block, second);
        a!.network.send(b!.id, Channel.Block, second);
        await h.settle(() => boxB!.count(Channel.Block, second) === 2);
        check(early.messages.length === 1, `an unsubscribed callback got ${early.messages.length - 1} more`);
      }),
  },
  {
    name: "many broadcasts from every node all arrive",
    run: (h) =>
      withNodes(h, 3, async (nodes, inboxes) => {
        const per = 40;
        nodes.forEach((n, i) => {
          for (let k = 0; k < per; k++) n.network.broadcast(Channel.Vote, bytesOf(100 + i * per + k, 24));
        });
        const want = per * (nodes.length - 1);
        await h.settle(() => inboxes.every((box) => box.messages.length >= want));
        inboxes.forEach((box, i) => {
          check(box.messages.length === want, `node ${i} got ${box.messages.length} of ${want}`);
          check(
            box.messages.every((m) => m.from !== nodes[i]!.id),
            `node ${i} heard itself`,
          );
        });
      }),
  },
];

const optionalCases: readonly ComplianceCase[] = [
  {
    name: "a stopped node receives nothing and leaves the others' peers()",
    run: (h) =>
      withNodes(h, 3, async ([a, b, c], [, boxB, boxC]) => {
        await h.stop!(c!);
        await h.settle(() => !a!.network.peers().includes(c!.id) && !b!.network.peers().includes(c!.id));
        const late = bytesOf(9);
        a!.network.broadcast(Channel.Vote, late);
        a!.network.send(c!.id, Channel.Vote, late);
        await h.settle(() => boxB!.has(Channel.Vote, late));
        check(!boxC!.has(Channel.Vote, late), "a stopped node received a message");
      }),
  },
  {
    name: "a payload of exactly the size limit goes through; one byte more is refused",
    run: (h) =>
      withNodes(h, 2, async ([a, b], [, boxB]) => {
        const limit = h.maxPayloadBytes!(Channel.Vote);
        const fits = bytesOf(10, limit);
        const over = bytesOf(11, limit + 1);
        a!.network.broadcast(Channel.Vote, over);
        a!.network.send(b!.id, Channel.Vote, over);
        a!.network.broadcast(Channel.Vote, fits);
        a!.network.send(b!.id, Channel.Vote, fits);
        await h.settle(() => boxB!.count(Channel.Vote, fits) === 2);
        check(!boxB!.has(Channel.Vote, over), "an oversized payload was delivered");
      }),
  },
];

/** The cases `harness` supports: the mandatory ones plus the optional ones it opts into. */
export function networkComplianceCases(harness: NetworkComplianceHarness): readonly ComplianceCase[] {
  const [stopCase, sizeCase] = optionalCases as [ComplianceCase, ComplianceCase];
  return [
    ...cases,
    ...(harness.stop === undefined ? [] : [stopCase]),
    ...(harness.maxPayloadBytes === undefined ? [] : [sizeCase]),
  ];
}

/**
 * Registers the suite: one test per case, each on a fresh harness from `make` (`make` is also called
 * once up front to see which optional cases apply, so it must not start anything).
 */
export function runNetworkCompliance(
  name: string,
  make: () => NetworkComplianceHarness,
  t: ComplianceFramework,
  timeoutMs?: number,
): void {
  t.describe(`Network compliance: ${name}`, () => {
    for (const c of networkComplianceCases(make())) t.it(c.name, () => c.run(make()), timeoutMs);
  });
}
