import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { copyNodeDir, startTestNode, type TestNode, until } from "./node.ts";

const REAL = join(
  fileURLToPath(new URL("../../../../", import.meta.url)),
  "../shared/conformance/theta-privatenet/node",
);
const GENESIS = "0x45c579eb4d435ffcd37f0f76beaa772072cea146c4ecec2e52066904b80f4e0a";

interface Status {
  genesis_block_hash: string;
  chain_id: string;
  address: string;
  latest_finalized_block_height: string;
}

let dir: string | undefined;
let node: TestNode | undefined;
afterAll(async () => {
  if (node !== undefined && node.child.exitCode === null) {
    node.child.kill("SIGKILL");
    await node.exited;
  }
  if (dir !== undefined) await rm(dirname(dir), { recursive: true, force: true });
});

describe.skipIf(!existsSync(REAL))("theta start on Theta's own privatenet files", () => {
  it("imports the real snapshot, reports genesis hash 0x45c579eb…0e0a and produces blocks", async () => {
    dir = await copyNodeDir(REAL, "theta-real-");
    node = await startTestNode(dir);
    const status = await node.call<Status>("theta.GetStatus");
    expect(status.genesis_block_hash).toBe(GENESIS);
    expect(status.chain_id).toBe("privatenet");
    expect(status.address).toBe("0x2E833968E5bB786Ae419c4d13189fB081Cc43bab");
    await until(async () => {
      const s = await node!.call<Status>("theta.GetStatus");
      return Number(s.latest_finalized_block_height) >= 2 ? s : undefined;
    });
    const account = await node.call<{ coins: { thetawei: string } }>("theta.GetAccount", {
      address: "0x9F1233798E905E173560071255140b4A8aBd3Ec6",
    });
    expect(account.coins.thetawei).toBe("62500000000000000000000000");
    node.child.kill("SIGTERM");
    expect(await node.exited).toBe(0);
  }, 180_000);
});
