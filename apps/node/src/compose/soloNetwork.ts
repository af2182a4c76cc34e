/**
 * The consensus `Network` of a node without p2p configured: no peers, broadcasts go nowhere.
 * A single validator runs on it alone (it finalizes on its own votes).
 */
import type { Network } from "@theta/consensus";

/** A network with no peers. */
export function createSoloNetwork(): Network {
  return {
    broadcast: () => undefined,
    send: () => undefined,
    subscribe: () => () => undefined,
    peers: () => [],
  };
}
