/**
 * web3.js v4, unchanged, against a privatenet node: chain id, balances, transactions signed by a
 * key in web3.eth.accounts.wallet, an ERC-20 deployed and called through web3.eth.Contract, its
 * past events, revert data decoded, and newBlockHeaders / logs subscriptions over the
 * WebSocketProvider.
 *
 * web3.js v4 builds EIP-1559 (type 2) transactions by default (defaultHardfork "london") and
 * refuses when the latest block has no baseFeePerGas (Eip1559NotSupportedError), as on any
 * pre-London chain; Theta blocks carry none, so the Web3 instances are configured for legacy
 * transactions: defaultTransactionType "0x0" and defaultHardfork "petersburg".
 */

import { getCreateAddress } from "ethers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Web3BaseProvider } from "web3";
import {
  ContractExecutionError,
  type core,
  type Eip838ExecutionError,
  type EventLog,
  type Log,
  Web3,
  WebSocketProvider,
} from "web3";
import { contracts } from "./contracts/compile.ts";
import { CHAIN_ID, MIN_GAS_PRICE, OTHER_KEYS } from "./support/accounts.ts";
import { startNode, type TestNode } from "./support/node.ts";
import { deferred, sleep, withTimeout } from "./support/wait.ts";
import { wsCall } from "./support/wsProbe.ts";

const { Token, Guard } = contracts();
const E18 = 10n ** 18n;
const SUPPLY = 1_000_000n * E18;

/** Legacy transactions; the rest of web3's defaults. */
const CONFIG: Partial<core.Web3ConfigOptions> = {
  defaultTransactionType: "0x0",
  defaultHardfork: "petersburg",
  transactionPollingInterval: 200,
  transactionReceiptPollingInterval: 200,
  transactionConfirmationPollingInterval: 200,
  transactionBlockTimeout: 200,
};

let node: TestNode;
let web3: Web3;
let from: string;
let wsProvider: WebSocketProvider | undefined;
let web3ws: Web3 | undefined;
let tokenAddress: string;
let deployBlock: bigint;

// biome-ignore lint/suspicious/noExplicitAny: the compiled ABI is JSON, typed by web3 per method at runtime
const newToken = (w: Web3, address?: string): any =>
  address === undefined ? new w.eth.Contract(Token.abi) : new w.eth.Contract(Token.abi, address);

beforeAll(async () => {
  node = await startNode();
  web3 = new Web3({ provider: node.url, config: CONFIG });
  const added = web3.eth.accounts.wallet.add(OTHER_KEYS[0]!);
  from = added[0]!.address;
});

afterAll(async () => {
  if (wsProvider !== undefined) {
    await web3ws?.eth.clearSubscriptions();
    wsProvider.disconnect();
  }
  await node?.stop();
});

const freshAddress = (): string => web3.eth.accounts.create().address;

