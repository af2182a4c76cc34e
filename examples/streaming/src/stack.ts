/**
 * Everything the demo runs, started on 127.0.0.1: a privatenet node (unless an RPC URL is given),
 * two relays that know each other, and the page server with the viewer's config.
 */
import { bytesToHex } from "@theta/core-types";
import { loadMedia, type Media } from "./media.ts";
import { type PrivatenetNode, ROLES, startPrivatenet, testKey } from "./node.ts";
import { buildViewer, type PageServer, servePage } from "./page.ts";
import { CHUNK_SIZE, PRICE_PER_CHUNK, RESOURCE_ID } from "./protocol.ts";
import { type RelayServer, startRelay } from "./relay.ts";
import { createRpc } from "./rpc.ts";
import type { ViewerConfig } from "./viewer/session.ts";

export interface StackOptions {
  /** Use this node instead of starting one. */
  readonly rpcUrl?: string;
  readonly blockIntervalMs?: number;
  /** Chunks the page plays by default. */
  readonly chunks?: number;
  readonly media?: Media;
  /** Settle when a pool is this many blocks from its end (default 20). */
  readonly expiryMargin?: bigint;
  readonly pagePort?: number;
  readonly pageDir?: string;
  readonly log?: (line: string) => void;
}

export interface Stack {
  readonly rpcUrl: string;
  readonly node: PrivatenetNode | undefined;
  readonly relays: readonly RelayServer[];
  readonly page: PageServer;
  readonly config: ViewerConfig;
  stop(): Promise<void>;
}

export async function startStack(o: StackOptions = {}): Promise<Stack> {
  const media = o.media ?? loadMedia();
  const dir = await buildViewer(o.pageDir);
  const node =
    o.rpcUrl === undefined
      ? await startPrivatenet({
          blockIntervalMs: o.blockIntervalMs ?? 1000,
          ...(o.log ? { log: o.log } : {}),
        })
      : undefined;
  const rpcUrl = o.rpcUrl ?? node!.rpcUrl;
  const rpc = createRpc(rpcUrl);
  const chainId = "privatenet";
  const relays: RelayServer[] = [];
  for (const [name, address] of [
    ["relay A", ROLES.relayA],
    ["relay B", ROLES.relayB],
  ] as const) {
    relays.push(
      await startRelay({
        name,
        key: testKey(address),
        chainId,
        rpc,
        media,
        resourceId: RESOURCE_ID,
        pricePerChunk: PRICE_PER_CHUNK,
        chunkSize: CHUNK_SIZE,
        expiryMargin: o.expiryMargin ?? 20n,
        peers: () => relays.filter((r) => r.relay.info().name !== name).map((r) => r.url),
      }),
    );
  }
  const chunks = o.chunks ?? Math.ceil(media.bytes.length / CHUNK_SIZE);
  const config: ViewerConfig = {
    rpcUrl,
    chainId,
    relays: relays.map((r) => r.url),
    viewerKey: bytesToHex(testKey(ROLES.viewer)),
    cheaterKey: bytesToHex(testKey(ROLES.cheater)),
    chunks,
    // Twice what the whole media costs, so the chart shows the pool going down.
    fund: (2n * BigInt(Math.ceil(media.bytes.length / CHUNK_SIZE)) * PRICE_PER_CHUNK).toString(),
    cheaterFund: (3n * PRICE_PER_CHUNK).toString(),
  };
  const page = await servePage(dir, () => config, o.pagePort === undefined ? {} : { port: o.pagePort });
  return {
    rpcUrl,
    node,
    relays,
    page,
    config,
    async stop() {
      await page.close();
      for (const r of relays) await r.close();
      await node?.stop();
    },
  };
}
