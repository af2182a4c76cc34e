/**
 * Answering a peer's inventory request (docs/consensus.md §5.3) from the finalized chain: the first locator
 * hash that is a finalized block here is the start; the headers of up to {@link INVENTORY_MAX_HASHES}
 * finalized blocks after it follow, then the last finalized header (so the peer learns how far the
 * chain goes). They go back as a Header message and an InventoryResponse of the same hashes. A locator
 * naming nothing finalized here (another chain) gets no answer.
 */
import { type BlockHeader, decodeBlock, equalBytes, type HeaderForkHeights } from "@theta/core-types";
import { type BlockStore, type ChainIndex, Channel, type Network, type PeerId } from "../ports.ts";
import { INVENTORY_MAX_HASHES } from "./limits.ts";
import { headersMessage, inventoryResponseMessage } from "./messages.ts";

/** What the responder reads and sends on. */
export interface ResponderDeps {
  readonly network: Network;
  readonly store: BlockStore;
  readonly index: ChainIndex;
  readonly forks: HeaderForkHeights;
}

/** The headers and hashes answering `starts`, or undefined when no start is a finalized block here. */
export async function inventoryFor(
  deps: Omit<ResponderDeps, "network">,
  starts: readonly Uint8Array[],
): Promise<{ headers: BlockHeader[]; hashes: Uint8Array[] } | undefined> {
  const headerOf = async (hash: Uint8Array): Promise<BlockHeader | undefined> => {
    const encoded = await deps.store.get(hash);
    return encoded === undefined ? undefined : decodeBlock(encoded, deps.forks).header;
  };
  const finHash = await deps.store.lastFinalized();
  const fin = finHash === undefined ? undefined : await headerOf(finHash);
  if (finHash === undefined || fin === undefined) return undefined;
  let located: bigint | undefined;
  for (const start of starts) {
    const h = await headerOf(start);
    if (h === undefined || h.height > fin.height) continue;
    const canonical = await deps.index.hashAtHeight(h.height);
    if (canonical !== undefined && equalBytes(canonical, start)) {
      located = h.height;
      break;
    }
  }
  if (located === undefined) return undefined;
  const headers: BlockHeader[] = [];
  const hashes: Uint8Array[] = [];
  const last = located + BigInt(INVENTORY_MAX_HASHES);
  for (let height = located + 1n; height <= last && height <= fin.height; height++) {
    const hash = await deps.index.hashAtHeight(height);
    const header = hash === undefined ? undefined : await headerOf(hash);
    if (hash === undefined || header === undefined) break;
    headers.push(header);
    hashes.push(hash);
  }
  const lastHash = hashes[hashes.length - 1];
  if (lastHash === undefined || !equalBytes(lastHash, finHash)) {
    headers.push(fin);
    hashes.push(finHash);
  }
  return { headers, hashes };
}

/** Answers an inventory request from `to` (nothing when the locator names no finalized block here). */
export async function answerInventory(
  deps: ResponderDeps,
  starts: readonly Uint8Array[],
  to: PeerId,
): Promise<void> {
  const inv = await inventoryFor(deps, starts);
  if (inv === undefined) return;
  deps.network.send(to, Channel.Header, headersMessage(inv.headers, deps.forks));
  deps.network.send(to, Channel.Block, inventoryResponseMessage(inv.hashes));
}

/**
 * Answers inventory requests one at a time, in arrival order; at most 8 wait (more are dropped, so a
 * flood of requests costs no memory). `onError` receives a failed read of the store.
 */
export function createInventoryAnswerer(
  deps: ResponderDeps,
  onError: (e: unknown) => void,
): (from: PeerId, starts: readonly Uint8Array[]) => void {
  const waiting: { from: PeerId; starts: readonly Uint8Array[] }[] = [];
  let busy = false;
  const next = (): void => {
    const job = waiting.shift();
    if (job === undefined) return;
    busy = true;
    answerInventory(deps, job.starts, job.from)
      .catch(onError)
      .finally(() => {
        busy = false;
        next();
      });
  };
  return (from, starts) => {
    if (waiting.length >= 8) return;
    waiting.push({ from, starts });
    if (!busy) next();
  };
}
