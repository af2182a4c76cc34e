/**
 * theta.GetEenpByHeight, GetEenpStakeByHeight, GetStakeRewardDistributionByHeight,
 * GetEliteEdgeNodeStakeReturnsByHeight and GetAllPendingEliteEdgeNodeStakeReturns over the fake
 * chain: member names, order and encodings as docs/interfaces.md §1.3–1.4 give them (amounts and
 * heights as decimal strings, addresses `0x` + lower-case hex, SplitBasisPoint a bare number),
 * checked on the raw reply text; errors name the bad argument.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BENEFICIARY, EEN_HOLDER, EEN_HOLDER_2, STAKE_SOURCE } from "./chain/fakeExtras.ts";
import { type Harness, startHarness } from "./chain/harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.server.close();
});

const hex = (b: Uint8Array) => `0x${Buffer.from(b).toString("hex")}`;
const resultText = async (method: string, params?: unknown): Promise<string> => {
  const { raw } = await h.call(method, params);
  const m = /"result":(.*)}\n$/s.exec(raw.body);
  if (m === null) throw new Error(`no result in ${raw.body}`);
  return m[1]!;
};
/** The spec's stake shape (docs/interfaces.md §1.4 method 13): lower-case members, strings. */
const stakeText = (source: string, amount: string, withdrawn: boolean, returnHeight: string) =>
  `{"source":"${source}","amount":"${amount}","withdrawn":${withdrawn},"return_height":"${returnHeight}"}`;
const FRESH = "18446744073709551615";

describe("theta.GetEenpByHeight", () => {
  it("answers the best block's pool with the spec's member names and encodings", async () => {
    const text = await resultText("theta.GetEenpByHeight", { height: "1" });
    expect(text).toBe(
      `{"BlockHashEenpPairs":[{"BlockHash":"${hex(h.chain.b1.hash)}","EENs":[` +
        `{"Holder":"${hex(EEN_HOLDER)}","Stakes":[${stakeText(hex(STAKE_SOURCE), "10000000000000000000000", false, FRESH)}]},` +
        `{"Holder":"${hex(EEN_HOLDER_2)}","Stakes":[${stakeText(hex(STAKE_SOURCE), "20000000000000000000000", true, "28801")}]}]}]}`,
    );
  });

  it("is an empty list for a height without blocks, an error for pruned state and a bare number", async () => {
    expect(await h.result("theta.GetEenpByHeight", { height: "5" })).toEqual({ BlockHashEenpPairs: [] });
    expect(await h.error("theta.GetEenpByHeight", { height: "1000" })).toEqual({
      code: -32000,
      message: "the EENP for height 1000 does not exists, it might have been pruned",
    });
    const bad = await h.error("theta.GetEenpByHeight", { height: 1 });
    expect(bad.code).toBe(-32602);
    expect(bad.message).toContain('"height"');
    expect(bad.message).toContain("Uint64 must be formatted as string");
  });
});

describe("theta.GetEenpStakeByHeight", () => {
  const args = { height: "1", source: hex(STAKE_SOURCE), holder: hex(EEN_HOLDER) };

  it("answers {stake} with the spec's stake shape", async () => {
    expect(await resultText("theta.GetEenpStakeByHeight", args)).toBe(
      `{"stake":${stakeText(hex(STAKE_SOURCE), "10000000000000000000000", false, FRESH)}}`,
    );
  });

  it("with withdrawn_only finds only withdrawn stakes", async () => {
    expect(await h.error("theta.GetEenpStakeByHeight", { ...args, withdrawn_only: true })).toEqual({
      code: -32000,
      message: "Cannot get stake for: 0x2E833968E5bB786Ae419c4d13189fB081Cc43bab",
    });
    const w = (await h.result("theta.GetEenpStakeByHeight", {
      ...args,
      holder: hex(EEN_HOLDER_2),
      withdrawn_only: true,
    })) as { stake: { withdrawn: boolean; return_height: string } };
    expect(w.stake).toMatchObject({ withdrawn: true, return_height: "28801" });
  });

  it("names the missing block, holder and stake as the reference does", async () => {
    expect((await h.error("theta.GetEenpStakeByHeight", { ...args, height: "5" })).message).toBe(
      "Can't find block for height 5",
    );
    expect((await h.error("theta.GetEenpStakeByHeight", { ...args, holder: hex(BENEFICIARY) })).message).toBe(
      "Can't find EENP stake for: 0x9F1233798E905E173560071255140b4A8aBd3Ec6",
    );
    expect((await h.error("theta.GetEenpStakeByHeight", { ...args, height: "1000" })).message).toBe(
      "the EENP for height 1000 does not exists, it might have been pruned",
    );
  });

  it("takes source and holder as typed addresses: 0x and 40 hex digits", async () => {
    const short = await h.error("theta.GetEenpStakeByHeight", { ...args, holder: "0x511f" });
    expect(short).toEqual({
      code: -32602,
      message: 'invalid argument "holder": hex string has length 4, want 40 for common.Address',
    });
    const bare = await h.error("theta.GetEenpStakeByHeight", { ...args, source: hex(STAKE_SOURCE).slice(2) });
    expect(bare.message).toBe('invalid argument "source": hex string without 0x prefix');
    expect((await h.error("theta.GetEenpStakeByHeight", { ...args, source: "" })).message).toBe(
      'invalid argument "source": hex string has length 0, want 40 for common.Address',
    );
    // Mixed case is fine for a typed address.
    const upper = `0x${hex(EEN_HOLDER).slice(2).toUpperCase()}`;
    expect(await h.result("theta.GetEenpStakeByHeight", { ...args, holder: upper })).toHaveProperty("stake");
  });
});

