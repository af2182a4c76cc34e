/**
 * ethers v6, unchanged, against a privatenet node: JsonRpcProvider basics over /rpc (chain id 366,
 * block number, fee data, balances) and a Wallet signing legacy EIP-155 transactions for chain id
 * 366 (receipts, transactions and blocks read back, nonces of back-to-back sends, gas estimates).
 */
import { type Block, NonceManager, parseEther, type TransactionReceipt } from "ethers";
import { describe, expect, it } from "vitest";
import { CHAIN_ID, MIN_GAS_PRICE } from "./support/accounts.ts";
import { freshAddress, provider, useEthersNode, wallet } from "./support/ethers.ts";
import { sleep } from "./support/wait.ts";

useEthersNode();

describe("ethers v6: JsonRpcProvider basics", () => {
  it("getNetwork reports chain id 366; net_version is 366", async () => {
    const network = await provider.getNetwork();
    expect(network.chainId).toBe(BigInt(CHAIN_ID));
    expect(await provider.send("net_version", [])).toBe(String(CHAIN_ID));
    expect(await provider.send("eth_chainId", [])).toBe("0x16e");
    expect(typeof (await provider.send("web3_clientVersion", []))).toBe("string");
  });

  it("getBlockNumber advances with the chain", async () => {
    const first = await provider.getBlockNumber();
    expect(first).toBeGreaterThanOrEqual(0);
    await sleep(1500);
    const later = await provider.getBlockNumber();
    expect(later).toBeGreaterThan(first);
  });

  it("getFeeData: a legacy gas price at least the profile minimum, no EIP-1559 fields", async () => {
    const fees = await provider.getFeeData();
    expect(fees.gasPrice).not.toBeNull();
    expect(fees.gasPrice!).toBeGreaterThanOrEqual(MIN_GAS_PRICE);
    expect(fees.maxFeePerGas).toBeNull();
    expect(fees.maxPriorityFeePerGas).toBeNull();
  });

  it("getBalance: the funded key holds TFuel, a fresh address none", async () => {
    expect(await provider.getBalance(wallet.address)).toBe(parseEther("5000000"));
    expect(await provider.getBalance(freshAddress())).toBe(0n);
    expect(await provider.getTransactionCount(wallet.address)).toBe(0);
  });
});

