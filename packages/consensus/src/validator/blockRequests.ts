/**
 * Block sync by hash (docs/consensus.md §5.3, simple form): blocks the engine misses (the parent of a block it
 * received, or a block a vote names) are "wanted"; the first request goes to the peer that mentioned it,
 * and every retry (each new epoch) to the next peer in turn, until the block arrives. At most
 * `MAX_WANTED` blocks are wanted at a time, so forged votes cannot flood the network with requests.
 */
import { type Block, bytesToHex, decodeBlock, encodeBlock, type HeaderForkHeights } from "@theta/core-types";
import type { BlockStore, Network, PeerId } from "../ports.ts";
import { Channel } from "../ports.ts";
import type { Chain } from "./chain.ts";
import { blockRequestMessage, encodedBlockMessage } from "./wire.ts";

const MAX_WANTED = 64;

/** The wanted-blocks list. */
export interface BlockRequests {
  /** Wants a block; sends the first request (to `from` when given). No-op if already wanted. */
  want(hash: Uint8Array, from: PeerId | undefined): void;
  /** Re-requests every wanted block that `has` does not know yet, each from its next peer; drops the rest. */
  retry(has: (hash: Uint8Array) => boolean): void;
  /** Number of wanted blocks. */
  size(): number;
}

/** Creates the list over `network`; `trace` receives one line per request. */
export function createBlockRequests(network: Network, trace?: (line: string) => void): BlockRequests {
  const wanted = new Map<string, { hash: Uint8Array; tries: number }>();
  let cursor = 0;
  const send = (hash: Uint8Array, to: PeerId | undefined): void => {
    let peer = to;
    if (peer === undefined) {
      const peers = network.peers();
      if (peers.length === 0) return;
      peer = peers[cursor++ % peers.length] as PeerId;
    }
    trace?.(`requests ${bytesToHex(hash).slice(0, 8)} from ${peer}`);
    network.send(peer, Channel.Block, blockRequestMessage([hash]));
  };
  return {
    want(hash, from) {
      const key = bytesToHex(hash);
      if (wanted.has(key) || wanted.size >= MAX_WANTED) return;
      wanted.set(key, { hash, tries: 1 });
      send(hash, from);
    },
    retry(has) {
      for (const [key, w] of wanted) {
        if (has(w.hash) || w.tries > 32) {
          wanted.delete(key);
          continue;
        }
        w.tries++;
        send(w.hash, undefined);
      }
    },
    size: () => wanted.size,
  };
}

/**
 * Answers a block request: each block known (valid, pending or stored) goes back in its own message, in
 * the order asked. The stored ones are read together and every message is sent in one go, so the
 * network can put them in one write.
 */
export async function serveBlocks(
  ctx: { network: Network; chain: Chain; store: BlockStore; forks: HeaderForkHeights },
  hashes: readonly Uint8Array[],
  to: PeerId,
): Promise<void> {
  // Each block as its encoding: the stored ones as read (the store's encoding is the wire's), not decoded.
  const found = await Promise.all(
    hashes.slice(0, 16).map(async (hash): Promise<Uint8Array | undefined> => {
      const entry = ctx.chain.entry(hash);
      const block = entry?.bodyInStore === true ? undefined : (entry?.block ?? ctx.chain.pendingBlock(hash));
      return block !== undefined ? encodeBlock(block, ctx.forks) : ctx.store.get(hash);
    }),
  );
  for (const encoded of found)
    if (encoded !== undefined) ctx.network.send(to, Channel.Block, encodedBlockMessage(encoded));
}

/** The engine's root: the store's last finalized block (a restart), else the genesis or snapshot root. */
export async function loadRoot(
  store: BlockStore,
  forks: HeaderForkHeights,
  genesis: Block,
  hashOf: (b: Block) => Uint8Array,
): Promise<{ block: Block; hash: Uint8Array }> {
  const hash = await store.lastFinalized();
  const encoded = hash === undefined ? undefined : await store.get(hash);
  if (hash !== undefined && encoded !== undefined) return { block: decodeBlock(encoded, forks), hash };
  return { block: genesis, hash: hashOf(genesis) };
}
