/**
 * The elite-edge-node commands end to end: the test starts `theta` on a copy of the privatenet
 * fixture, stakes TFuel in two elite edge nodes with `tx deposit --purpose=2` (the holders' EEN
 * summaries as `--holder`, with `--path`), withdraws one, sets a reward split with
 * `tx distribute_staking_reward`, reserves a fund without `--resource_ids`, and reads it all back
 * with `query eenp | eenp_stake | srdrs | stake_returns | chain_of_blocks`.
 */
import { rm } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { FIXTURE_NODE } from "../../node/test/cli/runTheta.ts";
import { copyNodeDir, startTestNode, type TestNode } from "../../node/test/e2e/node.ts";
import { eenSummaryOf } from "../../node/test/rpc/een/eenTxs.ts";
import { cli } from "./helpers.ts";

const here = dirname(fileURLToPath(import.meta.url));
const CLI_CONFIG = resolve(here, "../../../fixtures/privatenet/thetacli");
const E18 = 10n ** 18n;
const SOURCE = "0d2fD67d573c8ecB4161510fc00754d64B401F86";
const EEN = "21cA457E6E34162654aDEe28bcf235ebE5eee5De";
const EEN2 = "a5cdB2B0306518fb37b28bb63A1B2590FdE9b747";
const lower = (a: string) => `0x${a.toLowerCase()}`;

let node: TestNode;
let env: NodeJS.ProcessEnv;
let height = "0";

/** Runs one thetacli command line against the node; it must succeed. Returns stdout as text. */
async function thetacli(line: string): Promise<string> {
  const r = await cli([...line.split(" "), `--config=${CLI_CONFIG}`], [], env);
  expect({ line, code: r.code, err: r.err }).toEqual({ line, code: 0, err: [] });
  return r.out.join("\n");
}
const json = <T>(text: string): T => JSON.parse(text.slice(text.indexOf("{"))) as T;
const seqOf = async (address: string) =>
  BigInt(json<{ sequence: string }>(await thetacli(`query account --address=${address}`)).sequence);
const tx = (line: string) => thetacli(`tx ${line} --chain=privatenet --password=qwertyuiop`);

beforeAll(async () => {
  const dir = await copyNodeDir(FIXTURE_NODE, "thetacli-een-");
  node = await startTestNode(dir);
  env = { REMOTERPCENDPOINT: `http://127.0.0.1:${node.port}/rpc` };
  return async () => {
    node.child.kill("SIGTERM");
    await node.exited;
    await rm(dirname(dir), { recursive: true, force: true });
  };
}, 180_000);

