import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  decodeTx,
  hexToBytes,
  type ServicePaymentTx,
  servicePaymentTargetSignBytes,
} from "@theta/core-types";
import { defaultCrypto } from "@theta/crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, startFakeNode, writeTestKey } from "./helpers.ts";

const KEYS: Record<string, string> = {
  "2E833968E5bB786Ae419c4d13189fB081Cc43bab":
    "93a90ea508331dfdf27fb79757d4250b4e84954927ba0073cd67454ac432c737",
  "511f5B5aF946eDca88217EB9404477a95CB5C3F4":
    "f3e4bfb656a98beac6931c86f48de62a7e469624d359f6b067b7f4a45a136446",
  "70f587259738cB626A1720Af7038B8DcDb6a42a0":
    "8bd65c4780c5f0b45930852e319cdbb0c44f1600f9a9e7f10778125cc14f02f3",
};
const [PAYER, RELAY1, RELAY2] = Object.keys(KEYS) as [string, string, string];
const config = mkdtempSync(join(tmpdir(), "thetacli-mp-"));
let node: Awaited<ReturnType<typeof startFakeNode>>;
let env: NodeJS.ProcessEnv = {};
const broadcasts: string[] = [];
const E18 = 10n ** 18n;

beforeAll(async () => {
  for (const [addr, key] of Object.entries(KEYS)) await writeTestKey(config, addr, key);
  // A node whose state has pool 3 of the payer: 100 TFuel, 20 already used, resource vid001.
  node = await startFakeNode((call) => {
    let result: unknown = null;
    if (call.method === "theta.GetStatus") result = { latest_finalized_block_height: "1500" };
    if (call.method === "theta.GetAccount") {
      result = {
        sequence: "3",
        coins: { thetawei: "0", tfuelwei: "1" },
        reserved_funds: [
          {
            collateral: { thetawei: "0", tfuelwei: (101n * E18).toString() },
            initial_fund: { thetawei: "0", tfuelwei: (100n * E18).toString() },
            used_fund: { thetawei: "0", tfuelwei: (20n * E18).toString() },
            resource_ids: ["vid001"],
            end_block_height: "2000",
            reserve_sequence: "3",
            transfer_records: [],
          },
        ],
        last_updated_block_height: "0",
        root: `0x${"00".repeat(32)}`,
        code: "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470",
      };
    }
    if (call.method.startsWith("theta.BroadcastRawTransaction")) {
      broadcasts.push(call.params[0].tx_bytes);
      result = { hash: "0x01", block: null };
    }
    return JSON.stringify({ jsonrpc: "2.0", id: call.id, result });
  });
  env = { REMOTERPCENDPOINT: node.endpoint };
});
afterAll(async () => {
  await node.close();
  rmSync(config, { recursive: true, force: true });
});

const base = ["--chain=privatenet", `--config=${config}`, "--password=pw"];
async function pay(to: string, amount: string, extra: string[] = []) {
  const r = await cli(
    [
      "micropayment",
      "pay",
      `--from=${PAYER}`,
      `--to=${to}`,
      "--reserve_seq=3",
      "--resource_id=vid001",
      `--amount=${amount}`,
      ...extra,
      ...base,
    ],
    [],
    env,
  );
  expect({ code: r.code, err: r.err }).toEqual({ code: 0, err: [] });
  return /^payment: ([0-9a-f]+)$/.exec(r.out[0]!)![1]!;
}

describe("a full off-chain micropayment round with thetacli", () => {
  it("pay reproduces the docs/ledger.md §12.3 source signature", async () => {
    const hex = await pay(RELAY1, "80");
    const p = decodeTx(hexToBytes(hex)) as ServicePaymentTx;
    expect(Buffer.from(p.source.signature).toString("hex")).toBe(
      "35b1eca0477d121634fbe56c86f1e350afc8f52eee73cb49b5c34224cca817c767cf2f951b4c2e4702475ec4dc204012ad6b2ae69910734fb44514a0692e6a0000",
    );
  });
  it("pays two relays, each verifies, one settles; an overspend is refused by verify", async () => {
    const p1 = await pay(RELAY1, "30");
    const p2 = await pay(RELAY2, "40");
    for (const [payment, relay] of [
      [p1, RELAY1],
      [p2, RELAY2],
    ] as const) {
      const v = await cli(
        [
          "micropayment",
          "verify",
          `--payment=${payment}`,
          `--relay=${relay}`,
          "--chain=privatenet",
          `--config=${config}`,
        ],
        [],
        env,
      );
      expect(v.code).toBe(0);
      expect(v.out[0]).toMatch(/^payment valid:/);
    }
    const wrongRelay = await cli(
      [
        "micropayment",
        "verify",
        `--payment=${p1}`,
        `--relay=${RELAY2}`,
        "--chain=privatenet",
        `--config=${config}`,
      ],
      [],
      env,
    );
    expect(wrongRelay.code).toBe(1);
    expect(wrongRelay.err[0]).toMatch(/MP_WRONG_TARGET/);

    const settled = await cli(
      ["micropayment", "settle", `--payment=${p1}`, `--from=${RELAY1}`, ...base],
      [],
      env,
    );
    expect(settled.code).toBe(0);
    const tx = decodeTx(hexToBytes(broadcasts.at(-1)!)) as ServicePaymentTx;
    expect(tx.source.coins.tfuelWei).toBe(30n * E18);
    expect(
      defaultCrypto.verify(
        servicePaymentTargetSignBytes("privatenet", tx),
        tx.target.signature,
        hexToBytes(RELAY1),
      ),
    ).toBe(true);

    const over = await pay(RELAY2, "81"); // only 80 TFuel remain in the pool
    const refused = await cli(
      [
        "micropayment",
        "verify",
        `--payment=${over}`,
        `--relay=${RELAY2}`,
        "--chain=privatenet",
        `--config=${config}`,
      ],
      [],
      env,
    );
    expect(refused.code).toBe(1);
    expect(refused.err[0]).toMatch(/MP_POOL_CANNOT_COVER/);
    const otherChain = await cli(
      [
        "micropayment",
        "verify",
        `--payment=${p2}`,
        `--relay=${RELAY2}`,
        "--chain=testnet",
        `--config=${config}`,
      ],
      [],
      env,
    );
    expect(otherChain.err[0]).toMatch(/MP_BAD_SOURCE_SIGNATURE/);
  });
});