describe("web3.js v4 over http", () => {
  it("chain id 366, net id 366, a gas price at least the minimum", async () => {
    expect(await web3.eth.getChainId()).toBe(BigInt(CHAIN_ID));
    expect(await web3.eth.net.getId()).toBe(BigInt(CHAIN_ID));
    expect(await web3.eth.getGasPrice()).toBeGreaterThanOrEqual(MIN_GAS_PRICE);
    const n = await web3.eth.getBlockNumber();
    await sleep(1500);
    expect(await web3.eth.getBlockNumber()).toBeGreaterThan(n);
  });

  it("getBalance of the funded account and of a fresh one", async () => {
    expect(await web3.eth.getBalance(from)).toBe(5_000_000n * E18);
    expect(await web3.eth.getBalance(freshAddress())).toBe(0n);
  });

  it("sendTransaction signed by the wallet key: receipt status 1, balances moved", async () => {
    const to = freshAddress();
    const value = 3n * E18;
    const before = await web3.eth.getBalance(from);
    const receipt = await web3.eth.sendTransaction({ from, to, value });
    expect(receipt.status).toBe(1n);
    expect(await web3.eth.getBlockNumber()).toBeGreaterThanOrEqual(BigInt(receipt.blockNumber));
    expect(receipt.gasUsed).toBe(21000n);
    expect(await web3.eth.getBalance(to)).toBe(value);
    const after = await web3.eth.getBalance(from);
    expect(before - after).toBe(value + BigInt(receipt.gasUsed) * BigInt(receipt.effectiveGasPrice!));
    const tx = await web3.eth.getTransaction(receipt.transactionHash);
    expect(tx.hash).toBe(receipt.transactionHash);
    expect(tx.type).toBe(0n);
    expect(tx.chainId).toBe(BigInt(CHAIN_ID));
    expect(tx.from.toLowerCase()).toBe(from.toLowerCase());
    const block = await web3.eth.getBlock(receipt.blockNumber, true);
    expect(block.hash).toBe(receipt.blockHash);
    expect(block.transactions.map((t) => (typeof t === "string" ? t : t.hash))).toContain(
      receipt.transactionHash,
    );
  });

  it("deploys the ERC-20 and calls its methods", async () => {
    const nonce = await web3.eth.getTransactionCount(from, "pending");
    const deployed = await newToken(web3)
      .deploy({ data: Token.bytecode, arguments: ["Web3 Token", "W3T", SUPPLY] })
      .send({ from });
    tokenAddress = deployed.options.address as string;
    // keccak(rlp[sender, nonce]), computed by ethers as an independent oracle.
    expect(tokenAddress.toLowerCase()).toBe(getCreateAddress({ from, nonce }).toLowerCase());
    expect(await web3.eth.getCode(tokenAddress)).toBe(Token.deployedBytecode);
    const token = newToken(web3, tokenAddress);
    expect(await token.methods.name().call()).toBe("Web3 Token");
    expect(await token.methods.decimals().call()).toBe(18n);
    expect(await token.methods.balanceOf(from).call()).toBe(SUPPLY);
    const events = await token.getPastEvents("Transfer", { fromBlock: 0, toBlock: "latest" });
    deployBlock = (events[0] as EventLog).blockNumber as bigint;
  });

  it("transfer through methods.send; estimateGas; getPastEvents", async () => {
    const token = newToken(web3, tokenAddress);
    const to = freshAddress();
    const gas = (await token.methods.transfer(to, 700n).estimateGas({ from })) as bigint;
    expect(gas).toBeGreaterThan(21000n);
    expect(gas).toBeLessThan(200_000n);
    const receipt = await token.methods.transfer(to, 700n).send({ from });
    expect(receipt.status).toBe(1n);
    expect(receipt.events.Transfer.returnValues.value).toBe(700n);
    expect(await token.methods.balanceOf(to).call()).toBe(700n);
    const events = (await token.getPastEvents("Transfer", {
      fromBlock: deployBlock,
      toBlock: "latest",
    })) as EventLog[];
    expect(events.map((e) => e.returnValues.value)).toEqual([SUPPLY, 700n]);
    expect(events[1]!.transactionHash).toBe(receipt.transactionHash);
    const filtered = (await token.getPastEvents("Transfer", {
      filter: { to },
      fromBlock: deployBlock,
    })) as EventLog[];
    expect(filtered).toHaveLength(1);
    expect((filtered[0]!.returnValues.to as string).toLowerCase()).toBe(to.toLowerCase());
  });

  it("a call beyond the balance reverts with the reason", async () => {
    const token = newToken(web3, tokenAddress);
    const poor = freshAddress();
    const e = await token.methods
      .transfer(from, 1n)
      .call({ from: poor })
      .then(
        () => undefined,
        (err: unknown) => err,
      );
    expect(e).toBeInstanceOf(ContractExecutionError);
    const cause = (e as ContractExecutionError).cause as Eip838ExecutionError;
    expect(cause.errorName).toBe("Error");
    expect(cause.errorArgs?.message).toBe("ERC20: transfer amount exceeds balance");
  });

  it("a custom error is decoded from the revert data", async () => {
    const deployed = await new web3.eth.Contract(Guard.abi).deploy({ data: Guard.bytecode }).send({ from });
    // biome-ignore lint/suspicious/noExplicitAny: ABI typed at runtime
    const guard: any = new web3.eth.Contract(Guard.abi, deployed.options.address);
    const stranger = freshAddress();
    const e = await guard.methods
      .set(5n)
      .call({ from: stranger })
      .then(
        () => undefined,
        (err: unknown) => err,
      );
    expect(e).toBeInstanceOf(ContractExecutionError);
    const cause = (e as ContractExecutionError).cause as Eip838ExecutionError;
    expect(cause.errorName).toBe("NotOwner");
    expect(String(cause.errorArgs?.caller).toLowerCase()).toBe(stranger.toLowerCase());
    expect(cause.errorArgs?.code).toBe(42n);
  });
});

