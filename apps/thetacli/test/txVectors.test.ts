import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, startFakeNode, writeTestKey } from "./helpers.ts";

const A_KEY = "93a90ea508331dfdf27fb79757d4250b4e84954927ba0073cd67454ac432c737";
const A = "2E833968E5bB786Ae419c4d13189fB081Cc43bab";
const B = "511f5B5aF946eDca88217EB9404477a95CB5C3F4";
const config = mkdtempSync(join(tmpdir(), "thetacli-tx-"));
let node: Awaited<ReturnType<typeof startFakeNode>>;
let env: NodeJS.ProcessEnv = {};
const received: Array<{ method: string; tx_bytes: string }> = [];

beforeAll(async () => {
  await writeTestKey(config, A, A_KEY);
  node = await startFakeNode((call) => {
    received.push({ method: call.method, tx_bytes: call.params[0].tx_bytes });
    return `{"jsonrpc":"2.0","id":${call.id},"result":{"hash":"0x00","block":null}}\n`;
  });
  env = { REMOTERPCENDPOINT: node.endpoint };
});
afterAll(async () => {
  await node.close();
  rmSync(config, { recursive: true, force: true });
});

// docs/ledger.md §12.2–12.3, built from thetacli flags instead of by hand.
const vectors: Array<[string, string[], string]> = [
  [
    "send (docs/ledger.md §12.2)",
    [
      "tx",
      "send",
      `--from=${A}`,
      "--to=9F1233798E905E173560071255140b4A8aBd3Ec6",
      "--theta=10",
      "--tfuel=20",
      "--fee=1000000000000wei",
      "--seq=2",
    ],
    "02f8a4c78085e8d4a51000f86ff86d942e833968e5bb786ae419c4d13189fb081cc43babd3888ac7230489e800008901158e46f1e875100002b8415a6e9a2e93487c786f07175998493161e61a5d9613745aa0e2fe51e5db1eaf626f72bfae41d971e88ff3b2c217cf611c2addb266e7d7ebda29cb0e9e5a2f482800eae9949f1233798e905e173560071255140b4a8abd3ec6d3888ac7230489e800008901158e460913d00000",
  ],
  [
    "reserve",
    [
      "tx",
      "reserve",
      `--from=${A}`,
      "--fund=1000",
      "--collateral=1001",
      "--duration=1000",
      "--resource_ids=vid001,vid002",
      "--fee=0.3",
      "--seq=3",
    ],
    "03f890ca80880429d069189e0000f865942e833968e5bb786ae419c4d13189fb081cc43babcb80893635c9adc5dea0000003b841a2dc5e0b12296487f7cec4abf92883da457b513fe85d1ef2796ef5f880063c8a66ffb7f2b8a9ca1a4af5b1214775e2c36d25cdc95ccb0d043ff8c336d679702c01cb80893643aa647986040000ce86766964303031867669643030328203e8",
  ],
  [
    "release",
    ["tx", "release", `--from=${A}`, "--reserve_seq=3", "--fee=0.3", "--seq=4"],
    "04f86aca80880429d069189e0000f85c942e833968e5bb786ae419c4d13189fb081cc43babc2808004b8415e2f699cb396a72e18f99eb688a9435a7da3cf5041c821eb41600ffabfe59be90f7b7b7f340e04f2f77911575c41c40919eed9699183cbc327a090c6418992d20003",
  ],
  [
    "split_rule",
    [
      "tx",
      "split_rule",
      `--from=${A}`,
      "--resource_id=vid001",
      `--addresses=${B}`,
      "--percentages=30",
      "--duration=1000",
      "--fee=0.3",
      "--seq=5",
    ],
    "06f88bca80880429d069189e000086766964303031f85c942e833968e5bb786ae419c4d13189fb081cc43babc2808005b841ffe2fc6cc6be1c36bea5fc84d6885d6f152103d55a0e457de89dc5551c09ecb4246a29651e00cecf1d26b4e452824fbd8f4edd7c5af0a880e4e81b453694a7dc00d7d694511f5b5af946edca88217eb9404477a95cb5c3f41e8203e8",
  ],
  [
    "smart_contract",
    [
      "tx",
      "smart_contract",
      `--from=${A}`,
      "--to=0x0000000000000000000000000000000000001234",
      "--gas_limit=100000",
      "--gas_price=4000000000000wei",
      "--data=a9059cbb000000000000000000000000511f5b5af946edca88217eb9404477a95cb5c3f40000000000000000000000000000000000000000000000000000000000000064",
      "--seq=6",
    ],
    "07f8c8f85c942e833968e5bb786ae419c4d13189fb081cc43babc2808006b841411f509ffb70cf8cc782ee27275b0e9f20ae0e9d851e302660cec49a631d7ac9372a28a23b814f472758c05772a050b8bce67c8ae191747f5b947e7dfae65cb201d8940000000000000000000000000000000000001234c28080830186a08603a352944000b844a9059cbb000000000000000000000000511f5b5af946edca88217eb9404477a95cb5c3f40000000000000000000000000000000000000000000000000000000000000064",
  ],
  [
    "deposit (purpose 0, as DepositStakeTxV2)",
    [
      "tx",
      "deposit",
      `--source=${A}`,
      `--holder=${B}`,
      "--stake=200000",
      "--purpose=0",
      "--fee=0.3",
      "--seq=7",
    ],
    "0af890ca80880429d069189e0000f866942e833968e5bb786ae419c4d13189fb081cc43babcc8a2a5a058fc295ed0000008007b8416283075661fc1693c9f953730c271df9eda3816d44d6b063f49ddee69b0fc3d61541dd187ea1bec25f562d1a9a9f0d6b62f309790387bdf00969f51281fd7a1200d894511f5b5af946edca88217eb9404477a95cb5c3f4c2808080808080",
  ],
  [
    "withdraw",
    ["tx", "withdraw", `--source=${A}`, `--holder=${B}`, "--purpose=0", "--fee=0.3", "--seq=8"],
    "09f883ca80880429d069189e0000f85c942e833968e5bb786ae419c4d13189fb081cc43babc2808008b841fb7a76e695431ebb334bd48da976ea4dbf722e18063680cc2f2e49548729e35f6a4043c4aa3cca884a51f3d23da7ae9b2a6e07f652c0030f186b883a16cb9cc001d894511f5b5af946edca88217eb9404477a95cb5c3f4c2808080",
  ],
  [
    "distribute_staking_reward",
    [
      "tx",
      "distribute_staking_reward",
      `--holder=${A}`,
      `--beneficiary=${B}`,
      "--split_basis_point=500",
      "--fee=0.3",
      "--seq=9",
    ],
    "0bf885ca80880429d069189e0000f85c942e833968e5bb786ae419c4d13189fb081cc43babc2808009b8410b45a80c5d545ab8374b7a120f39a8eb09b0e154fa8356b22068c7fc5c4317a67903705e81b860bb3bc0613f4a951d0cb4d1f35a9c266a3334785d66da0f609b00d894511f5b5af946edca88217eb9404477a95cb5c3f4c280808201f4",
  ],
];

