/**
 * `eth_gasPrice` and `eth_feeHistory`: the average gas price of the SmartContractTxs in the last
 * 20 finalized blocks, never below the chain's minimum (the minimum when there are none), and
 * per-block gas figures with reward percentiles taken over the txs' gas prices. Theta has no base
 * fee: every `baseFeePerGas` entry is 0, so clients build legacy transactions.
 */
import { TxType } from "@theta/core-types";
import type { StoredBlock } from "../chainQuery.ts";
import { resolveBlock } from "./blockResolver.ts";
import type { EthChain } from "./ethChain.ts";
import { maxBig, quantity } from "./ethHex.ts";
import type { BlockSpec } from "./ethParams.ts";
import { ethTxView } from "./ethTxView.ts";

/** Finalized blocks the average looks back over. */
export const GAS_PRICE_BLOCKS = 20n;

/** The gas price answers. */
export interface GasPriceOracle {
  gasPrice(): Promise<bigint>;
  feeHistory(count: bigint, newest: BlockSpec, percentiles: readonly number[] | undefined): Promise<unknown>;
}

function contractGasPrices(block: StoredBlock): { price: bigint; gas: bigint }[] {
  return block.txs
    .filter((t) => t.tx.type === TxType.SmartContract)
    .map((t) => ({
      price: t.tx.type === TxType.SmartContract ? t.tx.gasPrice : 0n,
      gas: t.receipt?.gasUsed ?? 0n,
    }));
}

/** Creates the oracle; the average is cached per finalized height. */
export function createGasPriceOracle(chain: EthChain, blockGasLimit: () => Promise<bigint>): GasPriceOracle {
  let cached: { height: bigint; price: bigint } | undefined;
  const blockAt = async (height: bigint): Promise<StoredBlock | undefined> => {
    const hash = await chain.finalizedHashAt(height);
    return hash === undefined ? undefined : chain.query.blockByHash(hash);
  };
  return {
    async gasPrice() {
      const floor = await chain.minGasPrice();
      const head = await chain.finalizedHead();
      if (head === undefined) return floor;
      if (cached?.height === head.height) return maxBig(cached.price, floor);
      let sum = 0n;
      let n = 0n;
      const from = head.height >= GAS_PRICE_BLOCKS ? head.height - GAS_PRICE_BLOCKS + 1n : 0n;
      for (let h = head.height; h >= from && h >= chain.earliestHeight(); h--) {
        const b = await blockAt(h);
        for (const p of b === undefined ? [] : contractGasPrices(b)) {
          sum += p.price;
          n++;
        }
        if (h === 0n) break;
      }
      const price = n === 0n ? floor : sum / n;
      cached = { height: head.height, price };
      return maxBig(price, floor);
    },
    async feeHistory(count, newest, percentiles) {
      const last = await resolveBlock(chain, newest);
      const limit = await blockGasLimit();
      if (last === undefined || count === 0n) {
        return {
          oldestBlock: "0x0",
          baseFeePerGas: [],
          gasUsedRatio: [],
          ...(percentiles ? { reward: [] } : {}),
        };
      }
      const newestHeight = last.block.block.header.height;
      const earliest = chain.earliestHeight();
      const oldest = newestHeight - count + 1n > earliest ? newestHeight - count + 1n : earliest;
      const ratios: number[] = [];
      const rewards: string[][] = [];
      for (let h = oldest; h <= newestHeight; h++) {
        const b = h === newestHeight ? last : await blockAt(h);
        const evm = await chain.evmChainId();
        const used = b === undefined ? 0n : b.txs.reduce((s, t) => s + ethTxView(t, evm).gasUsed, 0n);
        ratios.push(limit === 0n ? 0 : Number(used) / Number(limit));
        if (percentiles !== undefined) rewards.push(rewardsOf(b, percentiles));
      }
      return {
        oldestBlock: quantity(oldest),
        baseFeePerGas: Array.from({ length: ratios.length + 1 }, () => "0x0"),
        gasUsedRatio: ratios,
        ...(percentiles === undefined ? {} : { reward: rewards }),
      };
    },
  };
}

/** Gas prices at each percentile of the block's contract gas (geth weights by gas used). */
function rewardsOf(block: StoredBlock | undefined, percentiles: readonly number[]): string[] {
  const prices =
    block === undefined ? [] : contractGasPrices(block).sort((a, b) => (a.price < b.price ? -1 : 1));
  if (prices.length === 0) return percentiles.map(() => "0x0");
  const total = prices.reduce((s, p) => s + p.gas, 0n);
  return percentiles.map((pct) => {
    const threshold = (Number(total) * pct) / 100;
    let acc = 0;
    for (const p of prices) {
      acc += Number(p.gas);
      if (acc >= threshold) return quantity(p.price);
    }
    return quantity(prices[prices.length - 1]!.price);
  });
}
