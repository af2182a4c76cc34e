/**
 * eth_subscribe / eth_unsubscribe over WebSocket against a fake EthChain whose events the test
 * fires: newHeads, logs with address/topic filters and newPendingTransactions notifications in
 * geth's shape, unsubscribe, and the refusals of bad filters and unknown kinds.
 */
import { describe, expect, it } from "vitest";
import { data } from "../../src/rpc/eth/ethHex.ts";
import { blockTx, deployTx } from "./chain/chainData.ts";
import { addr, blockWithLogs, hex, topic } from "./ws/fakeEthChain.ts";
import { base, client, eth, fake, subscribe, useSubscriptionServer } from "./ws/subscriptionServer.ts";
import { eventually } from "./ws/wsClient.ts";

useSubscriptionServer();

describe("eth_subscribe newHeads", () => {
  it("pushes each finalized block's header in geth's notification shape", async () => {
    const c = await client();
    const id = await subscribe(c, "newHeads");
    expect(fake.listeners().finalized).toBe(base.finalized + 1);
    const b10 = blockWithLogs(10n, []);
    const b11 = blockWithLogs(11n, [[{ address: addr(1), topics: [topic(1)] }]]);
    fake.finalize(b10);
    fake.finalize(b11);
    await eventually(() => c.notifications(id).length === 2, 5000, "two heads");
    const text = c.texts.find((t) => t.includes('"method":"eth_subscription"'))!;
    expect(
      text.startsWith(
        `{"jsonrpc":"2.0","method":"eth_subscription","params":{"subscription":"${id}","result":{`,
      ),
    ).toBe(true);
    const [h10, h11] = c.notifications(id) as Record<string, unknown>[];
    expect(h10).toMatchObject({
      number: "0xa",
      hash: data(b10.hash),
      parentHash: data(b10.block.block.header.parent),
    });
    expect(h11).toMatchObject({
      number: "0xb",
      hash: data(b11.hash),
      timestamp: `0x${(1_700_000_011).toString(16)}`,
    });
    expect(h11).not.toHaveProperty("transactions");
    expect(h11).not.toHaveProperty("uncles");
    expect(h11!.logsBloom).not.toBe(`0x${"0".repeat(512)}`);
    // The same header eth_getBlockByHash-style builders make, minus the lists.
    expect(Object.keys(h11!)).toEqual(expect.arrayContaining(["miner", "stateRoot", "gasLimit", "gasUsed"]));
  });

  it("eth_unsubscribe stops the notifications, answers true then false, and detaches the listener", async () => {
    const c = await client();
    const id = await subscribe(c, "newHeads");
    fake.finalize(blockWithLogs(12n, []));
    await eventually(() => c.notifications(id).length === 1, 5000, "one head");
    expect((await c.call("eth_unsubscribe", [id])).result).toBe(true);
    expect(fake.listeners()).toEqual(base);
    fake.finalize(blockWithLogs(13n, []));
    expect((await c.call("eth_unsubscribe", [id])).result).toBe(false);
    await c.call("theta.GetVersion");
    expect(c.notifications(id)).toHaveLength(1);
    expect(eth.subscriptions.size).toBe(0);
  });

  it("another connection cannot cancel a subscription", async () => {
    const a = await client();
    const b = await client();
    const id = await subscribe(a, "newHeads");
    expect((await b.call("eth_unsubscribe", [id])).result).toBe(false);
    fake.finalize(blockWithLogs(14n, []));
    await eventually(() => a.notifications(id).length === 1, 5000, "a head on a");
    expect(b.frames.filter((f) => !Array.isArray(f) && f.method !== undefined)).toHaveLength(0);
  });
});

