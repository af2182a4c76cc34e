/**
 * The contract dry run (docs/interfaces.md §7.4): a gas limit at the maximum runs, one above it comes
 * back as an empty "invalid gas limit" result, the block fields reach the runtime, and a height
 * before the SmartContract fork is refused naming both heights.
 */
import { deriveProfile, maxGasLimit, privatenet, ZERO_ADDRESS } from "@theta/core-types";
import { describe, expect, it } from "vitest";
import { DryRunErrorCode, dryRunContract } from "../../src/execution/contractDryRun.ts";
import type { ContractRuntime } from "../../src/ports.ts";
import { contractTx, PROPOSER, setup } from "../helpers/contractTxFixture.ts";

const H = 100n;

describe("dryRunContract", () => {
  it("a gas limit at the maximum runs; one above is an empty invalid-gas-limit result", async () => {
    const { ctx, state, runtime } = await setup(privatenet, H);
    const env = { state, profile: privatenet, height: H, runtime, block: ctx.block! };
    const max = maxGasLimit(privatenet, H);
    const at = await dryRunContract(env, contractTx(privatenet, H, { gasLimit: max }, false));
    expect(at.ok && at.value.vmError).toBe("");
    const over = await dryRunContract(env, contractTx(privatenet, H, { gasLimit: max + 1n }, false));
    expect(over).toEqual({
      ok: true,
      value: {
        returnValue: new Uint8Array(0),
        contractAddress: ZERO_ADDRESS,
        gasUsed: 0n,
        vmError: "invalid gas limit",
        logs: [],
      },
    });
  });

  it("passes the height, the parent timestamp, the proposer and the chain id to the runtime", async () => {
    const { state, runtime } = await setup(privatenet, H);
    const seen: unknown[] = [];
    const spy: ContractRuntime = {
      run: (s, call, block) => {
        seen.push(block);
        return runtime.run(s, call, block);
      },
    };
    const env = {
      state,
      profile: privatenet,
      height: H,
      runtime: spy,
      block: { parentTimestamp: 77n, proposer: PROPOSER },
    };
    await dryRunContract(env, contractTx(privatenet, H, {}, false));
    expect(seen).toEqual([
      { height: H, parentTimestamp: 77n, proposer: PROPOSER, chainId: privatenet.chainId },
    ]);
  });

  it("before the SmartContract fork it is refused, naming the height and the fork", async () => {
    const profile = deriveProfile(privatenet, {
      name: "late",
      chainId: "privatenet",
      heights: { ...privatenet.heights, enableSmartContract: H + 5n },
    });
    const { ctx, state, runtime } = await setup(profile, H);
    const r = await dryRunContract(
      { state, profile, height: H, runtime, block: ctx.block! },
      contractTx(profile, H, {}, false),
    );
    expect(r.ok ? undefined : [r.code, r.message]).toEqual([
      DryRunErrorCode.NotEnabled,
      `smart contracts: not enabled at height ${H} (from ${H + 5n})`,
    ]);
  });
});
