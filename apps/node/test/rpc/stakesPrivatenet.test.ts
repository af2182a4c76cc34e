/**
 * The elite-edge-node, reward-distribution, stake-return and trace methods on a real `theta` node
 * started by the test on a copy of the privatenet fixture: two EEN deposits, a withdrawal and a
 * reward distribution rule go through BroadcastRawTransaction, then every method answers with the
 * spec's shapes (docs/interfaces.md §1.4 methods 6, 16–20) and values that follow from those txs.
 */
import { rm } from "node:fs/promises";
import { dirname } from "node:path";
import { bytesToHex } from "@theta/core-types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PRIVATENET_TEST_KEYS, PRIVATENET_VALIDATOR } from "../../src/genesis/privatenet.ts";
import { FIXTURE_NODE } from "../cli/runTheta.ts";
import { copyNodeDir, startTestNode, type TestNode } from "../e2e/node.ts";
import { E18 } from "../e2e/txs.ts";
import { eenDepositTx, eenWithdrawTx, rewardDistributionTx } from "./een/eenTxs.ts";

const CHAIN = "privatenet";
const [A, B, C] = PRIVATENET_TEST_KEYS.filter((k) => k.address !== PRIVATENET_VALIDATOR).map(
  (k) => k.address,
);
const lower = (a: string) => `0x${a.toLowerCase()}`;
const FRESH = "18446744073709551615";
/** docs/ledger.md §2.7: ReturnLockingPeriod. */
const LOCK = 28_800n;

let node: TestNode;
let dir: string;
let withdrawBlockHeight = 0n;
let height = "0";

interface Stake {
  source: string;
  amount: string;
  withdrawn: boolean;
  return_height: string;
}

const seqOf = async (address: string) =>
  BigInt((await node.call<{ sequence: string }>("theta.GetAccount", { address })).sequence);
const submit = async (raw: Uint8Array) =>
  node.call<{ hash: string; block: { Height: number } }>("theta.BroadcastRawTransaction", {
    tx_bytes: bytesToHex(raw),
  });

beforeAll(async () => {
  dir = await copyNodeDir(FIXTURE_NODE, "theta-rpc-een-");
  node = await startTestNode(dir);
  const seqA = (await seqOf(A!)) + 1n;
  await submit(eenDepositTx(CHAIN, A!, B!, 20_000n * E18, seqA));
  await submit(eenDepositTx(CHAIN, A!, C!, 10_000n * E18, seqA + 1n));
  const w = await submit(eenWithdrawTx(CHAIN, A!, B!, seqA + 2n));
  withdrawBlockHeight = BigInt(w.block.Height);
  const r = await submit(rewardDistributionTx(CHAIN, C!, A!, 500n, (await seqOf(C!)) + 1n));
  height = String(r.block.Height);
}, 180_000);
afterAll(async () => {
  node.child.kill("SIGTERM");
  await node.exited;
  await rm(dirname(dir), { recursive: true, force: true });
});

