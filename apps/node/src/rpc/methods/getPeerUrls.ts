import { z } from "zod";
import type { ChainQuery } from "../chainQuery.ts";
import type { RpcMethod } from "../registry.ts";
import { boolArg } from "./args.ts";

/** At most this many URLs are returned. */
export const MAX_PEER_URLS = 256;

const Args = z.object({ skip_edge_node: boolArg });

/**
 * `theta.GetPeerURLs {"skip_edge_node"}` → `{"peer_urls":[…]}` (docs/interfaces.md §1.4 method 11):
 * shuffled with `random` (uniform in [0, 1)), at most {@link MAX_PEER_URLS}.
 */
export function getPeerUrlsMethod(chain: ChainQuery, random: () => number): RpcMethod<typeof Args> {
  return {
    name: "theta.GetPeerURLs",
    params: Args,
    summary: "dialable addresses of connected peers, shuffled, at most 256",
    handler: async (args) => {
      const urls = [...(await chain.peerUrls(args.skip_edge_node))];
      for (let i = urls.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [urls[i], urls[j]] = [urls[j]!, urls[i]!];
      }
      return { peer_urls: urls.slice(0, MAX_PEER_URLS) };
    },
  };
}
