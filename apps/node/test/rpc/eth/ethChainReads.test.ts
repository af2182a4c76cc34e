/**
 * The Ethereum methods over the fake chain, through the registry: chain info, block tags, the way
 * Theta txs appear in blocks and receipts, state reads, eth_call reverts and gas estimates.
 */
import { TxType } from "@theta/core-types";
import { describe, expect, it } from "vitest";
import { CONTRACT_ADDRESS, RECEIVER, VALIDATOR } from "../chain/chainData.ts";
import { chain, error, eth, hex, result, useEthRegistry } from "./ethRegistry.ts";

useEthRegistry(() => 1_000);

describe("chain info", () => {
  it("answers chain id, version, head number and the constant methods", async () => {
    expect(await result("eth_chainId")).toBe("0x16e");
    expect(await result("net_version")).toBe("366");
    expect(await result("eth_blockNumber")).toBe("0x1");
    expect(await result("eth_syncing")).toBe(false);
    expect(await result("eth_accounts")).toEqual([]);
    expect(await result("net_peerCount")).toBe("0x3");
    expect(await result("net_listening")).toBe(true);
    expect(await result("web3_clientVersion")).toBe("theta-ts/test");
    expect(await result("web3_sha3", ["0x"])).toBe(
      "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470",
    );
    expect(await result("eth_getUncleCountByBlockNumber", ["latest"])).toBe("0x0");
    expect(await result("eth_getUncleByBlockHashAndIndex", [hex(chain.b1.hash), "0x0"])).toBeNull();
  });

  it("prices gas at least at the minimum, from the contract txs of recent blocks", async () => {
    const deploy = chain.b1.txs.find((t) => t.tx.type === TxType.SmartContract)!.tx;
    const price = deploy.type === TxType.SmartContract ? deploy.gasPrice : 0n;
    expect(BigInt((await result("eth_gasPrice")) as string)).toBe(
      price > 100_000_000n ? price : 100_000_000n,
    );
    expect(await result("eth_maxPriorityFeePerGas")).toBe("0x0");
    const h = (await result("eth_feeHistory", ["0x2", "latest", [50]])) as Record<string, unknown[]>;
    expect(h.baseFeePerGas).toEqual(["0x0", "0x0", "0x0"]);
    expect(h.gasUsedRatio).toHaveLength(2);
    expect(h.reward).toHaveLength(2);
  });

  it("eth_syncing reports progress while the node is behind", async () => {
    chain.syncingTo = 500n;
    expect(await result("eth_syncing")).toEqual({
      startingBlock: "0x0",
      currentBlock: "0x1",
      highestBlock: "0x1f4",
    });
    chain.syncingTo = undefined;
    expect(await result("eth_syncing")).toBe(false);
  });

  it("answers -32601 for unknown methods", async () => {
    const e = await error("eth_signTransaction", [{}]);
    expect(e.code).toBe(-32601);
    expect(e.message).toContain("eth_signTransaction");
  });
});

describe("blocks and transactions", () => {
  it("maps block tags onto finality: latest/safe/finalized the head, pending the tip, earliest the root", async () => {
    const num = async (tag: unknown) =>
      ((await result("eth_getBlockByNumber", [tag, false])) as { number: string }).number;
    expect(await num("latest")).toBe("0x1");
    expect(await num("safe")).toBe("0x1");
    expect(await num("finalized")).toBe("0x1");
    expect(await num("pending")).toBe("0x2");
    expect(await num("earliest")).toBe("0x0");
    expect(await num("0x1")).toBe("0x1");
    expect(await result("eth_getBlockByNumber", ["0x9", false])).toBeNull();
  });

  it("lists every Theta tx of a block, with counts that agree with the block", async () => {
    const b = (await result("eth_getBlockByHash", [hex(chain.b1.hash), true])) as {
      transactions: Record<string, unknown>[];
      hash: string;
      miner: string;
    };
    expect(b.hash).toBe(hex(chain.b1.hash));
    expect(b.transactions).toHaveLength(chain.b1.txs.length);
    expect(await result("eth_getBlockTransactionCountByHash", [hex(chain.b1.hash)])).toBe(
      `0x${chain.b1.txs.length.toString(16)}`,
    );
    const [send, deploy] = b.transactions;
    // The SendTx: a value transfer of the first output's TFuel, the fee as gas 1 × gasPrice.
    const st = chain.b1.txs[0]!.tx;
    if (st.type !== TxType.Send) throw new Error("fixture changed");
    expect(send!.from).toBe(hex(VALIDATOR));
    expect(send!.to).toBe(hex(st.outputs[0]!.address));
    expect(BigInt(send!.value as string)).toBe(st.outputs[0]!.coins.tfuelWei);
    expect(BigInt(send!.gasPrice as string)).toBe(st.fee.tfuelWei);
    expect(send!.gas).toBe("0x1");
    expect(send!.input).toBe("0x");
    expect(send!.hash).toBe(hex(chain.b1.txs[0]!.hash));
    // The deployment: a creation (to null), listed under its Ethereum hash.
    expect(deploy!.to).toBeNull();
    expect(deploy!.hash).toBe(hex(chain.b1.txs[1]!.ethTxHash));
  });

  it("finds txs by hash and gives receipts with logs, bloom and the created contract", async () => {
    const deploy = chain.b1.txs[1]!;
    const tx = (await result("eth_getTransactionByHash", [hex(deploy.ethTxHash)])) as Record<string, unknown>;
    expect(tx.blockHash).toBe(hex(chain.b1.hash));
    expect(tx.transactionIndex).toBe("0x1");
    const r = (await result("eth_getTransactionReceipt", [hex(deploy.ethTxHash)])) as Record<
      string,
      unknown
    > & {
      logs: Record<string, unknown>[];
    };
    expect(r.status).toBe("0x1");
    expect(r.contractAddress).toBe(hex(CONTRACT_ADDRESS));
    expect(BigInt(r.gasUsed as string)).toBe(123_456n);
    expect(BigInt(r.cumulativeGasUsed as string)).toBe(123_456n + 1n);
    expect(r.logs).toHaveLength(1);
    expect(r.logs[0]!.transactionHash).toBe(hex(deploy.ethTxHash));
    expect(r.logs[0]!.logIndex).toBe("0x0");
    expect(r.logsBloom).not.toBe(`0x${"0".repeat(512)}`);
    const receipts = (await result("eth_getBlockReceipts", ["latest"])) as unknown[];
    expect(receipts).toHaveLength(2);
    expect(await result("eth_getTransactionReceipt", [`0x${"ab".repeat(32)}`])).toBeNull();
  });
});

