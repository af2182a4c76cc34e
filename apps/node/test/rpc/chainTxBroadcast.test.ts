import { bytesToHex, bytesToPrefixedHex, encodeTx, encodeUint, rlpEncode } from "@theta/core-types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALICE, crypto, KEYS, RECEIVER, sendTx, VALIDATOR } from "./chain/chainData.ts";
import { signEthTx } from "./chain/ethTx.ts";
import { EVM_CHAIN_ID } from "./chain/fakeChain.ts";
import { type Harness, startHarness } from "./chain/harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ timeoutMs: 1500 });
});
afterAll(async () => {
  await h.server.close();
});

type TxResult = Record<string, unknown>;

/** The server still answers a plain query. */
async function stillServing(): Promise<void> {
  const s = (await h.result("theta.GetStatus")) as { chain_id: string };
  expect(s.chain_id).toBe("privatenet");
}

describe("theta.BroadcastRawTransactionAsync and the mempool", () => {
  it("accepts a signed SendTx (0x optional), lists it pending, and refuses it a second time", async () => {
    const raw = encodeTx(sendTx(3n));
    const hash = bytesToPrefixedHex(crypto.txHash(raw));
    expect(await h.result("theta.BroadcastRawTransactionAsync", { tx_bytes: bytesToHex(raw) })).toEqual({
      hash,
    });
    expect(await h.result("theta.GetPendingTransactions")).toEqual({ tx_hashes: [hash] });
    expect(((await h.result("theta.GetTransaction", { hash })) as TxResult).status).toBe("pending");
    expect(
      await h.error("theta.BroadcastRawTransactionAsync", { tx_bytes: bytesToPrefixedHex(raw) }),
    ).toEqual({
      code: -32000,
      message: "Transaction already seen",
    });
  });

  it("maps a wrong sequence to the reference's ValidateInputAdvanced text", async () => {
    const e = await h.error("theta.BroadcastRawTransactionAsync", {
      tx_bytes: bytesToHex(encodeTx(sendTx(9n))),
    });
    expect(e).toEqual({ code: -32000, message: "ValidateInputAdvanced: Got 9, expected 4. (acc.seq=3)" });
    await stillServing();
  });

  it("rejects a tx signed for another chain id, or by the wrong key", async () => {
    const otherChain = encodeTx(sendTx(4n, "mainnet"));
    expect(await h.error("theta.BroadcastRawTransactionAsync", { tx_bytes: bytesToHex(otherChain) })).toEqual(
      {
        code: -32000,
        message: "ValidateInputAdvanced: Invalid signature",
      },
    );
    const good = sendTx(4n);
    const forged = sendTx(4n, "privatenet", KEYS.alice);
    const wrongSigner = { ...good, inputs: [{ ...good.inputs[0]!, signature: forged.inputs[0]!.signature }] };
    expect(
      await h.error("theta.BroadcastRawTransactionAsync", { tx_bytes: bytesToHex(encodeTx(wrongSigner)) }),
    ).toEqual({ code: -32000, message: "ValidateInputAdvanced: Invalid signature" });
    await stillServing();
  });

  it("rejects non-canonical encodings with the chain's decoding error", async () => {
    const raw = encodeTx(sendTx(4n));
    // The type tag 2 written as a one-byte string (0x81 0x02) instead of the single byte 0x02.
    const nonCanonicalTag = new Uint8Array([0x81, ...raw]);
    const e1 = await h.error("theta.BroadcastRawTransactionAsync", { tx_bytes: bytesToHex(nonCanonicalTag) });
    expect(e1.code).toBe(-32000);
    expect(e1.message).toMatch(/^Error decoding tx: /);
    // A length prefix longer than the bytes that follow.
    const e2 = await h.error("theta.BroadcastRawTransactionAsync", {
      tx_bytes: bytesToHex(raw.subarray(0, 40)),
    });
    expect(e2.message).toMatch(/^Error decoding tx: /);
    // A sequence with a leading zero byte inside the body.
    const padded = rlpEncode([new Uint8Array([0, 4])]);
    const e3 = await h.error("theta.BroadcastRawTransactionAsync", {
      tx_bytes: bytesToHex(new Uint8Array([...rlpEncode(encodeUint(2)), ...padded])),
    });
    expect(e3.message).toMatch(/^Error decoding tx: /);
    await stillServing();
  });

  it("reports bad hex with Go's encoding/hex texts", async () => {
    const cases: [string, string][] = [
      ["0xzz", "encoding/hex: invalid byte: U+007A 'z'"],
      ["abc", "encoding/hex: odd length hex string"],
      ["ab g", "encoding/hex: invalid byte: U+0020 ' '"],
      ["abé1", "encoding/hex: invalid byte: U+00C3 'Ã'"],
    ];
    for (const [tx_bytes, message] of cases) {
      expect(await h.error("theta.BroadcastRawTransactionAsync", { tx_bytes })).toEqual({
        code: -32000,
        message,
      });
    }
    expect((await h.error("theta.BroadcastRawTransactionAsync", { tx_bytes: 12 })).code).toBe(-32602);
    await stillServing();
  });
});