describe("eth_subscribe logs", () => {
  const block = () =>
    blockWithLogs(20n, [
      [
        { address: addr(1), topics: [topic(0xaa), topic(1)] },
        { address: addr(2), topics: [topic(0xaa), topic(2)] },
      ],
      [
        { address: addr(1), topics: [topic(0xbb)], data: new Uint8Array([1, 2, 3]) },
        { address: addr(3), topics: [] },
      ],
    ]);

  it("sends each matching log of each finalized block, with its position", async () => {
    const c = await client();
    const all = await subscribe(c, "logs", {});
    const byAddress = await subscribe(c, "logs", { address: hex(addr(1)) });
    const byAddresses = await subscribe(c, "logs", { address: [hex(addr(2)), hex(addr(3))] });
    const byTopic = await subscribe(c, "logs", { topics: [hex(topic(0xaa))] });
    const bySecondTopic = await subscribe(c, "logs", { topics: [null, [hex(topic(2)), hex(topic(9))]] });
    const b = block();
    fake.finalize(b);
    await eventually(() => c.notifications(all).length === 4, 5000, "all four logs");
    await c.call("theta.GetVersion");
    const addresses = (id: string) => (c.notifications(id) as { address: string }[]).map((l) => l.address);
    expect(addresses(all)).toEqual([hex(addr(1)), hex(addr(2)), hex(addr(1)), hex(addr(3))]);
    expect(addresses(byAddress)).toEqual([hex(addr(1)), hex(addr(1))]);
    expect(addresses(byAddresses)).toEqual([hex(addr(2)), hex(addr(3))]);
    expect(addresses(byTopic)).toEqual([hex(addr(1)), hex(addr(2))]);
    expect(addresses(bySecondTopic)).toEqual([hex(addr(2))]);
    const third = c.notifications(all)[2] as Record<string, unknown>;
    expect(third).toEqual({
      address: hex(addr(1)),
      topics: [hex(topic(0xbb))],
      data: "0x010203",
      blockNumber: "0x14",
      blockHash: data(b.hash),
      blockTimestamp: `0x${(1_700_000_020).toString(16)}`,
      transactionHash: data(b.txs[1]!.ethTxHash),
      transactionIndex: "0x1",
      logIndex: "0x2",
      removed: false,
    });
  });

  it("refuses a bad filter (-32602) and a blockHash, and an unknown kind (-32601)", async () => {
    const c = await client();
    const bad = (await c.call("eth_subscribe", ["logs", { address: "0x12" }])).error as {
      code: number;
      message: string;
    };
    expect(bad.code).toBe(-32602);
    expect(bad.message).toContain("address");
    const hash = (await c.call("eth_subscribe", ["logs", { blockHash: hex(topic(1)) }])).error as {
      code: number;
    };
    expect(hash.code).toBe(-32602);
    expect((await c.call("eth_subscribe", ["syncingg"])).error).toEqual({
      code: -32601,
      message: 'no "syncingg" subscription in eth namespace',
    });
    expect(((await c.call("eth_subscribe", [])).error as { code: number }).code).toBe(-32602);
    expect(((await c.call("eth_subscribe", ["newHeads", {}])).error as { code: number }).code).toBe(-32602);
    expect(eth.subscriptions.size).toBe(0);
  });
});

describe("eth_subscribe newPendingTransactions", () => {
  it("pushes the Ethereum hash of admitted txs (the Theta hash for native txs), or the tx object", async () => {
    const c = await client();
    const hashes = await subscribe(c, "newPendingTransactions");
    const full = await subscribe(c, "newPendingTransactions", true);
    expect(fake.listeners().pending).toBe(base.pending + 1);
    const pendingTx = blockTx(deployTx(7n));
    fake.admit({ hash: pendingTx.hash, ethHash: pendingTx.ethTxHash }, pendingTx);
    fake.admit({ hash: topic(5), ethHash: undefined });
    await eventually(() => c.notifications(hashes).length === 2, 5000, "two hashes");
    expect(c.notifications(hashes)).toEqual([data(pendingTx.ethTxHash), hex(topic(5))]);
    await eventually(() => c.notifications(full).length === 1, 5000, "one tx object");
    expect(c.notifications(full)[0]).toMatchObject({ blockHash: null, blockNumber: null, thetaTxType: 7 });
  });
});
