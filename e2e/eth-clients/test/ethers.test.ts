/**
 * ethers v6, unchanged, against a privatenet node: JsonRpcProvider over /rpc and WebSocketProvider
 * over /ws, a Wallet signing legacy EIP-155 transactions for chain id 366, an ERC-20 deployed
 * through ContractFactory, its events read back by queryFilter, filters and subscriptions, and
 * revert reasons decoded from eth_call / eth_estimateGas errors.
 */
import {
  type BaseContract,
  type Block,
  Contract,
  ContractFactory,
  type ContractTransactionReceipt,
  type ContractTransactionResponse,
  type EventLog,
  getCreateAddress,
  isError,
  JsonRpcProvider,
  type Log,
  NonceManager,
  parseEther,
  type TransactionReceipt,
  Wallet,
  WebSocketProvider,
} from "ethers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contracts } from "./contracts/compile.ts";
import { CHAIN_ID, MIN_GAS_PRICE, OTHER_KEYS } from "./support/accounts.ts";
import { startNode, type TestNode } from "./support/node.ts";
import { deferred, sleep, withTimeout } from "./support/wait.ts";
import { wsCall } from "./support/wsProbe.ts";

const SUPPLY = parseEther("1000000");
const { Token, Guard } = contracts();

let node: TestNode;
let provider: JsonRpcProvider;
let wallet: Wallet;
let ws: WebSocketProvider | undefined;
const extraProviders: JsonRpcProvider[] = [];

beforeAll(async () => {
  node = await startNode();
  provider = new JsonRpcProvider(node.url, undefined, { pollingInterval: 200 });
  wallet = new Wallet(OTHER_KEYS[0]!, provider);
});

afterAll(async () => {
  for (const p of extraProviders) p.destroy();
  provider?.destroy();
  await ws?.destroy();
  await node?.stop();
});

type TokenContract = BaseContract & Omit<Contract, keyof BaseContract>;
let token: TokenContract;
let tokenAddress: string;
let deployBlock: number;
let transferReceipt: ContractTransactionReceipt;

/** A fresh address holding nothing. */
const freshAddress = (): string => Wallet.createRandom().address;

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