describe("a tx in an applied, not yet finalized block", () => {
  it("shows as pending to Ethereum clients (no receipt) and with its block in theta.GetTransaction", async () => {
    const reserve = chain.b2.txs[0]!;
    expect(await result("eth_getTransactionReceipt", [hex(reserve.hash)])).toBeNull();
    const tx = (await result("eth_getTransactionByHash", [hex(reserve.hash)])) as Record<string, unknown>;
    expect(tx.hash).toBe(hex(reserve.hash));
    expect(tx.blockHash).toBeNull();
    expect((await chain.transaction(reserve.hash))?.block.hash).toEqual(chain.b2.hash);
  });
});

describe("state reads", () => {
  it("reads balance in TFuel wei and the nonce from the account's sequence", async () => {
    const bal = BigInt((await result("eth_getBalance", [hex(RECEIVER), "latest"])) as string);
    expect(bal).toBe(312_500_000n * 10n ** 18n);
    expect(await result("eth_getTransactionCount", [hex(VALIDATOR), "latest"])).toBe("0x2");
    expect(await result("eth_getBalance", [hex(RECEIVER)])).toBe(`0x${bal.toString(16)}`);
  });

  it("refuses a block above the finalized head", async () => {
    const e = await error("eth_getBalance", [hex(RECEIVER), "0x5"]);
    expect(e.message).toBe("header not found");
  });
});

describe("eth_call and eth_estimateGas", () => {
  const target = `0x${"11".repeat(20)}`;

  it("returns the call's output and runs on the requested block", async () => {
    expect(await result("eth_call", [{ to: target, data: "0x01" }, "latest"])).toBe("0x2a");
    expect(eth.dryRuns.at(-1)!.parent).toBeUndefined();
    await result("eth_call", [{ to: target }, "pending"]);
    expect(eth.dryRuns.at(-1)!.parent).toEqual(chain.b2.hash);
    expect(eth.dryRuns.at(-1)!.tx.gasLimit).toBe(10_000_000n);
  });

  it("reports a revert as error 3 with the revert data and the decoded reason", async () => {
    // Error(string) "nope"
    const payload =
      "08c379a0" +
      "0000000000000000000000000000000000000000000000000000000000000020" +
      "0000000000000000000000000000000000000000000000000000000000000004" +
      "6e6f706500000000000000000000000000000000000000000000000000000000";
    eth.calls.set("11".repeat(20), () => ({
      vmReturn: Uint8Array.from(Buffer.from(payload, "hex")),
      contractAddress: new Uint8Array(20),
      gasUsed: 30_000n,
      vmError: "evm: execution reverted",
    }));
    for (const m of ["eth_call", "eth_estimateGas"]) {
      const e = (await error(m, [{ to: target }])) as { code: number; message: string; data?: unknown };
      expect(e.code).toBe(3);
      expect(e.message).toBe("execution reverted: nope");
      expect(e.data).toBe(`0x${payload}`);
    }
  });

  it("estimates the least gas that succeeds", async () => {
    // Needs 50,000 gas to succeed but reports 40,000 used (as the 63/64 rule can).
    eth.calls.set("11".repeat(20), (tx) => ({
      vmReturn: new Uint8Array(0),
      contractAddress: new Uint8Array(20),
      gasUsed: tx.gasLimit >= 50_000n ? 40_000n : tx.gasLimit,
      vmError: tx.gasLimit >= 50_000n ? "" : "out of gas",
    }));
    expect(await result("eth_estimateGas", [{ to: target }])).toBe(`0x${(50_000).toString(16)}`);
    eth.calls.set("11".repeat(20), () => ({
      vmReturn: new Uint8Array(0),
      contractAddress: new Uint8Array(20),
      gasUsed: 30_000n,
      vmError: "",
    }));
    expect(await result("eth_estimateGas", [{ to: target }])).toBe(`0x${(30_000).toString(16)}`);
  });
});