describe("theta.BroadcastRawTransaction (waits for finality)", () => {
  it("returns the hash and the finalizing header with Go field names and bare numbers", async () => {
    const raw = encodeTx(sendTx(4n));
    const { reply, raw: http } = await h.call("theta.BroadcastRawTransaction", { tx_bytes: bytesToHex(raw) });
    const r = reply.result as { hash: string; block: Record<string, unknown> };
    expect(r.hash).toBe(bytesToPrefixedHex(crypto.txHash(raw)));
    expect(Object.keys(r.block)).toEqual([
      "ChainID",
      "Epoch",
      "Height",
      "Parent",
      "HCC",
      "GuardianVotes",
      "EliteEdgeNodeVotes",
      "TxHash",
      "StateHash",
      "Timestamp",
      "Proposer",
      "Signature",
    ]);
    expect(r.block.ChainID).toBe("privatenet");
    expect(typeof r.block.Height).toBe("number");
    expect(r.block.Proposer).toBe(bytesToPrefixedHex(VALIDATOR));
    expect(http.body).toMatch(/"Timestamp":\d+,/);
    const tx = (await h.result("theta.GetTransaction", { hash: r.hash })) as TxResult;
    expect(tx.status).toBe("finalized");
    expect(tx.block_height).toBe(String(r.block.Height));
  });

  it("gives up at the RPC timeout with the reference's 503 body, and the node goes on", async () => {
    h.chain.holdInclusion = true;
    try {
      const { raw } = await h.call("theta.BroadcastRawTransaction", {
        tx_bytes: bytesToHex(encodeTx(sendTx(5n))),
      });
      expect(raw.status).toBe(503);
      expect(raw.body).toBe('{"error":{"message":"Timeout"}}');
    } finally {
      h.chain.holdInclusion = false;
    }
    await stillServing();
  });
});

describe("theta.BroadcastRawEthTransaction(+Async)", () => {
  const ethTx = (nonce: bigint, chainId = EVM_CHAIN_ID) =>
    signEthTx(
      {
        nonce,
        gasPrice: 1_000_000_000n,
        gasLimit: 100_000n,
        to: RECEIVER,
        value: 5n,
        data: new Uint8Array([1, 2, 3]),
      },
      KEYS.alice,
      chainId,
    );

  it("async answers the keccak of the Ethereum bytes", async () => {
    const raw = ethTx(10n);
    expect(
      await h.result("theta.BroadcastRawEthTransactionAsync", { tx_bytes: bytesToPrefixedHex(raw) }),
    ).toEqual({
      hash: bytesToPrefixedHex(crypto.keccak256(raw)),
    });
  });

  it("sync answers the translated Theta tx's hash; the tx is the wallet's, sender recovered", async () => {
    const r = (await h.result("theta.BroadcastRawEthTransaction", { tx_bytes: bytesToHex(ethTx(11n)) })) as {
      hash: string;
      block: { Height: number };
    };
    const tx = (await h.result("theta.GetTransaction", { hash: r.hash })) as TxResult;
    expect(tx.type).toBe(7);
    expect(tx.status).toBe("finalized");
    const body = tx.transaction as { from: { address: string; sequence: string; coins: unknown } };
    expect(body.from.address).toBe(bytesToPrefixedHex(ALICE));
    expect(body.from.sequence).toBe("12");
    expect(body.from.coins).toEqual({ thetawei: "0", tfuelwei: "5" });
  });

  it("rejects a wallet tx signed for another chain id, and undecodable bytes", async () => {
    expect(
      await h.error("theta.BroadcastRawEthTransactionAsync", { tx_bytes: bytesToHex(ethTx(12n, 361n)) }),
    ).toEqual({ code: -32000, message: "ValidateInputAdvanced: Invalid signature" });
    const e = await h.error("theta.BroadcastRawEthTransactionAsync", { tx_bytes: "c0" });
    expect(e.code).toBe(-32000);
    await stillServing();
  });
});
