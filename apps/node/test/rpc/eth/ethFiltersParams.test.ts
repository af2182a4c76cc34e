import fc from "fast-check";
import { beforeEach, describe, expect, it } from "vitest";
import { ethereumText } from "../../../src/rpc/eth/methods/send.ts";
import { RECEIVER } from "../chain/chainData.ts";
import { chain, ctx, error, eth, ethRpc, hex, registry, result, useEthRegistry } from "./ethRegistry.ts";

let now = 0;
beforeEach(() => {
  now = 1_000;
});
useEthRegistry(() => now);

describe("eth_sendRawTransaction", () => {
  it("refuses typed transactions, naming what is accepted", async () => {
    const e = await error("eth_sendRawTransaction", ["0x02f86c"]);
    expect(e.message).toContain("EIP-1559");
    expect(e.message).toContain("legacy");
    expect(e.message).toContain("366");
  });
});

describe("logs and filters", () => {
  it("returns logs matching address and topics, and none for other criteria", async () => {
    const log = chain.b1.txs[1]!.receipt!.logs[0]!;
    const all = (await result("eth_getLogs", [{ fromBlock: "0x0", toBlock: "latest" }])) as unknown[];
    expect(all).toHaveLength(1);
    expect(
      await result("eth_getLogs", [
        { fromBlock: "0x0", address: hex(log.address), topics: [hex(log.topics[0]!)] },
      ]),
    ).toHaveLength(1);
    expect(
      await result("eth_getLogs", [{ fromBlock: "0x0", topics: [null, hex(log.topics[0]!)] }]),
    ).toHaveLength(0);
    expect(await result("eth_getLogs", [{ fromBlock: "0x0", address: `0x${"22".repeat(20)}` }])).toHaveLength(
      0,
    );
    expect(await result("eth_getLogs", [{ blockHash: hex(chain.b1.hash) }])).toHaveLength(1);
    const other = `0x${"00".repeat(32)}`;
    expect(await result("eth_getLogs", [{ fromBlock: "0x0", topics: [other] }])).toHaveLength(0);
    expect(
      await result("eth_getLogs", [{ fromBlock: "0x0", topics: [[other, hex(log.topics[0]!)]] }]),
    ).toHaveLength(1);
    expect(await result("eth_getLogs", [{ fromBlock: "0x0", topics: [[other, null]] }])).toHaveLength(1);
  });

  it("block filters report new finalized blocks once; unpolled filters expire", async () => {
    const id = (await result("eth_newBlockFilter")) as string;
    expect(await result("eth_getFilterChanges", [id])).toEqual([]);
    const pendingId = (await result("eth_newPendingTransactionFilter")) as string;
    eth.firePending({ hash: new Uint8Array(32).fill(1), ethHash: undefined });
    expect(await result("eth_getFilterChanges", [pendingId])).toEqual([`0x${"01".repeat(32)}`]);
    expect(await result("eth_getFilterChanges", [pendingId])).toEqual([]);
    now += 6 * 60_000;
    expect((await error("eth_getFilterChanges", [id])).message).toBe("filter not found");
    const again = (await result("eth_newFilter", [{ fromBlock: "0x0" }])) as string;
    expect(await result("eth_getFilterLogs", [again])).toHaveLength(1);
    expect(await result("eth_uninstallFilter", [again])).toBe(true);
    expect(await result("eth_uninstallFilter", [again])).toBe(false);
  });
});

describe("params", () => {
  it("name the argument and what was expected (-32602)", async () => {
    const cases: [string, unknown[], RegExp][] = [
      ["eth_getBalance", [], /missing value for required argument 0 \(address\)/],
      ["eth_getBalance", ["0x12"], /argument 0 \(address\).*want 40/],
      ["eth_getBalance", [hex(RECEIVER), "newest"], /argument 1 \(block\)/],
      ["eth_getBlockByNumber", ["0x01", false], /argument 0 \(block\)/],
      ["eth_getTransactionByHash", [12], /argument 0 \(hash\)/],
      ["eth_call", [{ to: "0x1234" }], /argument 0 \(transaction\) member "to"/],
      ["eth_chainId", [1], /too many arguments/],
      ["eth_getLogs", [{ topics: [[`0x${"00".repeat(31)}`]] }], /argument 0 \(filter\) member "topics/],
    ];
    for (const [m, p, re] of cases) {
      const e = await error(m, p);
      expect(e.code, m).toBe(-32602);
      expect(e.message, m).toMatch(re);
    }
  });

  it("random params never throw out of dispatch: every call answers a result or an error object", async () => {
    const names = registry.names();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...names),
        fc.oneof(fc.array(fc.jsonValue(), { maxLength: 4 }), fc.jsonValue()),
        async (m, p) => {
          const r = await registry.dispatch(m, p, ctx);
          expect("result" in r || "error" in r).toBe(true);
          if ("error" in r) expect([-32602, -32000, -32601, 3]).toContain(r.error.code);
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe("ethereumText", () => {
  it("words mempool refusals as Ethereum libraries expect", () => {
    expect(ethereumText("MEMPOOL_DUPLICATE", "seen")).toMatch(/^already known/);
    expect(ethereumText("MEMPOOL_INVALID_TX", "smart_contract.from.sequence: expected 5, got 3")).toMatch(
      /^nonce too low: next nonce 4, tx nonce 2/,
    );
    expect(ethereumText("MEMPOOL_INVALID_TX", "smart_contract.from.sequence: expected 5, got 7")).not.toMatch(
      /nonce too low/,
    );
    expect(
      ethereumText("MEMPOOL_INVALID_TX", "smart_contract.from.coins: exceed the account balance"),
    ).toMatch(/^insufficient funds for gas \* price \+ value/);
  });
});

describe("filter store", () => {
  it("sweeps expired filters as txs keep arriving, so unpolled filters stop holding hashes", async () => {
    for (let i = 0; i < 10; i++) await result("eth_newPendingTransactionFilter");
    expect(ethRpc.filters.size).toBe(10);
    now += 6 * 60_000;
    const fresh = (await result("eth_newPendingTransactionFilter")) as string;
    for (let i = 0; i < 300; i++) {
      eth.firePending({ hash: new Uint8Array(32).fill(i % 256), ethHash: undefined });
    }
    expect(ethRpc.filters.size).toBe(1);
    expect(((await result("eth_getFilterChanges", [fresh])) as string[]).length).toBe(300);
  });
});
