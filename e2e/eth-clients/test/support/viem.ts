/**
 * Shared set-up of the viem v2 suites (viemTransactions, viemContracts): the ERC-20 and Guard
 * interfaces as a dapp would write them, and {@link useViemNode}, which each file calls once to
 * start its own privatenet node with a custom chain (id 366), an http public client and a wallet
 * client for a funded local account before its tests, and to stop the node after; the bindings
 * below are live.
 */
import {
  type Address,
  type Chain,
  createPublicClient,
  createWalletClient,
  defineChain,
  http,
  type PublicClient,
  parseAbi,
  parseAbiItem,
  parseEther,
  type TransactionReceipt,
  type Transport,
  type WalletClient,
} from "viem";
import { generatePrivateKey, type PrivateKeyAccount, privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll } from "vitest";
import { CHAIN_ID, OTHER_KEYS } from "./accounts.ts";
import { startNode, type TestNode } from "./node.ts";

/** The ERC-20's initial supply, minted to the deployer. */
export const SUPPLY = parseEther("1000000");

/** The ERC-20 and Guard interfaces as a dapp would write them (human-readable ABI). */
export const tokenAbi = parseAbi([
  "function name() view returns (string)",
  "function symbol() view returns (string)",
  "function decimals() view returns (uint8)",
  "function totalSupply() view returns (uint256)",
  "function balanceOf(address) view returns (uint256)",
  "function transfer(address to, uint256 amount) returns (bool)",
  "event Transfer(address indexed from, address indexed to, uint256 value)",
]);
export const guardAbi = parseAbi([
  "function set(uint256 v)",
  "function value() view returns (uint256)",
  "error NotOwner(address caller, uint256 code)",
]);
export const transferEvent = parseAbiItem(
  "event Transfer(address indexed from, address indexed to, uint256 value)",
);

export let node: TestNode;
export let chain: Chain;
export let account: PrivateKeyAccount;
export let publicClient: PublicClient<Transport, Chain>;
export let walletClient: WalletClient<Transport, Chain, PrivateKeyAccount>;

/** A fresh address holding nothing. */
export const freshAddress = (): Address => privateKeyToAccount(generatePrivateKey()).address;

/** Registers the file's hooks; `cleanup` runs after its tests, before the node stops. */
export function useViemNode(cleanup?: () => Promise<void>): void {
  beforeAll(async () => {
    node = await startNode();
    chain = defineChain({
      id: CHAIN_ID,
      name: "Theta privatenet",
      nativeCurrency: { name: "TFuel", symbol: "TFUEL", decimals: 18 },
      rpcUrls: { default: { http: [node.url], webSocket: [node.wsUrl] } },
    });
    account = privateKeyToAccount(OTHER_KEYS[0]!);
    publicClient = createPublicClient({ chain, transport: http(), pollingInterval: 200 });
    walletClient = createWalletClient({ account, chain, transport: http(), pollingInterval: 200 });
  });

  afterAll(async () => {
    await cleanup?.();
    await node?.stop();
  });
}

/**
 * Closes a webSocket-transport client's socket (no reconnection). Every webSocket client of a file
 * shares viem's cached socket client for the URL: closing one closes it for good.
 */
export async function closeSocket(client: { transport: unknown }): Promise<void> {
  const transport = client.transport as { getRpcClient(): Promise<{ close(): void }> };
  (await transport.getRpcClient()).close();
}

/** A token transfer from the wallet client's account that waits for its receipt; `token` is read at the call. */
export function tokenTransfer(
  token: () => Address,
): (to: Address, amount: bigint) => Promise<TransactionReceipt> {
  return async (to, amount) => {
    const hash = await walletClient.writeContract({
      address: token(),
      abi: tokenAbi,
      functionName: "transfer",
      args: [to, amount],
    });
    return publicClient.waitForTransactionReceipt({ hash });
  };
}
