/**
 * A wallet-signed Ethereum transaction (legacy, EIP-155 with privatenet's EVM chain id 366) sent
 * through theta.BroadcastRawEthTransaction to a running node: it is finalized as a SmartContractTx
 * moving TFuel; the same transfer signed for another chain id is refused and the node goes on.
 */
import { rm } from "node:fs/promises";
import { dirname } from "node:path";
import {
  bytesToHex,
  coins,
  ethSigningPreimage,
  ethTxEncoding,
  hexToBytes,
  type SmartContractTx,
  TxType,
} from "@theta/core-types";
import { defaultCrypto } from "@theta/crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PRIVATENET_TEST_KEYS, PRIVATENET_VALIDATOR } from "../../src/genesis/privatenet.ts";
import { FIXTURE_NODE } from "../cli/runTheta.ts";
import { copyNodeDir, startTestNode, type TestNode, until } from "./node.ts";

const crypto = defaultCrypto;
const E18 = 10n ** 18n;
const validatorKey = hexToBytes(
  PRIVATENET_TEST_KEYS.find((k) => k.address.toLowerCase() === PRIVATENET_VALIDATOR.toLowerCase())!
    .privateKey,
);
const recipient = hexToBytes("9F1233798E905E173560071255140b4A8aBd3Ec6");

/** A legacy Ethereum transfer of `tfuel` wei signed by the validator for `chainId`. */
function signedTransfer(nonce: bigint, tfuel: bigint, chainId: bigint): Uint8Array {
  const tx: SmartContractTx = {
    type: TxType.SmartContract,
    from: {
      address: crypto.privateKeyToAddress(validatorKey),
      coins: coins(0n, tfuel),
      sequence: nonce + 1n,
      signature: new Uint8Array(0),
    },
    to: { address: recipient, coins: coins(0n, 0n) },
    gasLimit: 21000n,
    gasPrice: 4_000_000_000_000n,
    data: new Uint8Array(0),
  };
  const signature = crypto.sign(ethSigningPreimage(tx, chainId), validatorKey);
  signature[64] = 27 + signature[64]!;
  return ethTxEncoding({ ...tx, from: { ...tx.from, signature } }, chainId);
}

let dir: string;
let node: TestNode;
beforeAll(async () => {
  dir = await copyNodeDir(FIXTURE_NODE, "theta-eth-");
  node = await startTestNode(dir);
}, 120_000);
afterAll(async () => {
  node.child.kill("SIGTERM");
  await node.exited;
  await rm(dirname(dir), { recursive: true, force: true });
});

describe("Ethereum-signed transactions on a running node", () => {
  it("finalizes a chain-id-366 transfer and refuses one signed for another chain", async () => {
    const balance = async (): Promise<bigint> =>
      BigInt(
        (
          await node.call<{ coins: { tfuelwei: string } }>("theta.GetAccount", {
            address: `0x${bytesToHex(recipient)}`,
          })
        ).coins.tfuelwei,
      );
    const before = await balance();

    const wrong = await node.raw("theta.BroadcastRawEthTransaction", {
      tx_bytes: `0x${bytesToHex(signedTransfer(0n, 5n * E18, 1n))}`,
    });
    expect(wrong.error).toBeDefined();

    const raw = signedTransfer(0n, 5n * E18, 366n);
    const r = await node.call<{ hash: string; block: unknown }>("theta.BroadcastRawEthTransaction", {
      tx_bytes: `0x${bytesToHex(raw)}`,
    });
    expect(r.block).not.toBeNull();
    expect(await balance()).toBe(before + 5n * E18);
    const tx = await node.call<{ transaction: { from: { sequence: string } } }>("theta.GetTransaction", {
      hash: r.hash,
    });
    expect(tx.transaction.from.sequence).toBe("1");
  }, 120_000);

  it("reads the screened state with preview and pending: back-to-back sends need no waiting", async () => {
    const addr = `0x${bytesToHex(crypto.privateKeyToAddress(validatorKey))}`;
    const eth = async (method: string, params: unknown[]) => {
      const res = await fetch(`http://127.0.0.1:${node.port}/rpc`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
      });
      const body = (await res.json()) as { result?: unknown; error?: { message: string } };
      if (body.error !== undefined) throw new Error(`${method}: ${body.error.message}`);
      return body.result;
    };
    const start = BigInt((await eth("eth_getTransactionCount", [addr, "pending"])) as string);
    const hashes: string[] = [];
    for (let i = 0n; i < 3n; i++) {
      const nonce = BigInt((await eth("eth_getTransactionCount", [addr, "pending"])) as string);
      expect(nonce).toBe(start + i);
      hashes.push(
        (await eth("eth_sendRawTransaction", [
          `0x${bytesToHex(signedTransfer(nonce, E18, 366n))}`,
        ])) as string,
      );
    }
    // Preview (the mempool applied) knows all three at once; the finalized view catches up.
    const preview = await node.call<{ sequence: string }>("theta.GetAccount", {
      address: addr,
      preview: true,
    });
    expect(BigInt(preview.sequence)).toBe(start + 3n);
    const latest = await node.call<{ sequence: string }>("theta.GetAccount", { address: addr });
    expect(BigInt(latest.sequence)).toBeLessThanOrEqual(start + 3n);
    for (const h of hashes) {
      const receipt = await until(
        async () =>
          ((await eth("eth_getTransactionReceipt", [h])) as {
            status: string;
            transactionHash: string;
          } | null) ?? undefined,
      );
      expect(receipt.status).toBe("0x1");
      expect(receipt.transactionHash).toBe(h);
      const t = await until(async () => {
        const r = await node.call<{ status: string; block_hash: string }>("theta.GetTransaction", {
          hash: h,
        });
        return r.status === "finalized" ? r : undefined;
      });
      expect(t.block_hash).not.toBe(`0x${"0".repeat(64)}`);
    }
    await until(async () =>
      BigInt((await eth("eth_getTransactionCount", [addr, "latest"])) as string) === start + 3n
        ? true
        : undefined,
    );
  }, 120_000);
});
