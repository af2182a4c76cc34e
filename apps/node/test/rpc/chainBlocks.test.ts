import { bytesToPrefixedHex } from "@theta/core-types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getBlocksByRangeMethod } from "../../src/rpc/methods/getBlocksByRange.ts";
import { createRpcRegistry } from "../../src/rpc/registry.ts";
import { GENESIS_HASH } from "./chain/chainData.ts";
import { createFakeChain } from "./chain/fakeChain.ts";
import { type Harness, startHarness } from "./chain/harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.server.close();
});

const BLOCK_KEYS = [
  "chain_id",
  "epoch",
  "height",
  "parent",
  "transactions_hash",
  "state_hash",
  "timestamp",
  "proposer",
  "hcc",
  "guardian_votes",
  "elite_edge_node_votes",
  "children",
  "status",
  "hash",
  "transactions",
];
const GENESIS = "0x45c579eb4d435ffcd37f0f76beaa772072cea146c4ecec2e52066904b80f4e0a";
type BlockJ = Record<string, unknown> & { transactions: Record<string, unknown>[] | null };

describe("theta.GetBlock", () => {
  it("prints a block with its txs wrapped as raw/type/hash/receipt/balance_changes", async () => {
    const b1 = h.chain.b1;
    const r = (await h.result("theta.GetBlock", { hash: bytesToPrefixedHex(b1.hash) })) as BlockJ;
    expect(Object.keys(r)).toEqual(BLOCK_KEYS);
    expect(r.hash).toBe(bytesToPrefixedHex(b1.hash));
    expect(r.parent).toBe(GENESIS);
    expect(r.height).toBe("1");
    expect(r.status).toBe(4);
    expect(r.children).toEqual([bytesToPrefixedHex(h.chain.b2.hash)]);
    expect(r.elite_edge_node_votes).toBeNull();
    const hcc = r.hcc as {
      Votes: { Block: string; Height: number; ID: string; Signature: null }[];
      BlockHash: string;
    };
    expect(hcc.BlockHash).toBe(GENESIS);
    expect(hcc.Votes).toEqual([
      {
        Block: GENESIS,
        Height: 0,
        Epoch: 0,
        ID: "0x2e833968e5bb786ae419c4d13189fb081cc43bab",
        Signature: null,
      },
    ]);
    const txs = r.transactions!;
    expect(txs.map((t) => Object.keys(t))).toEqual([
      ["raw", "type", "hash", "receipt", "balance_changes"],
      ["raw", "type", "hash", "receipt", "balance_changes"],
    ]);
    expect(txs.map((t) => t.type)).toEqual([2, 7]);
    expect(txs[0]!.hash).toBe(bytesToPrefixedHex(b1.txs[0]!.hash));
    expect(txs[0]!.receipt).toBeNull();
    expect(Object.keys(txs[0]!.raw as object)).toEqual(["fee", "inputs", "outputs"]);
    expect(Object.keys(txs[1]!.raw as object)).toEqual(["from", "to", "gas_limit", "gas_price", "data"]);
    const receipt = txs[1]!.receipt as Record<string, unknown>;
    expect(Object.keys(receipt)).toEqual([
      "TxHash",
      "Logs",
      "EvmRet",
      "ContractAddress",
      "GasUsed",
      "EvmErr",
    ]);
    expect(receipt.GasUsed).toBe(123456);
  });

  it("adds eth_tx_hash after hash on request", async () => {
    const b1 = h.chain.b1;
    const r = (await h.result("theta.GetBlock", {
      hash: bytesToPrefixedHex(b1.hash),
      include_eth_tx_hashes: true,
    })) as BlockJ;
    const txs = r.transactions!;
    expect(Object.keys(txs[0]!)).toEqual([
      "raw",
      "type",
      "hash",
      "eth_tx_hash",
      "receipt",
      "balance_changes",
    ]);
    expect(txs[0]!.eth_tx_hash).toBe(`0x${"0".repeat(64)}`);
    expect(txs[1]!.eth_tx_hash).toBe(bytesToPrefixedHex(b1.txs[1]!.ethTxHash));
  });

  it("prints genesis with null transactions and its real hash", async () => {
    const r = (await h.result("theta.GetBlock", { hash: GENESIS })) as BlockJ;
    expect(r.transactions).toBeNull();
    expect(r.hash).toBe(GENESIS);
    expect(r.state_hash).toBe("0x1ac082033355eb1071e0a48c18db3e6a08ac8dd7f0744dcb1416069449272a81");
    expect(r.timestamp).toBe("1549056897");
    expect(r.status).toBe(6);
    expect(r.hcc).toEqual({ Votes: null, BlockHash: `0x${"0".repeat(64)}` });
  });

  it("requires a typed 0x hash and reports unknown blocks as the store does", async () => {
    expect(await h.error("theta.GetBlock", {})).toEqual({
      code: -32000,
      message: "Block hash must be specified",
    });
    expect(await h.error("theta.GetBlock", { hash: `0x${"ab".repeat(32)}` })).toEqual({
      code: -32000,
      message: "KeyNotFound",
    });
    const short = await h.error("theta.GetBlock", { hash: "0x12" });
    expect(short.code).toBe(-32602);
    expect(short.message).toContain("hex string has length 2, want 64 for common.Hash");
    expect((await h.error("theta.GetBlock", { hash: GENESIS.slice(2) })).message).toContain(
      "hex string without 0x prefix",
    );
    expect((await h.error("theta.GetBlock", { hash: "" })).message).toContain(
      "hex string has length 0, want 64 for common.Hash",
    );
  });
});

