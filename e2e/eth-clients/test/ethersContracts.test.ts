/**
 * ethers v6, unchanged, against a privatenet node: an ERC-20 deployed through ContractFactory, its
 * events read back by queryFilter, revert reasons decoded from eth_call / eth_estimateGas errors,
 * filters and subscriptions over /rpc, and the same through a WebSocketProvider over /ws.
 */
import {
  type BaseContract,
  Contract,
  ContractFactory,
  type ContractTransactionReceipt,
  type ContractTransactionResponse,
  type EventLog,
  getCreateAddress,
  isError,
  JsonRpcProvider,
  type Log,
  parseEther,
  Wallet,
  WebSocketProvider,
} from "ethers";
import { describe, expect, it } from "vitest";
import { contracts } from "./contracts/compile.ts";
import { CHAIN_ID, OTHER_KEYS } from "./support/accounts.ts";
import {
  extraProviders,
  freshAddress,
  node,
  provider,
  SUPPLY,
  useEthersNode,
  wallet,
} from "./support/ethers.ts";
import { deferred, sleep, withTimeout } from "./support/wait.ts";
import { wsCall } from "./support/wsProbe.ts";

const { Token, Guard } = contracts();

let ws: WebSocketProvider | undefined;
useEthersNode(async () => {
  await ws?.destroy();
});

type TokenContract = BaseContract & Omit<Contract, keyof BaseContract>;
let token: TokenContract;
let tokenAddress: string;
let deployBlock: number;
let transferReceipt: ContractTransactionReceipt;

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
