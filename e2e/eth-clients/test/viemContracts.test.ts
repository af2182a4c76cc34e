/**
 * viem v2, unchanged, against a privatenet node: an ERC-20 deployed and used by a wallet client over
 * http, its logs read and watched, reverts and custom errors decoded by simulateContract, then /ws.
 */
import {
  type Address,
  BaseError,
  type Chain,
  ContractFunctionRevertedError,
  createPublicClient,
  createWalletClient,
  getContractAddress,
  type PublicClient,
  type Transport,
  webSocket,
  zeroAddress,
} from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { describe, expect, it } from "vitest";
import { contracts } from "./contracts/compile.ts";
import { CHAIN_ID, OTHER_KEYS } from "./support/accounts.ts";
import {
  account,
  chain,
  closeSocket,
  freshAddress,
  guardAbi,
  node,
  publicClient,
  SUPPLY,
  tokenAbi,
  tokenTransfer,
  transferEvent,
  useViemNode,
  walletClient,
} from "./support/viem.ts";
import { deferred, sleep, withTimeout } from "./support/wait.ts";
import { wsCall } from "./support/wsProbe.ts";

const { Token, Guard } = contracts();

let wsClient: PublicClient<Transport, Chain> | undefined;
let token: Address;
let deployBlock: bigint;

useViemNode(async () => {
  if (wsClient !== undefined) await closeSocket(wsClient);
});

const transferToken = tokenTransfer(() => token);

describe("viem: wallet client over http", () => {
  it("deployContract: the ERC-20 lands at getContractAddress(from, nonce)", async () => {
    const nonce = await publicClient.getTransactionCount({ address: account.address, blockTag: "pending" });
    const hash = await walletClient.deployContract({
      abi: Token.abi,
      bytecode: Token.bytecode,
      args: ["Viem Token", "VTK", SUPPLY],
    });
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    expect(receipt.status).toBe("success");
    expect(receipt.contractAddress).not.toBeNull();
    token = receipt.contractAddress!;
    deployBlock = receipt.blockNumber;
    expect(token.toLowerCase()).toBe(
      getContractAddress({ from: account.address, nonce: BigInt(nonce) }).toLowerCase(),
    );
    expect(await publicClient.getCode({ address: token })).toBe(Token.deployedBytecode);
    expect(await publicClient.readContract({ address: token, abi: tokenAbi, functionName: "name" })).toBe(
      "Viem Token",
    );
    expect(await publicClient.readContract({ address: token, abi: tokenAbi, functionName: "decimals" })).toBe(
      18,
    );
    expect(
      await publicClient.readContract({ address: token, abi: tokenAbi, functionName: "totalSupply" }),
    ).toBe(SUPPLY);
  });

  it("writeContract transfer, then readContract balanceOf", async () => {
    const to = freshAddress();
    const receipt = await transferToken(to, 500n);
    expect(receipt.status).toBe("success");
    expect(receipt.logs).toHaveLength(1);
    expect(receipt.logs[0]!.address).toBe(token.toLowerCase());
    expect(
      await publicClient.readContract({
        address: token,
        abi: tokenAbi,
        functionName: "balanceOf",
        args: [to],
      }),
    ).toBe(500n);
    expect(
      await publicClient.readContract({
        address: token,
        abi: tokenAbi,
        functionName: "balanceOf",
        args: [account.address],
      }),
    ).toBe(SUPPLY - 500n);
  });

  it("getLogs and getContractEvents return the mint and the transfer, decoded", async () => {
    const logs = await publicClient.getLogs({ address: token, event: transferEvent, fromBlock: deployBlock });
    expect(logs).toHaveLength(2);
    expect(logs[0]!.args.from).toBe(zeroAddress);
    expect(logs[0]!.args.to).toBe(account.address);
    expect(logs[0]!.args.value).toBe(SUPPLY);
    expect(logs[1]!.args.value).toBe(500n);
    const events = await publicClient.getContractEvents({
      address: token,
      abi: tokenAbi,
      eventName: "Transfer",
      args: { from: account.address },
      fromBlock: deployBlock,
      toBlock: "latest",
    });
    expect(events).toHaveLength(1);
    expect(events[0]!.eventName).toBe("Transfer");
    expect(events[0]!.args.value).toBe(500n);
    expect(events[0]!.transactionHash).toBe(logs[1]!.transactionHash);
  });

  it("an event filter (eth_newFilter / eth_getFilterChanges) sees a later transfer", async () => {
    const filter = await publicClient.createContractEventFilter({
      address: token,
      abi: tokenAbi,
      eventName: "Transfer",
    });
    const to = freshAddress();
    await transferToken(to, 321n);
    const changes = await publicClient.getFilterChanges({ filter });
    expect(changes.map((l) => [l.args.to, l.args.value])).toEqual([[to, 321n]]);
    expect(await publicClient.getFilterChanges({ filter })).toEqual([]);
    expect(await publicClient.uninstallFilter({ filter })).toBe(true);
  });

  it("watchContractEvent over http sees a transfer", async () => {
    const got = deferred<{ to: Address | undefined; value: bigint | undefined }>();
    const unwatch = publicClient.watchContractEvent({
      address: token,
      abi: tokenAbi,
      eventName: "Transfer",
      onLogs: (logs) => {
        const l = logs[0];
        if (l !== undefined) got.resolve({ to: l.args.to, value: l.args.value });
      },
    });
    try {
      await sleep(1000);
      const to = freshAddress();
      await transferToken(to, 654n);
      expect(await withTimeout(got.promise, 15_000, "watchContractEvent (http)")).toEqual({
        to,
        value: 654n,
      });
    } finally {
      unwatch();
    }
  });

  it("estimateContractGas of a transfer is above 21000", async () => {
    const gas = await publicClient.estimateContractGas({
      account,
      address: token,
      abi: tokenAbi,
      functionName: "transfer",
      args: [freshAddress(), 1n],
    });
    expect(gas).toBeGreaterThan(21000n);
    expect(gas).toBeLessThan(200_000n);
  });

  it("simulateContract of a good transfer returns the result and a request writeContract accepts", async () => {
    const to = freshAddress();
    const { result, request } = await publicClient.simulateContract({
      account,
      address: token,
      abi: tokenAbi,
      functionName: "transfer",
      args: [to, 9n],
    });
    expect(result).toBe(true);
    const hash = await walletClient.writeContract(request);
    expect((await publicClient.waitForTransactionReceipt({ hash })).status).toBe("success");
  });

  it("simulateContract of a transfer beyond the balance shows the revert reason", async () => {
    const poor = privateKeyToAccount(generatePrivateKey());
    const e = await publicClient
      .simulateContract({
        account: poor,
        address: token,
        abi: tokenAbi,
        functionName: "transfer",
        args: [account.address, 1n],
      })
      .then(
        () => undefined,
        (err: unknown) => err,
      );
    expect(e).toBeInstanceOf(BaseError);
    const reverted = (e as BaseError).walk((x) => x instanceof ContractFunctionRevertedError);
    expect(reverted).toBeInstanceOf(ContractFunctionRevertedError);
    const r = reverted as ContractFunctionRevertedError;
    expect(r.reason).toBe("ERC20: transfer amount exceeds balance");
    expect(r.data?.errorName).toBe("Error");
    expect((e as BaseError).shortMessage).toContain("ERC20: transfer amount exceeds balance");
  });

  it("simulateContract decodes a custom error", async () => {
    const hash = await walletClient.deployContract({ abi: Guard.abi, bytecode: Guard.bytecode });
    const guard = (await publicClient.waitForTransactionReceipt({ hash })).contractAddress!;
    const stranger = privateKeyToAccount(generatePrivateKey());
    const e = await publicClient
      .simulateContract({ account: stranger, address: guard, abi: guardAbi, functionName: "set", args: [1n] })
      .then(
        () => undefined,
        (err: unknown) => err,
      );
    expect(e).toBeInstanceOf(BaseError);
    const r = (e as BaseError).walk((x) => x instanceof ContractFunctionRevertedError) as
      | ContractFunctionRevertedError
      | undefined;
    expect(r?.data?.errorName).toBe("NotOwner");
    expect(r?.data?.args).toEqual([stranger.address, 42n]);
  });
});

