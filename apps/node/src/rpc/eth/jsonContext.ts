/** The per-call context of the JSON builders, read from the chain. */
import type { EthChain } from "./ethChain.ts";
import type { EthJsonContext } from "./ethJson.ts";

/** Chain id, hash function and block gas limit for the JSON builders. */
export async function jsonContext(
  chain: EthChain,
  keccak256: (b: Uint8Array) => Uint8Array,
): Promise<EthJsonContext> {
  return { evmChainId: await chain.evmChainId(), keccak256, gasLimit: await chain.maxGasLimit() };
}
