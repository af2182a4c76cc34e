/**
 * The WebSocket endpoint of a running node: eth_subscribe newHeads follows finalization in height
 * order (each head is the block eth_getBlockByNumber returns), newPendingTransactions announces a
 * tx sent over the same connection with the hash eth_sendRawTransaction returned, and the
 * Ethereum port (rpc.ethPort) serves the same at `/`.
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
import { connectWs, eventually } from "../rpc/ws/wsClient.ts";
import { copyNodeDir, freePort, startTestNode, type TestNode } from "./node.ts";

const crypto = defaultCrypto;
const validatorKey = hexToBytes(
  PRIVATENET_TEST_KEYS.find((k) => k.address.toLowerCase() === PRIVATENET_VALIDATOR.toLowerCase())!
    .privateKey,
);

/** A legacy transfer of 1 wei signed by the validator for privatenet (EVM chain id 366). */
function signedTransfer(nonce: bigint): Uint8Array {
  const tx: SmartContractTx = {
    type: TxType.SmartContract,
    from: {
      address: crypto.privateKeyToAddress(validatorKey),
      coins: coins(0n, 1n),
      sequence: nonce + 1n,
      signature: new Uint8Array(0),
    },
    to: { address: hexToBytes("9F1233798E905E173560071255140b4A8aBd3Ec6"), coins: coins(0n, 0n) },
    gasLimit: 21000n,
    gasPrice: 4_000_000_000_000n,
    data: new Uint8Array(0),
  };
  const signature = crypto.sign(ethSigningPreimage(tx, 366n), validatorKey);
  signature[64] = 27 + signature[64]!;
  return ethTxEncoding({ ...tx, from: { ...tx.from, signature } }, 366n);
}

let dir: string;
let node: TestNode;
let ethPort: number;
beforeAll(async () => {
  dir = await copyNodeDir(FIXTURE_NODE, "theta-ws-");
  ethPort = await freePort();
  node = await startTestNode(dir, { THETA_RPC_ETHPORT: String(ethPort) });
}, 120_000);
afterAll(async () => {
  node.child.kill("SIGTERM");
  await node.exited;
  await rm(dirname(dir), { recursive: true, force: true });
});

describe("WebSocket on a running node", () => {
  it("newHeads follow finalization; a tx sent over the socket is announced as pending", async () => {
    const c = await connectWs(node.port);
    const heads = (await c.call("eth_subscribe", ["newHeads"])).result as string;
    const pending = (await c.call("eth_subscribe", ["newPendingTransactions"])).result as string;
    expect(heads).toMatch(/^0x[0-9a-f]{32}$/);
    const nonce = BigInt(
      (
        await c.call("eth_getTransactionCount", [
          `0x${bytesToHex(crypto.privateKeyToAddress(validatorKey))}`,
          "pending",
        ])
      ).result as string,
    );
    const sent = await c.call("eth_sendRawTransaction", [`0x${bytesToHex(signedTransfer(nonce))}`]);
    expect(sent.error).toBeUndefined();
    await eventually(
      () => c.notifications(pending).includes(sent.result),
      30_000,
      "the pending announcement",
    );
    await eventually(() => c.notifications(heads).length >= 3, 60_000, "three heads");
    const got = c.notifications(heads) as { number: string; hash: string; parentHash: string }[];
    for (let i = 1; i < got.length; i++) {
      expect(BigInt(got[i]!.number)).toBe(BigInt(got[i - 1]!.number) + 1n);
      expect(got[i]!.parentHash).toBe(got[i - 1]!.hash);
    }
    const block = (await c.call("eth_getBlockByNumber", [got[1]!.number, false])).result as { hash: string };
    expect(block.hash).toBe(got[1]!.hash);
    expect((await c.call("eth_unsubscribe", [heads])).result).toBe(true);
    await c.close();
  }, 120_000);

  it("the Ethereum port answers JSON-RPC at POST / and WebSocket at /", async () => {
    const res = await fetch(`http://127.0.0.1:${ethPort}/`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
    });
    expect(((await res.json()) as { result: string }).result).toBe("0x16e");
    const c = await connectWs(ethPort, { path: "/" });
    expect((await c.call("net_version")).result).toBe("366");
    await c.close();
  });
});