describe("viem: webSocket transport", { timeout: 60_000 }, () => {
  it("connects to /ws: chain id and balance", async () => {
    expect((await wsCall(node.wsUrl, "eth_chainId")).result).toBe("0x16e");
    wsClient = createPublicClient({ chain, transport: webSocket(node.wsUrl) });
    expect(await wsClient.getChainId()).toBe(CHAIN_ID);
    expect(await wsClient.getBalance({ address: account.address })).toBeGreaterThan(0n);
    expect(await wsClient.readContract({ address: token, abi: tokenAbi, functionName: "symbol" })).toBe(
      "VTK",
    );
  });

  it("watchBlockNumber over the socket (eth_subscribe newHeads)", async () => {
    const seen: bigint[] = [];
    const two = deferred<void>();
    const unwatch = wsClient!.watchBlockNumber({
      onBlockNumber: (n) => {
        seen.push(n);
        if (seen.length === 2) two.resolve();
      },
      onError: () => {},
    });
    try {
      await withTimeout(two.promise, 15_000, "two block numbers over the WebSocket");
    } finally {
      unwatch();
    }
    expect(seen[1]!).toBeGreaterThan(seen[0]!);
  });

  it("watchContractEvent over the socket (eth_subscribe logs)", async () => {
    const got = deferred<{ to: Address | undefined; value: bigint | undefined }>();
    const errors: Error[] = [];
    const unwatch = wsClient!.watchContractEvent({
      address: token,
      abi: tokenAbi,
      eventName: "Transfer",
      onLogs: (logs) => {
        const l = logs[0];
        if (l !== undefined) got.resolve({ to: l.args.to, value: l.args.value });
      },
      onError: (err) => errors.push(err),
    });
    try {
      await sleep(1000);
      const to = freshAddress();
      await transferToken(to, 987n);
      const seen = await withTimeout(got.promise, 15_000, "watchContractEvent (webSocket)").catch(
        (err: Error) => {
          throw new Error(`${err.message}; onError: ${errors.map((x) => x.message).join(" | ")}`);
        },
      );
      expect(seen).toEqual({ to, value: 987n });
    } finally {
      unwatch();
    }
  });

  it("a wallet client over the socket sends a transfer", async () => {
    const wsWallet = createWalletClient({
      account: privateKeyToAccount(OTHER_KEYS[1]!),
      chain,
      transport: webSocket(node.wsUrl),
    });
    const to = freshAddress();
    const hash = await wsWallet.sendTransaction({ to, value: 12345n });
    const receipt = await wsClient!.waitForTransactionReceipt({ hash, pollingInterval: 200 });
    expect(receipt.status).toBe("success");
    expect(await wsClient!.getBalance({ address: to })).toBe(12345n);
  });
});