describe("web3.js v4 over the WebSocketProvider", { timeout: 60_000 }, () => {
  it("connects to /ws: chain id and balance", async () => {
    expect((await wsCall(node.wsUrl, "eth_chainId")).result).toBe("0x16e");
    wsProvider = new WebSocketProvider(node.wsUrl, {}, { autoReconnect: false });
    web3ws = new Web3({ provider: wsProvider as unknown as Web3BaseProvider, config: CONFIG });
    expect(await web3ws.eth.getChainId()).toBe(BigInt(CHAIN_ID));
    expect(await web3ws.eth.getBalance(tokenAddress)).toBe(0n);
  });

  it("a newBlockHeaders subscription delivers new heads", async () => {
    const sub = await web3ws!.eth.subscribe("newBlockHeaders");
    const heads: bigint[] = [];
    const two = deferred<void>();
    sub.on("data", (h) => {
      heads.push(BigInt(h.number as bigint));
      if (heads.length === 2) two.resolve();
    });
    try {
      await withTimeout(two.promise, 15_000, "two newBlockHeaders");
    } finally {
      await sub.unsubscribe();
    }
    expect(heads[1]!).toBeGreaterThan(heads[0]!);
  });

  it("a logs subscription and a contract event subscription deliver a transfer", async () => {
    const token = newToken(web3ws!, tokenAddress);
    const topic = web3.utils.sha3("Transfer(address,address,uint256)")!;
    const logs = await web3ws!.eth.subscribe("logs", { address: tokenAddress, topics: [topic] });
    const gotLog = deferred<Log>();
    logs.on("data", (l) => gotLog.resolve(l));
    const event = token.events.Transfer();
    const gotEvent = deferred<EventLog>();
    event.on("data", (e: EventLog) => gotEvent.resolve(e));
    try {
      await sleep(1000);
      const to = freshAddress();
      const receipt = await newToken(web3, tokenAddress).methods.transfer(to, 42n).send({ from });
      const log = await withTimeout(gotLog.promise, 15_000, "the logs subscription");
      expect(log.transactionHash).toBe(receipt.transactionHash);
      expect(log.topics?.[0]).toBe(topic);
      const e = await withTimeout(gotEvent.promise, 15_000, "the contract event subscription");
      expect(e.returnValues.value).toBe(42n);
      expect((e.returnValues.to as string).toLowerCase()).toBe(to.toLowerCase());
    } finally {
      await logs.unsubscribe();
      await event.unsubscribe();
    }
  });

  it("a wallet transfer sent over the socket", async () => {
    const added = web3ws!.eth.accounts.wallet.add(OTHER_KEYS[1]!);
    const to = freshAddress();
    const receipt = await web3ws!.eth.sendTransaction({ from: added[0]!.address, to, value: 777n });
    expect(receipt.status).toBe(1n);
    expect(await web3ws!.eth.getBalance(to)).toBe(777n);
  });
});
