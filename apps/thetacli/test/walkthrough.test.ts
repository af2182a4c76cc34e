/**
 * End to end against a real node: the test starts `theta` on a copy of fixtures/privatenet (free
 * ports on 127.0.0.1) and runs the classic walkthrough with exactly the reference's command lines,
 * then a full off-chain micropayment round settled on chain.
 */
import { rm } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { bytesToHex, hexToBytes } from "@theta/core-types";
import { defaultCrypto } from "@theta/crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { FIXTURE_NODE } from "../../node/test/cli/runTheta.ts";
import { copyNodeDir, startTestNode, type TestNode, until } from "../../node/test/e2e/node.ts";
import { cli } from "./helpers.ts";

const here = dirname(fileURLToPath(import.meta.url));
const CLI_CONFIG = resolve(here, "../../../fixtures/privatenet/thetacli");
const E18 = 10n ** 18n;
const FROM = "2E833968E5bB786Ae419c4d13189fB081Cc43bab";
const TO = "9F1233798E905E173560071255140b4A8aBd3Ec6";
const RELAY1 = "70f587259738cB626A1720Af7038B8DcDb6a42a0";
const RELAY2 = "a5cdB2B0306518fb37b28bb63A1B2590FdE9b747";
const SQUARE_CALCULATOR =
  "608060405234801561001057600080fd5b50610148806100206000396000f300608060405260043610610057576000357c0100000000000000000000000000000000000000000000000000000000900463ffffffff1680633fa4f2451461005c578063b5a0241a14610087578063ed8b0706146100b2575b600080fd5b34801561006857600080fd5b506100716100df565b6040518082815260200191505060405180910390f35b34801561009357600080fd5b5061009c6100e5565b6040518082815260200191505060405180910390f35b3480156100be57600080fd5b506100dd60048036038101908080359060200190929190505050610112565b005b60005481565b6000806000546000540290506000546000548281151561010157fe5b0414151561010b57fe5b8091505090565b80600081905550505600a165627a7a72305820459c07c1668e919ca760d663b8df04e80634c53ebd49393dca83e81c58ae2a660029";

let node: TestNode;
let env: NodeJS.ProcessEnv;

/** Runs one thetacli command line against the node; it must succeed. Returns stdout as text. */
async function thetacli(line: string): Promise<string> {
  const argv = line.split(" ").map((a) => a.replace(/^(--[a-z_]+=)"(.*)"$/, "$1$2"));
  const r = await cli([...argv, `--config=${CLI_CONFIG}`], [], env);
  expect({ line, code: r.code, err: r.err }).toEqual({ line, code: 0, err: [] });
  return r.out.join("\n");
}

/** The JSON a command printed (after an optional `Using config file:` line). */
function json<T = Record<string, unknown>>(text: string): T {
  return JSON.parse(text.slice(text.indexOf("{"))) as T;
}

interface AccountJson {
  sequence: string;
  coins: { thetawei: string; tfuelwei: string };
  reserved_funds: {
    resource_ids: string[];
    initial_fund: { tfuelwei: string };
    used_fund: { tfuelwei: string };
  }[];
}

beforeAll(async () => {
  const dir = await copyNodeDir(FIXTURE_NODE, "thetacli-e2e-");
  node = await startTestNode(dir);
  env = { REMOTERPCENDPOINT: `http://127.0.0.1:${node.port}/rpc` };
  return async () => {
    node.child.kill("SIGTERM");
    await node.exited;
    await rm(dirname(dir), { recursive: true, force: true });
  };
}, 120_000);