describe("theta.GetBlockByHeight", () => {
  it("finds the first finalized block and prints the edge-node aggregate member", async () => {
    const r = (await h.result("theta.GetBlockByHeight", { height: "1" })) as BlockJ;
    expect(r.hash).toBe(bytesToPrefixedHex(h.chain.b1.hash));
    expect(Object.keys(r)).toEqual(BLOCK_KEYS);
  });

  it("returns {} for a height without a finalized block unless unfinalized blocks are asked for", async () => {
    expect(await h.result("theta.GetBlockByHeight", { height: "2" })).toEqual({});
    expect(await h.result("theta.GetBlockByHeight", { height: "99" })).toEqual({});
    const r = (await h.result("theta.GetBlockByHeight", [
      { height: "2", include_unfinalized_blocks: true },
    ])) as BlockJ;
    expect(r.hash).toBe(bytesToPrefixedHex(h.chain.b2.hash));
    expect(r.status).toBe(3);
  });

  it("serves the stored genesis at height 0", async () => {
    const r = (await h.result("theta.GetBlockByHeight", {})) as BlockJ;
    expect(r.hash).toBe(GENESIS);
  });

  it("refuses a bare-number height", async () => {
    expect((await h.error("theta.GetBlockByHeight", { height: 1 })).code).toBe(-32602);
  });
});

describe("theta.GetBlocksByRange", () => {
  it("prepends the genesis stub when start is 0", async () => {
    const r = (await h.result("theta.GetBlocksByRange", { start: "0", end: "1" })) as BlockJ[];
    expect(r.map((b) => b.hash)).toEqual([GENESIS, bytesToPrefixedHex(h.chain.b1.hash)]);
    const stub = r[0]!;
    expect(Object.keys(stub)).toEqual(BLOCK_KEYS);
    expect(stub).toMatchObject({
      chain_id: "privatenet",
      status: 4,
      timestamp: "0",
      children: [],
      transactions: null,
    });
    expect(stub.parent).toBe(`0x${"0".repeat(64)}`);
  });

  it("answers [stub] for end 0, the blocks for start..end, null without a finalized end", async () => {
    expect(((await h.result("theta.GetBlocksByRange", { end: "0" })) as BlockJ[]).map((b) => b.hash)).toEqual(
      [GENESIS],
    );
    const one = (await h.result("theta.GetBlocksByRange", { start: "1", end: "1" })) as BlockJ[];
    expect(one.map((b) => b.height)).toEqual(["1"]);
    expect(await h.result("theta.GetBlocksByRange", { start: "1", end: "2" })).toBeNull();
  });

  it("refuses a reversed or too wide range", async () => {
    expect(await h.error("theta.GetBlocksByRange", { start: "3", end: "2" })).toEqual({
      code: -32000,
      message: "starting block must be less than ending block",
    });
    expect(await h.error("theta.GetBlocksByRange", { start: "1", end: "5002" })).toEqual({
      code: -32000,
      message: "can't retrieve more than 5000 blocks at a time",
    });
  });
});