describe("elite edge node staking with thetacli against a running node", () => {
  let withdrawnAt = 0n;

  it("deposits, withdraws and sets a reward split; eenp and eenp_stake show the stakes", async () => {
    const s = await seqOf(SOURCE);
    const path = "--path=m/44'/500'/0'/0/0";
    expect(
      await tx(
        `deposit --source=${SOURCE} --holder=${eenSummaryOf(EEN)} --stake=10000 --purpose=2 --seq=${s + 1n} ${path}`,
      ),
    ).toBe("Successfully broadcasted transaction.");
    await tx(
      `deposit --source=${SOURCE} --holder=${eenSummaryOf(EEN2)} --stake=20000 --purpose=2 --seq=${s + 2n}`,
    );
    await tx(`withdraw --source=${SOURCE} --holder=${EEN2} --purpose=2 --seq=${s + 3n} ${path}`);
    withdrawnAt = BigInt(
      json<{ latest_finalized_block_height: string }>(await thetacli("query status"))
        .latest_finalized_block_height,
    );
    await tx(
      `distribute_staking_reward --holder=${EEN} --beneficiary=${SOURCE} --split_basis_point=500 --seq=${(await seqOf(EEN)) + 1n} ${path}`,
    );
    height = json<{ latest_finalized_block_height: string }>(
      await thetacli("query status"),
    ).latest_finalized_block_height;

    const eenp = json<{
      BlockHashEenpPairs: { EENs: { Holder: string; Stakes: { amount: string; withdrawn: boolean }[] }[] }[];
    }>(await thetacli(`query eenp --height=${height}`));
    const eens = eenp.BlockHashEenpPairs[0]!.EENs;
    expect(eens.map((e) => e.Holder)).toEqual([lower(EEN), lower(EEN2)].sort());
    const byHolder = new Map(eens.map((e) => [e.Holder, e.Stakes]));
    expect(byHolder.get(lower(EEN))).toMatchObject([{ amount: String(10_000n * E18), withdrawn: false }]);
    expect(byHolder.get(lower(EEN2))).toMatchObject([{ amount: String(20_000n * E18), withdrawn: true }]);

    const stake = json<{ stake: Record<string, unknown> }>(
      await thetacli(`query eenp_stake --source=${SOURCE} --holder=${EEN} --height=${height}`),
    );
    expect(stake.stake).toEqual({
      amount: String(10_000n * E18),
      return_height: "18446744073709551615",
      source: lower(SOURCE),
      withdrawn: false,
    });
    const refused = await cli(
      [
        "query",
        "eenp_stake",
        `--source=${SOURCE}`,
        `--holder=${EEN}`,
        `--height=${height}`,
        "--withdrawn_only",
        `--config=${CLI_CONFIG}`,
      ],
      [],
      env,
    );
    expect(refused.code).toBe(1);
    expect(refused.err).toEqual([`Failed to get eenp stake: -32000: Cannot get stake for: 0x${SOURCE}`]);
  }, 180_000);

  it("srdrs shows the split; stake_returns the withdrawn stake's pending return", async () => {
    const srdrs = json<{
      BlockHashStakeRewardDistributionRuleSetPairs: { StakeRewardDistributionRuleSet: unknown[] }[];
    }>(await thetacli(`query srdrs --height=${height} --address=${EEN}`));
    expect(srdrs.BlockHashStakeRewardDistributionRuleSetPairs[0]!.StakeRewardDistributionRuleSet).toEqual([
      { Beneficiary: lower(SOURCE), SplitBasisPoint: 500, StakeHolder: lower(EEN) },
    ]);
    const pending = json<{
      EENHeightStakeReturnsPairs: { HeightKey: string; EENStakeReturns: { Holder: string }[] }[];
    }>(await thetacli("query stake_returns"));
    expect(pending.EENHeightStakeReturnsPairs).toHaveLength(1);
    const key = pending.EENHeightStakeReturnsPairs[0]!.HeightKey;
    const returnHeight = BigInt(key.slice("ls/eensrk/".length));
    // Withdrawn in a block at or below the height status showed right after: parent height + 28800.
    expect(returnHeight).toBeLessThanOrEqual(withdrawnAt - 1n + 28_800n);
    expect(returnHeight).toBeGreaterThan(28_800n);
    const at = json<{ EENStakeReturns: { Holder: string }[] }>(
      await thetacli(`query stake_returns --height=${returnHeight}`),
    );
    expect(at.EENStakeReturns.map((r) => r.Holder)).toEqual([lower(EEN2)]);
    expect(await thetacli("query stake_returns --purpose=1")).toBe(
      "Only support querying stake return for elite edge nodes (purpose=2) for now",
    );
  });

  it("chain_of_blocks walks up to the finalized parent by default and down with --upstream=false", async () => {
    const hashAt = async (h: bigint) =>
      json<{ hash: string }>(await thetacli(`query block --height=${h}`)).hash;
    const top = BigInt(height);
    const up = json<{ Blocks: string[] }>(
      await thetacli(`query chain_of_blocks --hash=${await hashAt(top)}`),
    );
    expect(up.Blocks).toEqual([await hashAt(top), await hashAt(top - 1n)]);
    const down = json<{ Blocks: string[] }>(
      await thetacli(`query chain_of_blocks --hash=${await hashAt(top - 2n)} --upstream=false`),
    );
    expect(down.Blocks.slice(0, 3)).toEqual([
      await hashAt(top - 2n),
      await hashAt(top - 1n),
      await hashAt(top),
    ]);
    expect(down.Blocks.at(-1)).toMatch(/^0x0[01]0{62}$/);
  });

  it("tx reserve without --resource_ids reserves a fund with no resource ids", async () => {
    const s = await seqOf(EEN2);
    await tx(`reserve --from=${EEN2} --fund=1 --collateral=2 --duration=1000 --seq=${s + 1n}`);
    const acc = json<{ reserved_funds: { resource_ids: string[] | null; reserve_sequence: string }[] }>(
      await thetacli(`query account --address=${EEN2}`),
    );
    expect(acc.reserved_funds).toHaveLength(1);
    expect(acc.reserved_funds[0]!.reserve_sequence).toBe(String(s + 1n));
    expect(acc.reserved_funds[0]!.resource_ids ?? []).toEqual([]);
  }, 60_000);
});
