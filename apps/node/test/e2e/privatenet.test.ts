import { rm } from "node:fs/promises";
import { dirname } from "node:path";
import { bytesToHex } from "@theta/core-types";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  PRIVATENET_SECOND,
  PRIVATENET_TEST_KEYS,
  PRIVATENET_VALIDATOR,
} from "../../src/genesis/privatenet.ts";
import { FIXTURE_NODE } from "../cli/runTheta.ts";
import { copyNodeDir, startTestNode, type TestNode, until } from "./node.ts";
import {
  ANSWER_INIT,
  ANSWER_RUNTIME,
  depositStakeTx,
  E18,
  reserveFundTx,
  sendTx,
  servicePaymentTx,
  smartContractTx,
  splitRuleTx,
  withdrawStakeTx,
} from "./txs.ts";

const CHAIN = "privatenet";
const V = PRIVATENET_VALIDATOR;
const [A, B, C] = PRIVATENET_TEST_KEYS.filter((k) => k.address !== V).map((k) => k.address);
const hex = (b: Uint8Array) => `0x${bytesToHex(b)}`;

interface Status {
  latest_finalized_block_height: string;
  latest_finalized_block_hash: string;
  genesis_block_hash: string;
}

/** The hashes of the finalized blocks at heights 0..height. */
async function finalizedHashes(node: TestNode, height: number): Promise<string[]> {
  const out: string[] = [];
  for (let h = 0; h <= height; h++) {
    const b = await node.call<{ hash: string }>("theta.GetBlockByHeight", { height: String(h) });
    out.push(b.hash);
  }
  return out;
}

async function stop(node: TestNode, signal: NodeJS.Signals): Promise<number | null> {
  node.child.kill(signal);
  return node.exited;
}

let dir: string;
const running: TestNode[] = [];
const launch = async (): Promise<TestNode> => {
  const n = await startTestNode(dir);
  running.push(n);
  return n;
};
const finalizedTxs: string[] = [];
let before: { height: number; hashes: string[] } = { height: 0, hashes: [] };

beforeAll(async () => {
  dir = await copyNodeDir(FIXTURE_NODE, "theta-e2e-");
});
afterEach(async () => {
  // A failed test may leave its node running; it would hold the database lock.
  for (const n of running.splice(0))
    if (n.child.exitCode === null && n.child.signalCode === null) await stop(n, "SIGKILL");
});
afterAll(async () => {
  await rm(dirname(dir), { recursive: true, force: true });
});