describe("ethers v6: an ERC-20 through ContractFactory", () => {
  it("deploys at getCreateAddress(sender, nonce) with the compiled runtime code", async () => {
    const factory = new ContractFactory(Token.abi, Token.bytecode, wallet);
    const nonce = await provider.getTransactionCount(wallet.address, "pending");
    const deployed = await factory.deploy("Theta Test Token", "TTT", SUPPLY);
    const deployTx = deployed.deploymentTransaction()!;
    expect(deployTx.nonce).toBe(nonce);
    expect(deployTx.to).toBeNull();
    await deployed.waitForDeployment();
    tokenAddress = await deployed.getAddress();
    expect(tokenAddress).toBe(getCreateAddress({ from: wallet.address, nonce }));
    const receipt = await deployTx.wait();
    expect(receipt?.status).toBe(1);
    expect(receipt?.contractAddress).toBe(tokenAddress);
    deployBlock = receipt!.blockNumber;
    expect(await provider.getCode(tokenAddress)).toBe(Token.deployedBytecode);
    expect(await provider.getCode(wallet.address)).toBe("0x");
    token = deployed as unknown as TokenContract;
    expect(await token.name!()).toBe("Theta Test Token");
    expect(await token.symbol!()).toBe("TTT");
    expect(await token.decimals!()).toBe(18n);
    expect(await token.totalSupply!()).toBe(SUPPLY);
    expect(await token.balanceOf!(wallet.address)).toBe(SUPPLY);
  });

  it("transfer: receipt carries the Transfer log; balanceOf moved", async () => {
    const to = freshAddress();
    const tx = (await token.transfer!(to, 1234n)) as ContractTransactionResponse;
    expect(tx.type).toBe(0);
    transferReceipt = (await tx.wait())!;
    expect(transferReceipt.status).toBe(1);
    expect(transferReceipt.logs).toHaveLength(1);
    const log = transferReceipt.logs[0] as EventLog;
    expect(log.address).toBe(tokenAddress);
    expect(log.eventName).toBe("Transfer");
    expect(log.args.toArray()).toEqual([wallet.address, to, 1234n]);
    expect(log.transactionHash).toBe(tx.hash);
    expect(log.blockNumber).toBe(transferReceipt.blockNumber);
    expect(await token.balanceOf!(to)).toBe(1234n);
    expect(await token.balanceOf!(wallet.address)).toBe(SUPPLY - 1234n);
  });

  it("queryFilter finds the mint and the transfer; an indexed topic narrows it", async () => {
    const to = (transferReceipt.logs[0] as EventLog).args[1] as string;
    const all = (await token.queryFilter(token.filters.Transfer!(), deployBlock, "latest")) as EventLog[];
    expect(all.map((e) => e.args.toArray())).toEqual([
      ["0x0000000000000000000000000000000000000000", wallet.address, SUPPLY],
      [wallet.address, to, 1234n],
    ]);
    expect(all[0]!.blockNumber).toBe(deployBlock);
    expect(all[1]!.transactionHash).toBe(transferReceipt.hash);
    const narrowed = (await token.queryFilter(token.filters.Transfer!(null, to))) as EventLog[];
    expect(narrowed).toHaveLength(1);
    expect(narrowed[0]!.args[2]).toBe(1234n);
    // Plain provider.getLogs with a block range.
    const logs: Log[] = await provider.getLogs({
      address: tokenAddress,
      fromBlock: transferReceipt.blockNumber,
      toBlock: transferReceipt.blockNumber,
    });
    expect(logs).toHaveLength(1);
    expect(logs[0]!.transactionHash).toBe(transferReceipt.hash);
  });

  it("estimateGas of a token transfer is above 21000 and enough to send it", async () => {
    const to = freshAddress();
    const gas = await token.transfer!.estimateGas(to, 5n);
    expect(gas).toBeGreaterThan(21000n);
    expect(gas).toBeLessThan(200_000n);
    const tx = (await token.transfer!(to, 5n, { gasLimit: gas })) as ContractTransactionResponse;
    const receipt = await tx.wait();
    expect(receipt?.status).toBe(1);
    expect(receipt!.gasUsed).toBeLessThanOrEqual(gas);
  });

  it("a transfer beyond the balance reverts with the reason (staticCall and estimateGas)", async () => {
    const poor = Wallet.createRandom(provider);
    const asPoor = token.connect(poor) as TokenContract;
    const call = await asPoor.transfer!.staticCall(wallet.address, 1n).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isError(call, "CALL_EXCEPTION")).toBe(true);
    if (!isError(call, "CALL_EXCEPTION")) return;
    expect(call.reason).toBe("ERC20: transfer amount exceeds balance");
    expect(call.revert?.name).toBe("Error");
    expect(call.revert?.args).toEqual(["ERC20: transfer amount exceeds balance"]);
    const estimate = await asPoor.transfer!.estimateGas(wallet.address, 1n).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isError(estimate, "CALL_EXCEPTION")).toBe(true);
    if (isError(estimate, "CALL_EXCEPTION"))
      expect(estimate.reason).toBe("ERC20: transfer amount exceeds balance");
    // On the wire: JSON-RPC error code 3, a message with "revert", data = the encoded Error(string).
    const data = token.interface.encodeFunctionData("transfer", [wallet.address, 1n]);
    const expected = token.interface.encodeErrorResult("Error", ["ERC20: transfer amount exceeds balance"]);
    const request = { from: poor.address, to: tokenAddress, data };
    for (const [method, params] of [
      ["eth_call", [request, "latest"]],
      ["eth_estimateGas", [request]],
    ] as const) {
      const reply = await node.rpc(method, params);
      expect(reply.result).toBeUndefined();
      expect(reply.error?.code).toBe(3);
      expect(reply.error?.message).toMatch(/revert/);
      expect(reply.error?.data).toBe(expected);
    }
  });

  it("a custom error comes back decoded (error.revert)", async () => {
    const guard = (await new ContractFactory(Guard.abi, Guard.bytecode, wallet).deploy()) as BaseContract &
      Omit<Contract, keyof BaseContract>;
    await guard.waitForDeployment();
    const ownerSet = (await guard.set!(7n)) as ContractTransactionResponse;
    expect((await ownerSet.wait())?.status).toBe(1);
    expect(await guard.value!()).toBe(7n);
    const stranger = Wallet.createRandom(provider);
    const e = await (guard.connect(stranger) as typeof guard).set!.staticCall(8n).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(isError(e, "CALL_EXCEPTION")).toBe(true);
    if (!isError(e, "CALL_EXCEPTION")) return;
    expect(e.revert?.name).toBe("NotOwner");
    expect(e.revert?.args).toEqual([stranger.address, 42n]);
  });

  it("a reverting transaction sent with a fixed gas limit is mined with status 0", async () => {
    const tx = (await token.transfer!("0x0000000000000000000000000000000000000000", 1n, {
      gasLimit: 100_000n,
    })) as ContractTransactionResponse;
    const e = await tx.wait().then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(isError(e, "CALL_EXCEPTION")).toBe(true);
    const receipt = await provider.getTransactionReceipt(tx.hash);
    expect(receipt?.status).toBe(0);
    expect(receipt?.logs).toHaveLength(0);
  });
});