describe("theta.GetStakeRewardDistributionByHeight", () => {
  it("lists every rule of every block at the height, SplitBasisPoint as a number", async () => {
    expect(await resultText("theta.GetStakeRewardDistributionByHeight", { height: "1" })).toBe(
      `{"BlockHashStakeRewardDistributionRuleSetPairs":[{"BlockHash":"${hex(h.chain.b1.hash)}","StakeRewardDistributionRuleSet":[` +
        `{"StakeHolder":"${hex(EEN_HOLDER)}","Beneficiary":"${hex(BENEFICIARY)}","SplitBasisPoint":500},` +
        `{"StakeHolder":"${hex(EEN_HOLDER_2)}","Beneficiary":"${hex(STAKE_SOURCE)}","SplitBasisPoint":1000}]}]}`,
    );
  });

  it("with address (a lenient plain string) holds that holder's rule, or null", async () => {
    const one = (await h.result("theta.GetStakeRewardDistributionByHeight", {
      height: "2",
      address: "511F5B5AF946EDCA88217EB9404477A95CB5C3F4",
    })) as {
      BlockHashStakeRewardDistributionRuleSetPairs: {
        BlockHash: string;
        StakeRewardDistributionRuleSet: unknown[];
      }[];
    };
    expect(one.BlockHashStakeRewardDistributionRuleSetPairs).toEqual([
      {
        BlockHash: hex(h.chain.b2.hash),
        StakeRewardDistributionRuleSet: [
          { StakeHolder: hex(EEN_HOLDER), Beneficiary: hex(BENEFICIARY), SplitBasisPoint: 500 },
        ],
      },
    ]);
    const none = await resultText("theta.GetStakeRewardDistributionByHeight", {
      height: "2",
      address: hex(BENEFICIARY),
    });
    expect(none).toContain('"StakeRewardDistributionRuleSet":[null]');
  });

  it("is empty for a height without blocks; pruned state is an error", async () => {
    expect(await h.result("theta.GetStakeRewardDistributionByHeight", { height: "7" })).toEqual({
      BlockHashStakeRewardDistributionRuleSetPairs: [],
    });
    expect((await h.error("theta.GetStakeRewardDistributionByHeight", { height: "1000" })).message).toBe(
      "the EENP for height 1000 does not exists, it might have been pruned",
    );
    const bad = await h.error("theta.GetStakeRewardDistributionByHeight", { height: "1", address: 5 });
    expect(bad).toEqual({ code: -32602, message: 'invalid argument "address": expected a JSON string' });
  });
});

describe("EEN stake returns", () => {
  const entry = `{"Holder":"${hex(EEN_HOLDER_2)}","Stake":${stakeText(hex(STAKE_SOURCE), "20000000000000000000000", true, "28801")}}`;

  it("GetEliteEdgeNodeStakeReturnsByHeight answers {EENStakeReturns}, [] when none", async () => {
    expect(await resultText("theta.GetEliteEdgeNodeStakeReturnsByHeight", { height: "28801" })).toBe(
      `{"EENStakeReturns":[${entry}]}`,
    );
    expect(await resultText("theta.GetEliteEdgeNodeStakeReturnsByHeight", { height: "3" })).toBe(
      `{"EENStakeReturns":[]}`,
    );
  });

  it("GetAllPendingEliteEdgeNodeStakeReturns answers the lists with their state keys", async () => {
    expect(await resultText("theta.GetAllPendingEliteEdgeNodeStakeReturns", {})).toBe(
      `{"EENHeightStakeReturnsPairs":[{"HeightKey":"ls/eensrk/28801","EENStakeReturns":[${entry}]}]}`,
    );
  });
});