describe("ethers v6: Wallet transactions", () => {
  let sent: { hash: string; receipt: TransactionReceipt; to: string; value: bigint };

  it("sends a value transfer: legacy type 0, chain id 366, receipt status 1, balances moved", async () => {
    const to = freshAddress();
    const value = parseEther("1.5");
    const before = await provider.getBalance(wallet.address);
    const tx = await wallet.sendTransaction({ to, value });
    expect(tx.type).toBe(0);
    expect(tx.chainId).toBe(BigInt(CHAIN_ID));
    expect(tx.nonce).toBe(0);
    const receipt = await tx.wait();
    expect(receipt).not.toBeNull();
    expect(receipt!.status).toBe(1);
    expect(receipt!.hash).toBe(tx.hash);
    // ethers returns at the first receipt: its block must already be "latest" or older, or the
    // reads below see the state before the transaction.
    expect(Number(await provider.send("eth_blockNumber", []))).toBeGreaterThanOrEqual(receipt!.blockNumber);
    expect(receipt!.from).toBe(wallet.address);
    expect(receipt!.to).toBe(to);
    expect(receipt!.gasUsed).toBe(21000n);
    expect(await provider.getBalance(to)).toBe(value);
    const after = await provider.getBalance(wallet.address);
    expect(before - after).toBe(value + receipt!.gasUsed * receipt!.gasPrice);
    expect(await provider.getTransactionCount(wallet.address)).toBe(1);
    sent = { hash: tx.hash, receipt: receipt!, to, value };
  });

  it("getTransaction / getTransactionReceipt return the sent hash", async () => {
    const tx = await provider.getTransaction(sent.hash);
    expect(tx).not.toBeNull();
    expect(tx!.hash).toBe(sent.hash);
    expect(tx!.from).toBe(wallet.address);
    expect(tx!.to).toBe(sent.to);
    expect(tx!.value).toBe(sent.value);
    expect(tx!.nonce).toBe(0);
    expect(tx!.chainId).toBe(BigInt(CHAIN_ID));
    expect(tx!.blockNumber).toBe(sent.receipt.blockNumber);
    expect(tx!.blockHash).toBe(sent.receipt.blockHash);
    const receipt = await provider.getTransactionReceipt(sent.hash);
    expect(receipt).not.toBeNull();
    expect(receipt!.hash).toBe(sent.hash);
    expect(receipt!.blockHash).toBe(sent.receipt.blockHash);
    // An unknown hash is null, not an error.
    expect(await provider.getTransaction(`0x${"ab".repeat(32)}`)).toBeNull();
    expect(await provider.getTransactionReceipt(`0x${"ab".repeat(32)}`)).toBeNull();
  });

  it("getBlock with prefetched transactions holds the sent transaction", async () => {
    const block = (await provider.getBlock(sent.receipt.blockNumber, true)) as Block;
    expect(block).not.toBeNull();
    expect(block.number).toBe(sent.receipt.blockNumber);
    expect(block.hash).toBe(sent.receipt.blockHash);
    expect(block.transactions).toContain(sent.hash);
    const prefetched = block.prefetchedTransactions.find((t) => t.hash === sent.hash);
    expect(prefetched).toBeDefined();
    expect(prefetched!.from).toBe(wallet.address);
    expect(prefetched!.value).toBe(sent.value);
    const byHash = await provider.getBlock(sent.receipt.blockHash);
    expect(byHash?.number).toBe(sent.receipt.blockNumber);
    const parent = await provider.getBlock(sent.receipt.blockNumber - 1);
    expect(block.parentHash).toBe(parent?.hash);
    expect(block.timestamp).toBeGreaterThanOrEqual(parent!.timestamp);
    const latest = await provider.getBlock("latest");
    expect(latest!.number).toBeGreaterThanOrEqual(block.number);
  });

  it("sends 3 transactions back to back (nonces from the pending count), all mined", async () => {
    // ethers shares identical requests made within 250 ms, so consecutive sends from one Wallet
    // would all read the same pending nonce: NonceManager (ethers' answer) reads the pending count
    // once and counts on from there; the node's pending count must then agree.
    const pendingCount = async (): Promise<number> =>
      Number(await provider.send("eth_getTransactionCount", [wallet.address, "pending"]));
    const start = await pendingCount();
    const signer = new NonceManager(wallet);
    const to = freshAddress();
    const txs = [];
    for (let i = 0; i < 3; i++) txs.push(await signer.sendTransaction({ to, value: BigInt(i + 1) }));
    expect(txs.map((t) => t.nonce)).toEqual([start, start + 1, start + 2]);
    expect(await pendingCount()).toBe(start + 3);
    const receipts = await Promise.all(txs.map((t) => t.wait()));
    for (const [i, r] of receipts.entries()) {
      expect(r?.status).toBe(1);
      expect(r?.hash).toBe(txs[i]!.hash);
    }
    expect(await provider.getBalance(to)).toBe(6n);
    expect(await pendingCount()).toBe(start + 3);
  });

  it("a second send right after a receipt gets the next nonce", async () => {
    // A receipt means the transaction is in the chain: the pending count includes it at once.
    const to = freshAddress();
    const first = await wallet.sendTransaction({ to, value: 1n });
    await first.wait();
    await sleep(300); // past ethers' 250 ms request sharing
    const second = await wallet.sendTransaction({ to, value: 2n });
    expect(second.nonce).toBe(first.nonce + 1);
    expect((await second.wait())?.status).toBe(1);
    expect(await provider.getBalance(to)).toBe(3n);
  });

  it("estimateGas of a plain transfer is 21000", async () => {
    expect(await provider.estimateGas({ from: wallet.address, to: freshAddress(), value: 1n })).toBe(21000n);
  });
});