describe("the privatenet node as a child process", () => {
  it("finalizes transactions of every type submitted over RPC, and keeps them across a restart", async () => {
    const node = await launch();
    const submit = async (raw: Uint8Array): Promise<string> => {
      const r = await node.call<{ hash: string; block: unknown }>("theta.BroadcastRawTransaction", {
        tx_bytes: hex(raw),
      });
      expect(r.block).not.toBeNull();
      return r.hash;
    };
    finalizedTxs.push(await submit(sendTx(CHAIN, V, PRIVATENET_SECOND, 10n * E18, 20n * E18, 1n)));
    finalizedTxs.push(await submit(reserveFundTx(CHAIN, V, 100n * E18, 101n * E18, ["rid1000001"], 2n)));
    finalizedTxs.push(await submit(splitRuleTx(CHAIN, V, "rid-split", A!, 30n, 3n)));
    finalizedTxs.push(await submit(depositStakeTx(CHAIN, C!, V, 200_000n * E18, 1n)));
    finalizedTxs.push(await submit(withdrawStakeTx(CHAIN, C!, V, 2n)));
    finalizedTxs.push(await submit(servicePaymentTx(CHAIN, V, A!, 1n * E18, "rid1000001", 2n, 1n)));
    // SmartContractTx: a dry run of the deployment, the deployment, and a dry-run call of the contract.
    const deploy = smartContractTx(CHAIN, V, undefined, ANSWER_INIT, 4n);
    const dry = await node.call<{ vm_return: string; vm_error: string }>("theta.CallSmartContract", {
      sctx_bytes: bytesToHex(deploy),
    });
    expect(dry.vm_error).toBe("");
    expect(dry.vm_return).toBe(bytesToHex(ANSWER_RUNTIME));
    const deployHash = await submit(deploy);
    finalizedTxs.push(deployHash);
    const receipt = await node.call<{ receipt: { ContractAddress: string; EvmErr: string } }>(
      "theta.GetTransaction",
      { hash: deployHash },
    );
    expect(receipt.receipt.EvmErr).toBe("");
    const contract = receipt.receipt.ContractAddress;
    const call = await node.call<{ vm_return: string }>("theta.CallSmartContract", {
      sctx_bytes: bytesToHex(smartContractTx(CHAIN, V, contract.slice(2), new Uint8Array(0), 5n)),
    });
    expect(BigInt(`0x${call.vm_return}`)).toBe(42n);
    for (const hash of finalizedTxs) {
      const t = await node.call<{ status: string }>("theta.GetTransaction", { hash });
      expect(t.status).toBe("finalized");
    }
    const acc = await node.call<{ reserved_funds: unknown[] }>("theta.GetAccount", { address: `0x${V}` });
    expect(acc.reserved_funds).toHaveLength(1);

    const status = await node.call<Status>("theta.GetStatus");
    const height = Number(status.latest_finalized_block_height);
    before = { height, hashes: await finalizedHashes(node, height) };
    expect(await stop(node, "SIGTERM")).toBe(0);

    const again = await launch();
    const after = await again.call<Status>("theta.GetStatus");
    expect(Number(after.latest_finalized_block_height)).toBeGreaterThanOrEqual(height);
    expect(await finalizedHashes(again, height)).toEqual(before.hashes);
    for (const hash of finalizedTxs) {
      expect((await again.call<{ status: string }>("theta.GetTransaction", { hash })).status).toBe(
        "finalized",
      );
    }
    // The chain goes on after the restart.
    await until(async () => {
      const s = await again.call<Status>("theta.GetStatus");
      return Number(s.latest_finalized_block_height) > Number(after.latest_finalized_block_height)
        ? s
        : undefined;
    });
    expect(await stop(again, "SIGINT")).toBe(0);
  }, 120_000);

  it("loses nothing finalized when killed with SIGKILL under load", async () => {
    const node = await launch();
    const sent: string[] = [];
    let seq = 1n;
    // Keep submitting while blocks finalize; stop after a few blocks carried load.
    const start = Number((await node.call<Status>("theta.GetStatus")).latest_finalized_block_height);
    console.log(
      JSON.stringify(await node.raw("theta.GetStatus")),
      JSON.stringify(await node.raw("theta.GetAccount", { address: `0x${B}` })),
      JSON.stringify(await node.raw("theta.GetAccount", { address: `0x${A}` })),
    );
    let status: Status;
    for (;;) {
      for (let i = 0; i < 20; i++) {
        const r = await node.call<{ hash: string }>("theta.BroadcastRawTransactionAsync", {
          tx_bytes: hex(sendTx(CHAIN, B!, PRIVATENET_SECOND, 1n, 0n, seq++)),
        });
        sent.push(r.hash);
      }
      status = await node.call<Status>("theta.GetStatus");
      if (Number(status.latest_finalized_block_height) >= start + 4) break;
    }
    const height = Number(status.latest_finalized_block_height);
    const hashes = await finalizedHashes(node, height);
    const finalizedBeforeKill: string[] = [];
    for (const hash of sent) {
      const t = await node.call<{ status: string }>("theta.GetTransaction", { hash });
      if (t.status === "finalized") finalizedBeforeKill.push(hash);
    }
    expect(finalizedBeforeKill.length).toBeGreaterThan(0);
    expect(await stop(node, "SIGKILL")).toBeNull();

    const again = await launch();
    expect(
      Number((await again.call<Status>("theta.GetStatus")).latest_finalized_block_height),
    ).toBeGreaterThanOrEqual(height);
    expect(await finalizedHashes(again, height)).toEqual(hashes);
    expect(hashes.slice(0, before.hashes.length)).toEqual(before.hashes);
    for (const hash of [...finalizedTxs, ...finalizedBeforeKill]) {
      expect((await again.call<{ status: string }>("theta.GetTransaction", { hash })).status).toBe(
        "finalized",
      );
    }
    expect(await stop(again, "SIGTERM")).toBe(0);
  }, 120_000);
});