describe("elite edge node reads on the privatenet", () => {
  it("GetEenpByHeight lists both elite edge nodes by address with their stakes", async () => {
    const block = await node.call<{ hash: string }>("theta.GetBlockByHeight", { height });
    const r = await node.call<{ BlockHashEenpPairs: { BlockHash: string; EENs: unknown[] }[] }>(
      "theta.GetEenpByHeight",
      { height },
    );
    const returnHeight = String(withdrawBlockHeight - 1n + LOCK);
    const expected = [
      {
        Holder: lower(B!),
        Stakes: [
          { source: lower(A!), amount: String(20_000n * E18), withdrawn: true, return_height: returnHeight },
        ],
      },
      {
        Holder: lower(C!),
        Stakes: [
          { source: lower(A!), amount: String(10_000n * E18), withdrawn: false, return_height: FRESH },
        ],
      },
    ].sort((x, y) => (x.Holder < y.Holder ? -1 : 1));
    expect(r).toEqual({ BlockHashEenpPairs: [{ BlockHash: block.hash, EENs: expected }] });
  });

  it("GetEenpStakeByHeight finds one stake; withdrawn_only only the withdrawn one", async () => {
    const args = { height, source: lower(A!), holder: lower(C!) };
    const r = await node.call<{ stake: Stake }>("theta.GetEenpStakeByHeight", args);
    expect(r.stake).toEqual({
      source: lower(A!),
      amount: String(10_000n * E18),
      withdrawn: false,
      return_height: FRESH,
    });
    const refused = await node.raw("theta.GetEenpStakeByHeight", { ...args, withdrawn_only: true });
    expect(refused.error?.message).toBe(`Cannot get stake for: 0x${A}`);
    const w = await node.call<{ stake: Stake }>("theta.GetEenpStakeByHeight", {
      ...args,
      holder: lower(B!),
      withdrawn_only: true,
    });
    expect(w.stake.withdrawn).toBe(true);
    const before = await node.raw("theta.GetEenpStakeByHeight", { ...args, height: "1" });
    expect(before.error?.message).toBe(`Can't find EENP stake for: 0x${C}`);
  });

  it("GetStakeRewardDistributionByHeight answers the rule set at the height, all or one holder's", async () => {
    const block = await node.call<{ hash: string }>("theta.GetBlockByHeight", { height });
    const rule = { StakeHolder: lower(C!), Beneficiary: lower(A!), SplitBasisPoint: 500 };
    expect(await node.call("theta.GetStakeRewardDistributionByHeight", { height })).toEqual({
      BlockHashStakeRewardDistributionRuleSetPairs: [
        { BlockHash: block.hash, StakeRewardDistributionRuleSet: [rule] },
      ],
    });
    const one = await node.call("theta.GetStakeRewardDistributionByHeight", { height, address: C });
    expect(one).toEqual({
      BlockHashStakeRewardDistributionRuleSetPairs: [
        { BlockHash: block.hash, StakeRewardDistributionRuleSet: [rule] },
      ],
    });
    const none = await node.call<{
      BlockHashStakeRewardDistributionRuleSetPairs: { StakeRewardDistributionRuleSet: unknown[] }[];
    }>("theta.GetStakeRewardDistributionByHeight", { height, address: B });
    expect(none.BlockHashStakeRewardDistributionRuleSetPairs[0]!.StakeRewardDistributionRuleSet).toEqual([
      null,
    ]);
  });

  it("the withdrawn stake is pending return at withdrawal parent height + 28800", async () => {
    const at = withdrawBlockHeight - 1n + LOCK;
    const entry = {
      Holder: lower(B!),
      Stake: { source: lower(A!), amount: String(20_000n * E18), withdrawn: true, return_height: String(at) },
    };
    expect(await node.call("theta.GetEliteEdgeNodeStakeReturnsByHeight", { height: String(at) })).toEqual({
      EENStakeReturns: [entry],
    });
    expect(
      await node.call("theta.GetEliteEdgeNodeStakeReturnsByHeight", { height: String(at + 1n) }),
    ).toEqual({
      EENStakeReturns: [],
    });
    expect(await node.call("theta.GetAllPendingEliteEdgeNodeStakeReturns")).toEqual({
      EENHeightStakeReturnsPairs: [{ HeightKey: `ls/eensrk/${at}`, EENStakeReturns: [entry] }],
    });
  });
});

describe("theta.TraceBlocks on the privatenet", () => {
  it("upstream stops at the finalized parent; downstream follows the chain to its tip", async () => {
    const hashAt = async (h: bigint) =>
      (await node.call<{ hash: string }>("theta.GetBlockByHeight", { height: String(h) })).hash;
    const top = BigInt(height);
    const up = await node.call<{ Blocks: string[] }>("theta.TraceBlocks", {
      hash: await hashAt(top),
      upstream: true,
    });
    expect(up.Blocks).toEqual([await hashAt(top), await hashAt(top - 1n)]);
    const down = await node.call<{ Blocks: string[] }>("theta.TraceBlocks", { hash: await hashAt(top - 3n) });
    expect(down.Blocks.length).toBeGreaterThanOrEqual(5);
    for (let i = 0; i < 4; i++) expect(down.Blocks[i]).toBe(await hashAt(top - 3n + BigInt(i)));
    expect(down.Blocks.at(-1)).toBe(`0x${"0".repeat(64)}`);
  });
});
