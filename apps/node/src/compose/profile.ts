/**
 * Picks the chain profile from the chain id of the snapshot block: `mainnet` and `privatenet`
 * are the built-in profiles; any other id runs on the privatenet rules under its own id.
 */
import { type ChainProfile, deriveProfile, mainnet, privatenet } from "@theta/core-types";

/** The profile for `chainId`. */
export function profileForChain(chainId: string): ChainProfile {
  if (chainId === mainnet.chainId) return mainnet;
  if (chainId === privatenet.chainId) return privatenet;
  return deriveProfile(privatenet, { name: chainId, chainId });
}
