import { bytesToHex, bytesToPrefixedHex, encodeTx } from "@theta/core-types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { crypto, deployTx, sendTx, VALIDATOR } from "./chain/chainData.ts";
import { type Harness, startHarness } from "./chain/harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ timeoutMs: 1500 });
});
afterAll(async () => {
  await h.server.close();
});

const ZERO = `0x${"0".repeat(64)}`;
type TxResult = Record<string, unknown>;

describe("theta.GetTransaction", () => {
  it("finds a finalized tx with its block, decoded body and no receipt", async () => {
    const t = h.chain.b1.txs[0]!;
    const r = (await h.result("theta.GetTransaction", { hash: bytesToPrefixedHex(t.hash) })) as TxResult;
    expect(Object.keys(r)).toEqual([
      "block_hash",
      "block_height",
      "status",
      "hash",
      "type",
      "transaction",
      "receipt",
      "blance_changes",
    ]);
    expect(r).toMatchObject({
      block_hash: bytesToPrefixedHex(h.chain.b1.hash),
      block_height: "1",
      status: "finalized",
      hash: bytesToPrefixedHex(t.hash),
      type: 2,
      receipt: null,
      blance_changes: null,
    });
    const body = r.transaction as { inputs: { address: string; sequence: string; signature: string }[] };
    expect(body.inputs[0]!.address).toBe("0x2e833968e5bb786ae419c4d13189fb081cc43bab");
    expect(body.inputs[0]!.sequence).toBe("1");
    expect(body.inputs[0]!.signature).toMatch(/^0x[0-9a-f]{130}$/);
  });

  it("prints a contract receipt and balance changes with exact bare numbers", async () => {
    const t = h.chain.b1.txs[1]!;
    const { reply, raw } = await h.call("theta.GetTransaction", { hash: bytesToHex(t.hash) });
    const r = reply.result as TxResult;
    expect(r.type).toBe(7);
    const receipt = r.receipt as Record<string, unknown>;
    expect(receipt.TxHash).toBe(bytesToPrefixedHex(t.hash));
    expect(receipt.EvmRet).toBe(Buffer.from(t.receipt!.evmReturn).toString("base64"));
    expect(receipt.Logs).toEqual([
      {
        address: bytesToPrefixedHex(t.receipt!.contractAddress),
        topics: t.receipt!.logs[0]!.topics.map(bytesToPrefixedHex),
        data: Buffer.from(t.receipt!.logs[0]!.data).toString("base64"),
      },
    ]);
    const delta = t.balanceChanges!.balanceChanges[0]!.delta;
    expect(raw.body).toContain(`"delta":${delta}}`);
    expect(raw.body).toContain(`"token_type":1,"is_negative":true`);
    const changes = r.blance_changes as Record<string, unknown>;
    expect(Object.keys(changes)).toEqual([
      "TxHash",
      "BalanceChanges",
      "EvmRet",
      "ContractAddress",
      "GasUsed",
      "EvmErr",
    ]);
  });

  it("finds a contract tx by its Ethereum hash and returns the Theta hash", async () => {
    const t = h.chain.b1.txs[1]!;
    const r = (await h.result("theta.GetTransaction", { hash: bytesToPrefixedHex(t.ethTxHash) })) as TxResult;
    expect(r.hash).toBe(bytesToPrefixedHex(t.hash));
  });

  it("reports a tx of an unfinalized block as pending, an unknown one as not_found with zero members", async () => {
    const t = h.chain.b2.txs[0]!;
    expect(
      ((await h.result("theta.GetTransaction", { hash: bytesToPrefixedHex(t.hash) })) as TxResult).status,
    ).toBe("pending");
    expect(await h.result("theta.GetTransaction", { hash: "0x1234" })).toEqual({
      block_hash: ZERO,
      block_height: "0",
      status: "not_found",
      hash: ZERO,
      type: 0,
      transaction: null,
      receipt: null,
      blance_changes: null,
    });
    h.chain.markAbandoned(new Uint8Array(32).fill(0xee));
    expect(((await h.result("theta.GetTransaction", { hash: "ee".repeat(32) })) as TxResult).status).toBe(
      "abandoned",
    );
    expect(await h.error("theta.GetTransaction", {})).toEqual({
      code: -32000,
      message: "Transanction hash must be specified",
    });
  });
});

describe("theta.CallSmartContract", () => {
  it("dry-runs a deployment given as hex without 0x", async () => {
    const tx = deployTx(5n);
    const r = (await h.result("theta.CallSmartContract", { sctx_bytes: bytesToHex(encodeTx(tx)) })) as Record<
      string,
      string
    >;
    expect(Object.keys(r)).toEqual(["vm_return", "contract_address", "gas_used", "vm_error"]);
    expect(r.vm_return).toBe(bytesToHex(tx.data.subarray(4)));
    expect(r.contract_address).toBe(bytesToPrefixedHex(crypto.contractAddress(VALIDATOR, 4n)));
    expect(r.gas_used).toMatch(/^[0-9]+$/);
    expect(r.vm_error).toBe("");
  });

  it("refuses 0x input, undecodable bytes and non-contract txs; passes the chain's refusal on", async () => {
    const deploy = bytesToHex(encodeTx(deployTx(5n)));
    expect(await h.error("theta.CallSmartContract", { sctx_bytes: `0x${deploy}` })).toEqual({
      code: -32000,
      message: "encoding/hex: invalid byte: U+0078 'x'",
    });
    const garbage = await h.error("theta.CallSmartContract", { sctx_bytes: "07c0" });
    expect(garbage.message).toMatch(/^Failed to parse SmartContractTx, error: /);
    const send = bytesToHex(encodeTx(sendTx(1n)));
    expect(await h.error("theta.CallSmartContract", { sctx_bytes: send })).toEqual({
      code: -32000,
      message: `Failed to parse SmartContractTx: ${send}`,
    });
    const zeroGas = bytesToHex(encodeTx({ ...deployTx(5n), gasLimit: 0n }));
    expect((await h.error("theta.CallSmartContract", { sctx_bytes: zeroGas })).message).toBe(
      "Smart contract feature not enabled until block height 18446744073709551615.",
    );
  });
});