/** After `ms` (time for a subscription to be installed), a token transfer to a fresh address. */
const transferAfter = async (ms: number, amount: bigint): Promise<string> => {
  await sleep(ms);
  const to = freshAddress();
  const tx = (await token.transfer!(to, amount)) as ContractTransactionResponse;
  await tx.wait();
  return to;
};

describe("ethers v6: events", () => {
  it('contract.on("Transfer") through an eth_newFilter filter (JsonRpcProvider)', async () => {
    const got = deferred<unknown[]>();
    const listener = (...args: unknown[]): void => got.resolve(args);
    await token.on("Transfer", listener);
    try {
      const to = await transferAfter(1000, 77n);
      const args = await withTimeout(got.promise, 15_000, "the Transfer event (filter id)");
      expect(args.slice(0, 3)).toEqual([wallet.address, to, 77n]);
    } finally {
      await token.off("Transfer", listener);
    }
  });

  it('contract.on("Transfer") through eth_getLogs polling (polling: true)', async () => {
    const polling = new JsonRpcProvider(node.url, undefined, { polling: true, pollingInterval: 200 });
    extraProviders.push(polling);
    const watched = new Contract(tokenAddress, Token.abi, polling);
    const got = deferred<unknown[]>();
    const listener = (...args: unknown[]): void => got.resolve(args);
    await watched.on("Transfer", listener);
    try {
      const to = await transferAfter(1000, 78n);
      const args = await withTimeout(got.promise, 15_000, "the Transfer event (polling)");
      expect(args.slice(0, 3)).toEqual([wallet.address, to, 78n]);
    } finally {
      await watched.off("Transfer", listener);
    }
  });

  it("provider.on('block') fires with increasing block numbers", async () => {
    const seen: number[] = [];
    const two = deferred<void>();
    const listener = (n: number): void => {
      seen.push(n);
      if (seen.length === 2) two.resolve();
    };
    await provider.on("block", listener);
    try {
      await withTimeout(two.promise, 15_000, "two block events");
    } finally {
      await provider.off("block", listener);
    }
    expect(seen[1]!).toBeGreaterThan(seen[0]!);
  });
});

describe("ethers v6: WebSocketProvider", { timeout: 60_000 }, () => {
  it("connects to /ws: chain id, block number, balance", async () => {
    // A raw handshake and call first: WebSocketProvider retries forever on a refused upgrade.
    expect((await wsCall(node.wsUrl, "eth_chainId")).result).toBe("0x16e");
    ws = new WebSocketProvider(node.wsUrl);
    expect((await ws.getNetwork()).chainId).toBe(BigInt(CHAIN_ID));
    expect(await ws.getBlockNumber()).toBeGreaterThan(0);
    expect(await ws.getBalance(tokenAddress)).toBe(0n);
    expect(await ws.getCode(tokenAddress)).toBe(Token.deployedBytecode);
  });

  it("new blocks arrive through eth_subscribe newHeads", async () => {
    const got = deferred<number>();
    const listener = (n: number): void => got.resolve(n);
    const start = await ws!.getBlockNumber();
    await ws!.on("block", listener);
    try {
      const n = await withTimeout(got.promise, 15_000, "a block over the WebSocket");
      expect(n).toBeGreaterThanOrEqual(start);
    } finally {
      await ws!.off("block", listener);
    }
  });

  it('contract.on("Transfer") through eth_subscribe logs', async () => {
    const watched = new Contract(tokenAddress, Token.abi, ws);
    const got = deferred<unknown[]>();
    const listener = (...args: unknown[]): void => got.resolve(args);
    await watched.on("Transfer", listener);
    try {
      const to = await transferAfter(1000, 79n);
      const args = await withTimeout(got.promise, 15_000, "the Transfer event (WebSocket)");
      expect(args.slice(0, 3)).toEqual([wallet.address, to, 79n]);
    } finally {
      await watched.off("Transfer", listener);
    }
  });

  it("a wallet on the WebSocketProvider sends and waits for a transfer", async () => {
    const wsWallet = new Wallet(OTHER_KEYS[1]!, ws);
    const to = freshAddress();
    const tx = await wsWallet.sendTransaction({ to, value: parseEther("0.25") });
    const receipt = await withTimeout(tx.wait(), 30_000, "the receipt over the WebSocket");
    expect(receipt?.status).toBe(1);
    expect(await ws!.getBalance(to)).toBe(parseEther("0.25"));
  });
});