describe("tx commands produce the reference's bytes (docs/ledger.md §12), checked without a node", () => {
  let ran = 0;
  afterAll(() => expect(ran).toBe(8));
  for (const [name, argv, raw] of vectors) {
    it(name, async () => {
      const r = await cli([...argv, "--chain=privatenet", `--config=${config}`, "--password=pw"], [], env);
      expect(r.err).toEqual([]);
      expect(r.code).toBe(0);
      expect(received.at(-1)!.tx_bytes).toBe(raw);
      ran++;
    });
  }
  it("send waits for the block and prints the result; --async uses the async method; other commands print one line", async () => {
    const send = await cli(
      [
        "tx",
        "send",
        `--from=${A}`,
        `--to=${B}`,
        "--tfuel=1",
        "--seq=1",
        "--chain=privatenet",
        `--config=${config}`,
        "--password=pw",
      ],
      [],
      env,
    );
    expect(send.out[0]).toBe("Successfully broadcasted transaction:");
    expect(received.at(-1)!.method).toBe("theta.BroadcastRawTransaction");
    await cli(
      [
        "tx",
        "send",
        `--from=${A}`,
        `--to=${B}`,
        "--tfuel=1",
        "--seq=1",
        "--async",
        "--chain=privatenet",
        `--config=${config}`,
        "--password=pw",
      ],
      [],
      env,
    );
    expect(received.at(-1)!.method).toBe("theta.BroadcastRawTransactionAsync");
    const rel = await cli(
      [
        "tx",
        "release",
        `--from=${A}`,
        "--seq=1",
        "--chain=privatenet",
        `--config=${config}`,
        "--password=pw",
      ],
      [],
      env,
    );
    expect(rel.out).toEqual(["Successfully broadcasted transaction."]);
  });
  it("refuses from == to, a missing --seq, and a wrong password, each with one line", async () => {
    const same = await cli(
      [
        "tx",
        "send",
        `--from=${A}`,
        `--to=${A}`,
        "--seq=1",
        "--chain=privatenet",
        `--config=${config}`,
        "--password=pw",
      ],
      [],
      env,
    );
    expect(same.code).toBe(1);
    expect(same.err[0]).toMatch(/cannot be identical/);
    const noSeq = await cli(
      ["tx", "send", `--from=${A}`, `--to=${B}`, "--chain=privatenet", `--config=${config}`],
      [],
      env,
    );
    expect(noSeq.code).toBe(1);
    expect(noSeq.err.join("\n")).toMatch(/--seq/);
    const wrong = await cli(
      [
        "tx",
        "send",
        `--from=${A}`,
        `--to=${B}`,
        "--seq=1",
        "--chain=privatenet",
        `--config=${config}`,
        "--password=nope",
      ],
      [],
      env,
    );
    expect(wrong.code).toBe(1);
    expect(wrong.err).toEqual([`Failed to unlock address 0x${A}: could not decrypt key with given password`]);
  });
});
