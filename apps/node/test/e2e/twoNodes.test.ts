import { cp, rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  PRIVATENET_SECOND,
  PRIVATENET_TEST_KEYS,
  PRIVATENET_VALIDATOR,
} from "../../src/genesis/privatenet.ts";
import { FIXTURE_NODE } from "../cli/runTheta.ts";
import { copyNodeDir, freePort, startTestNode, stopTestNodes, type TestNode, until } from "./node.ts";
import { sendTx } from "./txs.ts";

const FOLLOWER_KEY = PRIVATENET_TEST_KEYS.find((k) => k.address !== PRIVATENET_VALIDATOR)!.address;

interface Status {
  latest_finalized_block_height: string;
  latest_finalized_block_hash: string;
  peer_id: string;
}

const nodes: TestNode[] = [];
const dirs: string[] = [];
afterAll(() => stopTestNodes(nodes, dirs));

describe("a validator and a follower over libp2p", () => {
  it("the follower syncs the validator's finalized blocks and relays a transaction to it", async () => {
    const validatorDir = await copyNodeDir(FIXTURE_NODE, "theta-val-");
    const followerDir = await copyNodeDir(FIXTURE_NODE, "theta-fol-");
    dirs.push(validatorDir, followerDir);
    // The follower runs with a key that holds no stake.
    await rm(join(followerDir, "key", "encrypted"), { recursive: true });
    await cp(
      join(FIXTURE_NODE, "..", "thetacli", "keys", "encrypted", FOLLOWER_KEY),
      join(followerDir, "key", "encrypted", FOLLOWER_KEY),
    );
    const port = await freePort();
    const validator = await startTestNode(validatorDir, { THETA_P2P_PORT: String(port) });
    nodes.push(validator);
    const follower = await startTestNode(followerDir, {
      THETA_P2P_PORT: String(await freePort()),
      THETA_P2P_SEEDS: `127.0.0.1:${port}`,
    });
    nodes.push(follower);
    expect((await validator.call<Status>("theta.GetStatus")).peer_id).not.toBe("");
    await until(async () =>
      (await follower.call<{ peers: string[] }>("theta.GetPeers")).peers.length > 0 ? true : undefined,
    );

    // A tx sent to the follower reaches the validator's mempool through gossip and is finalized.
    const sent = await follower.call<{ hash: string }>("theta.BroadcastRawTransactionAsync", {
      tx_bytes: `0x${Buffer.from(sendTx("privatenet", FOLLOWER_KEY, PRIVATENET_SECOND, 5n, 0n, 1n)).toString("hex")}`,
    });
    await until(async () => {
      const t = await follower.call<{ status: string }>("theta.GetTransaction", { hash: sent.hash });
      return t.status === "finalized" ? t : undefined;
    });
    const v = await validator.call<Status>("theta.GetStatus");
    const f = await follower.call<Status>("theta.GetStatus");
    const h = Math.min(Number(v.latest_finalized_block_height), Number(f.latest_finalized_block_height));
    const at = (n: TestNode) => n.call<{ hash: string }>("theta.GetBlockByHeight", { height: String(h) });
    expect((await at(follower)).hash).toBe((await at(validator)).hash);
    for (const n of [follower, validator]) {
      n.child.kill("SIGTERM");
      expect(await n.exited).toBe(0);
    }
  }, 90_000);
});