describe("the classic walkthrough with thetacli against a running node", () => {
  let contract = "";

  it("sends 10 THETA and 20 TFuel and shows them in the recipient's account", async () => {
    const before = json<AccountJson>(await thetacli(`query account --address=${TO}`));
    const sent = json<{ hash: string; block: unknown }>(
      await thetacli(
        `tx send --chain="privatenet" --from=${FROM} --to=${TO} --theta=10 --tfuel=20 --password=qwertyuiop --seq=1`,
      ),
    );
    expect(sent.hash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(sent.block).not.toBeNull();
    const after = json<AccountJson>(await thetacli(`query account --address=${TO}`));
    expect(BigInt(after.coins.thetawei) - BigInt(before.coins.thetawei)).toBe(10n * E18);
    expect(BigInt(after.coins.tfuelwei) - BigInt(before.coins.tfuelwei)).toBe(20n * E18);
  }, 120_000);

  it("dry-runs, deploys and calls the SquareCalculator contract", async () => {
    const dry = json<{ contract_address: string; gas_used: string; vm_error: string; vm_return: string }>(
      await thetacli(
        `call smart_contract --from=${FROM} --value=0 --gas_price=1000000000000wei --gas_limit=2000000 --data=${SQUARE_CALCULATOR}`,
      ),
    );
    expect(dry.vm_error).toBe("");
    // The sender's stored sequence is 1 after the send: the contract address uses nonce 1.
    const expected = defaultCrypto.contractAddress(hexToBytes(FROM), 1n);
    expect(dry.contract_address.toLowerCase()).toBe(`0x${bytesToHex(expected)}`);
    contract = dry.contract_address;

    const deployed = json<{ hash: string; block: unknown }>(
      await thetacli(
        `tx smart_contract --chain="privatenet" --from=${FROM} --value=0 --gas_price=1000000000000wei --gas_limit=2000000 --data=${SQUARE_CALCULATOR} --password=qwertyuiop --seq=2`,
      ),
    );
    expect(deployed.block).not.toBeNull();
    const code = await node.call<{ code: string }>("theta.GetCode", { address: contract });
    expect(code.code.length).toBeGreaterThan(2);

    const setValue = `ed8b0706${(3).toString(16).padStart(64, "0")}`;
    await thetacli(
      `tx smart_contract --chain="privatenet" --from=${FROM} --to=${contract} --gas_price=1000000000000wei --gas_limit=50000 --data=${setValue} --password=qwertyuiop --seq=3`,
    );
    const square = json<{ vm_return: string; vm_error: string }>(
      await thetacli(
        `call smart_contract --from=${FROM} --to=${contract} --gas_price=1000000000000wei --gas_limit=50000 --data=b5a0241a`,
      ),
    );
    expect(square.vm_error).toBe("");
    expect(BigInt(`0x${square.vm_return}`)).toBe(9n);
  }, 180_000);

  it("reserves a fund and sees it under reserved_funds", async () => {
    await thetacli(
      `tx reserve --chain="privatenet" --async --from=${FROM} --fund=100 --collateral=101 --duration=1002 --resource_ids=rid1000001 --password=qwertyuiop --seq=4`,
    );
    const acc = await until(async () => {
      const a = json<AccountJson>(await thetacli(`query account --address=${FROM}`));
      return a.reserved_funds.length > 0 ? a : undefined;
    }, 300);
    expect(acc.sequence).toBe("4");
    expect(acc.reserved_funds[0]!.resource_ids).toEqual(["rid1000001"]);
    expect(BigInt(acc.reserved_funds[0]!.initial_fund.tfuelwei)).toBe(100n * E18);
  }, 120_000);

  it("pays two relays off chain, they verify, both settle on chain; an overspend is refused", async () => {
    const pay = async (to: string, amount: string): Promise<string> => {
      const out = await thetacli(
        `micropayment pay --chain=privatenet --from=${FROM} --to=${to} --reserve_seq=4 --resource_id=rid1000001 --amount=${amount} --password=qwertyuiop`,
      );
      return /payment: ([0-9a-f]+)/.exec(out)![1]!;
    };
    const p1 = await pay(RELAY1, "30");
    const p2 = await pay(RELAY2, "40");
    expect(
      await thetacli(`micropayment verify --chain=privatenet --payment=${p1} --relay=${RELAY1}`),
    ).toMatch(/^payment valid:/);
    expect(
      await thetacli(`micropayment verify --chain=privatenet --payment=${p2} --relay=${RELAY2}`),
    ).toMatch(/^payment valid:/);
    const relay1Before = json<AccountJson>(await thetacli(`query account --address=${RELAY1}`));
    await thetacli(
      `micropayment settle --chain=privatenet --payment=${p1} --from=${RELAY1} --password=qwertyuiop`,
    );
    await thetacli(
      `micropayment settle --chain=privatenet --payment=${p2} --from=${RELAY2} --password=qwertyuiop`,
    );
    const payer = await until(async () => {
      const a = json<AccountJson>(await thetacli(`query account --address=${FROM}`));
      return a.reserved_funds[0]?.used_fund.tfuelwei === (70n * E18).toString() ? a : undefined;
    }, 300);
    expect(BigInt(payer.reserved_funds[0]!.used_fund.tfuelwei)).toBe(70n * E18);
    const relay1After = json<AccountJson>(await thetacli(`query account --address=${RELAY1}`));
    // The relay received 30 TFuel and paid the 0.3 TFuel settlement fee.
    expect(BigInt(relay1After.coins.tfuelwei) - BigInt(relay1Before.coins.tfuelwei)).toBe(
      30n * E18 - 3n * 10n ** 17n,
    );

    // 30 TFuel remain in the pool: a second payment sequence asking 31 is refused by the relay.
    const over = await thetacli(
      `micropayment pay --chain=privatenet --from=${FROM} --to=${RELAY1} --reserve_seq=4 --resource_id=rid1000001 --amount=31 --payment_seq=2 --password=qwertyuiop`,
    );
    const overHex = /payment: ([0-9a-f]+)/.exec(over)![1]!;
    const refused = await cli(
      [
        "micropayment",
        "verify",
        "--chain=privatenet",
        `--payment=${overHex}`,
        `--relay=${RELAY1}`,
        `--config=${CLI_CONFIG}`,
      ],
      [],
      env,
    );
    expect(refused.code).toBe(1);
    expect(refused.err.join("\n")).toMatch(/MP_POOL_CANNOT_COVER/);
  }, 180_000);
});
