/**
 * Commit-certificate sharing, an addition to the reference (which relies on reliable links and relays
 * every vote): a current vote from a peer for a block below our highest committed block means the peer's
 * fork choice is stuck below it, probably because it lost votes; we send it that CC's votes, once per
 * peer and CC.
 */
import { bytesToHex, equalBytes, type Vote } from "@theta/core-types";
import { Channel, type Network, type PeerId } from "../ports.ts";
import type { Chain } from "./chain.ts";
import { voteMessage } from "./wire.ts";

/** Returns the function the engine calls for every vote received from a peer. */
export function createCcSharing(
  network: Network,
): (chain: Chain, epoch: bigint, v: Vote, from: PeerId) => void {
  const shared = new Map<PeerId, string>();
  return (chain, epoch, v, from) => {
    const cc = chain.tree.highestCommitted();
    if (v.epoch + 1n < epoch || v.height >= cc.height || equalBytes(cc.hash, chain.rootHash)) return;
    const key = bytesToHex(cc.hash);
    if (shared.get(from) === key) return;
    shared.set(from, key);
    for (const vote of chain.votesFor(cc.hash)) network.send(from, Channel.Vote, voteMessage(vote));
  };
}
