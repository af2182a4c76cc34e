/**
 * Chain-wide facts: chain id, network version, head number, sync state, client and protocol
 * versions, gas price and fee history, and the constant answers for accounts, mining and uncles.
 */
import { z } from "zod";
import type { RpcMethod } from "../../registry.ts";
import type { EthChain } from "../ethChain.ts";
import { data, quantity } from "../ethHex.ts";
import { ethMethod, invalidParams } from "../ethMethod.ts";
import {
  blockSpecArg,
  dataArg,
  hash32Arg,
  looseQuantityArg,
  optionalBlockArg,
  quantityArg,
} from "../ethParams.ts";
import type { GasPriceOracle } from "../gasPriceOracle.ts";

/** Theta's eth protocol version as the adaptor reports it (`GetVersion`-derived, fixed). */
const PROTOCOL_VERSION = "0x41";

/** The chain-info methods. */
export function chainInfoMethods(
  chain: EthChain,
  oracle: GasPriceOracle,
  keccak256: (b: Uint8Array) => Uint8Array,
): RpcMethod[] {
  const head = async (): Promise<bigint> => (await chain.finalizedHead())?.height ?? 0n;
  return [
    ethMethod("eth_chainId", "the EVM chain id (privatenet 366)", [], async () =>
      quantity(await chain.evmChainId()),
    ),
    ethMethod("net_version", "the EVM chain id in decimal", [], async () =>
      (await chain.evmChainId()).toString(10),
    ),
    ethMethod("eth_blockNumber", "the last finalized height", [], async () => quantity(await head())),
    ethMethod("eth_syncing", "false, or the sync progress while the node is behind", [], async () => {
      const s = await chain.query.status();
      if (!s.syncing) return false;
      const current = s.latestFinalized?.height ?? 0n;
      return {
        startingBlock: quantity(chain.earliestHeight()),
        currentBlock: quantity(current),
        highestBlock: quantity(s.highestSeenHeight > current ? s.highestSeenHeight : current),
      };
    }),
    ethMethod("eth_protocolVersion", "the Ethereum protocol version string", [], () => PROTOCOL_VERSION),
    ethMethod("web3_clientVersion", "the node's name, version and platform", [], () => chain.clientVersion),
    ethMethod("web3_sha3", "keccak256 of the given data", [["data", dataArg]], ([bytes]) =>
      data(keccak256(bytes)),
    ),
    ethMethod("net_listening", "true: the node accepts peers", [], () => true),
    ethMethod("net_peerCount", "connected peers", [], () => quantity(chain.peerCount())),
    ethMethod("eth_accounts", "always empty: keys stay in wallets", [], () => []),
    ethMethod("eth_mining", "false: Theta blocks are not mined", [], () => false),
    ethMethod("eth_hashrate", "0x0", [], () => "0x0"),
    ethMethod(
      "eth_gasPrice",
      "average gas price of recent contract txs, at least the minimum",
      [],
      async () => quantity(await oracle.gasPrice()),
    ),
    ethMethod("eth_maxPriorityFeePerGas", "0x0: Theta has no priority fee", [], () => "0x0"),
    ethMethod(
      "eth_feeHistory",
      "per-block gas used ratios and reward percentiles (base fee always 0)",
      [
        ["blockCount", looseQuantityArg],
        ["newestBlock", blockSpecArg],
        ["rewardPercentiles", z.array(z.number().min(0).max(100)).max(100).nullish()],
      ],
      async ([count, newest, percentiles]) => {
        if (percentiles != null) {
          for (let i = 1; i < percentiles.length; i++) {
            if (percentiles[i]! < percentiles[i - 1]!)
              throw invalidParams("rewardPercentiles: expected ascending values");
          }
        }
        return oracle.feeHistory(count > 1024n ? 1024n : count, newest, percentiles ?? undefined);
      },
    ),
    ethMethod("eth_getUncleCountByBlockHash", "0x0: no uncles", [["blockHash", hash32Arg]], () => "0x0"),
    ethMethod("eth_getUncleCountByBlockNumber", "0x0: no uncles", [["block", optionalBlockArg]], () => "0x0"),
    ethMethod(
      "eth_getUncleByBlockHashAndIndex",
      "null: no uncles",
      [
        ["blockHash", hash32Arg],
        ["index", quantityArg],
      ],
      () => null,
    ),
    ethMethod(
      "eth_getUncleByBlockNumberAndIndex",
      "null: no uncles",
      [
        ["block", blockSpecArg],
        ["index", quantityArg],
      ],
      () => null,
    ),
  ];
}
