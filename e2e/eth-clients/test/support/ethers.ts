/**
 * Shared set-up of the ethers v6 suites (ethersTransactions, ethersContracts): each file calls
 * {@link useEthersNode} once to start its own privatenet node with a JsonRpcProvider and a funded
 * Wallet before its tests, and to stop them after; the bindings below are live.
 */
import { JsonRpcProvider, parseEther, Wallet } from "ethers";
import { afterAll, beforeAll } from "vitest";
import { OTHER_KEYS } from "./accounts.ts";
import { startNode, type TestNode } from "./node.ts";

/** The ERC-20's initial supply, minted to the deployer. */
export const SUPPLY = parseEther("1000000");

export let node: TestNode;
export let provider: JsonRpcProvider;
export let wallet: Wallet;
/** Providers a test made; destroyed after the file. */
export const extraProviders: JsonRpcProvider[] = [];

/** A fresh address holding nothing. */
export const freshAddress = (): string => Wallet.createRandom().address;

/** Registers the file's hooks; `cleanup` runs after its tests, before the providers and the node stop. */
export function useEthersNode(cleanup?: () => Promise<void>): void {
  beforeAll(async () => {
    node = await startNode();
    provider = new JsonRpcProvider(node.url, undefined, { pollingInterval: 200 });
    wallet = new Wallet(OTHER_KEYS[0]!, provider);
  });

  afterAll(async () => {
    await cleanup?.();
    for (const p of extraProviders) p.destroy();
    provider?.destroy();
    await node?.stop();
  });
}
