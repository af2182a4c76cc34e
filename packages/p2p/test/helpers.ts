/** Test helpers: nodes on 127.0.0.1 with free ports, an inbox per node, and condition polling. */
import type { Stream } from "@libp2p/interface";
import { createP2pNetwork, type P2pInboundMessage, type P2pNetwork } from "../src/index.ts";

/** A started network plus everything it delivered. */
export interface TestNode {
  readonly net: P2pNetwork;
  readonly inbox: P2pInboundMessage[];
}

/**
 * Starts a node on 127.0.0.1 with a free port. Transport tests carry placeholder payloads, so the
 * payload check is off unless `checkPayloads` is set.
 */
export async function startNode(
  chainId: string,
  seeds: readonly string[] = [],
  streamTimeoutMs = 5_000,
  checkPayloads = false,
): Promise<TestNode> {
  const net = createP2pNetwork({
    chainId,
    listen: { host: "127.0.0.1", port: 0 },
    seeds,
    seedRedialMs: 300,
    streamTimeoutMs,
    checkPayloads,
  });
  const inbox: P2pInboundMessage[] = [];
  net.subscribeAll((m) => inbox.push(m));
  await net.start();
  return { net, inbox };
}

/** Polls `cond` every 25 ms until it holds; fails with `what` after `timeoutMs`. */
export async function waitFor(what: string, cond: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!cond()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** True when `inbox` holds a message on `channel` whose payload equals `payload`. */
export function received(inbox: readonly P2pInboundMessage[], channel: number, payload: Uint8Array): boolean {
  return inbox.some(
    (m) =>
      m.channel === channel &&
      m.payload.length === payload.length &&
      m.payload.every((b, i) => b === payload[i]),
  );
}

/** Writes `chunks` to `stream` in order, waiting whenever its buffer is full, then closes it; never throws. */
export async function writeAll(stream: Stream, chunks: readonly Uint8Array[]): Promise<void> {
  try {
    for (const chunk of chunks) if (!stream.send(chunk)) await stream.onDrain();
    await stream.close();
  } catch {
    // the node may reset a stream it refuses; what it counted is what the tests check
  }
}