describe("theta.GetVcpByHeight / theta.GetGcpByHeight", () => {
  it("prints one pair per block at the height with Go member names", async () => {
    const r = await h.result("theta.GetVcpByHeight", { height: "1" });
    expect(r).toEqual({
      BlockHashVcpPairs: [
        {
          BlockHash: bytesToPrefixedHex(h.chain.b1.hash),
          Vcp: {
            SortedCandidates: [
              {
                Holder: "0x2e833968e5bb786ae419c4d13189fb081cc43bab",
                Stakes: [
                  {
                    source: "0x2e833968e5bb786ae419c4d13189fb081cc43bab",
                    amount: "50000000000000000000000000",
                    withdrawn: false,
                    return_height: "18446744073709551615",
                  },
                ],
              },
            ],
          },
          HeightList: { Heights: [0] },
        },
      ],
    });
    expect(await h.result("theta.GetVcpByHeight", { height: "99" })).toEqual({ BlockHashVcpPairs: [] });
  });

  it("prints the GCP (null when the state has none) and reports pruned state", async () => {
    const g0 = (await h.result("theta.GetGcpByHeight", {})) as { BlockHashGcpPairs: { Gcp: unknown }[] };
    expect(g0.BlockHashGcpPairs).toEqual([{ BlockHash: bytesToPrefixedHex(GENESIS_HASH), Gcp: null }]);
    const g1 = (await h.result("theta.GetGcpByHeight", { height: "1" })) as {
      BlockHashGcpPairs: { Gcp: { SortedGuardians: { Holder: string }[] } }[];
    };
    expect(g1.BlockHashGcpPairs[0]!.Gcp.SortedGuardians[0]!.Holder).toBe(
      "0x0d2fd67d573c8ecb4161510fc00754d64b401f86",
    );
    expect((await h.error("theta.GetGcpByHeight", { height: "1000" })).message).toBe(
      "the GCP for height 1000 does not exists, it might have been pruned",
    );
    expect((await h.error("theta.GetVcpByHeight", { height: "1000" })).message).toBe(
      "the VCP for height 1000 does not exists, it might have been pruned",
    );
  });
});

describe("GetBlocksByRange heavy-query throttling", () => {
  it("refuses a heavy query while more than the allowed number run, and serves again afterwards", async () => {
    const chain = createFakeChain();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const gated = {
      ...chain,
      blocksAtHeight: async (height: bigint) => {
        await gate;
        return chain.blocksAtHeight(height);
      },
    };
    const method = getBlocksByRangeMethod(gated, { heavyQueryThreshold: 0n, maxHeavyQueries: 0 });
    const registry = createRpcRegistry();
    registry.register(method);
    const ctx = { signal: new AbortController().signal };
    const first = registry.dispatch("theta.GetBlocksByRange", { start: "0", end: "1" }, ctx);
    const second = await registry.dispatch("theta.GetBlocksByRange", { start: "0", end: "1" }, ctx);
    expect(second).toEqual({
      error: {
        code: -32000,
        message:
          "too many pending heavy getBlocksByRange queries, rejecting getBlocksByRange query from block 0 to 1",
      },
    });
    const light = registry.dispatch("theta.GetBlocksByRange", { start: "1", end: "1" }, ctx);
    release();
    expect("result" in (await first)).toBe(true);
    expect("result" in (await light)).toBe(true);
    expect(
      "result" in (await registry.dispatch("theta.GetBlocksByRange", { start: "0", end: "1" }, ctx)),
    ).toBe(true);
  });
});
