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

/**
 * `profile` with the node's overrides docs/decisions.md §2: the block interval and the txs per block
 * are per-chain settings): `maxTxsPerBlock` when non-zero. Only what this node proposes changes;
 * a block from another proposer is applied whatever its size.
 */
export function withProfileOverrides(
  profile: ChainProfile,
  o: { readonly maxTxsPerBlock: number },
): ChainProfile {
  if (o.maxTxsPerBlock <= 0 || o.maxTxsPerBlock === profile.maxTxsPerBlock) return profile;
  return deriveProfile(profile, {
    name: profile.name,
    chainId: profile.chainId,
    maxTxsPerBlock: o.maxTxsPerBlock,
  });
}
