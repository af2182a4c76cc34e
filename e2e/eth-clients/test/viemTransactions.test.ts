/**
 * viem v2, unchanged, against a privatenet node: a public client for a custom chain (id 366) over
 * the http transport (/rpc) — chain id, block number, gas price, balances, gas estimate — and a
 * wallet client whose local account signs a legacy EIP-155 value transfer, read back.
 */
import { type Hash, parseEther } from "viem";
import { describe, expect, it } from "vitest";
import { CHAIN_ID, MIN_GAS_PRICE } from "./support/accounts.ts";
import { account, freshAddress, publicClient, useViemNode, walletClient } from "./support/viem.ts";
import { sleep } from "./support/wait.ts";

useViemNode();

describe("viem: public client over http", () => {
  it("getChainId is 366, getBlockNumber advances, getGasPrice is at least the minimum", async () => {
    expect(await publicClient.getChainId()).toBe(CHAIN_ID);
    const n = await publicClient.getBlockNumber({ cacheTime: 0 });
    await sleep(1500);
    expect(await publicClient.getBlockNumber({ cacheTime: 0 })).toBeGreaterThan(n);
    expect(await publicClient.getGasPrice()).toBeGreaterThanOrEqual(MIN_GAS_PRICE);
  });

  it("getBalance of the funded account and a fresh one", async () => {
    expect(await publicClient.getBalance({ address: account.address })).toBe(parseEther("5000000"));
    expect(await publicClient.getBalance({ address: freshAddress() })).toBe(0n);
  });

  it("estimateGas of a plain transfer is 21000", async () => {
    expect(await publicClient.estimateGas({ account, to: freshAddress(), value: 1n })).toBe(21000n);
  });
});

describe("viem: wallet client over http", () => {
  it("sendTransaction + waitForTransactionReceipt: a legacy transfer, balances moved", async () => {
    const to = freshAddress();
    const value = parseEther("2");
    const before = await publicClient.getBalance({ address: account.address });
    const hash: Hash = await walletClient.sendTransaction({ to, value });
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    expect(receipt.status).toBe("success");
    expect(receipt.transactionHash).toBe(hash);
    expect(await publicClient.getBlockNumber({ cacheTime: 0 })).toBeGreaterThanOrEqual(receipt.blockNumber);
    expect(receipt.from).toBe(account.address.toLowerCase());
    expect(receipt.to).toBe(to.toLowerCase());
    expect(receipt.gasUsed).toBe(21000n);
    const tx = await publicClient.getTransaction({ hash });
    expect(tx.hash).toBe(hash);
    expect(tx.type).toBe("legacy");
    expect(tx.chainId).toBe(CHAIN_ID);
    expect(tx.value).toBe(value);
    expect(tx.blockNumber).toBe(receipt.blockNumber);
    expect(await publicClient.getBalance({ address: to })).toBe(value);
    const after = await publicClient.getBalance({ address: account.address });
    expect(before - after).toBe(value + receipt.gasUsed * receipt.effectiveGasPrice);
    const block = await publicClient.getBlock({
      blockNumber: receipt.blockNumber,
      includeTransactions: true,
    });
    expect(block.hash).toBe(receipt.blockHash);
    expect(block.transactions.map((t) => t.hash)).toContain(hash);
  });
});
