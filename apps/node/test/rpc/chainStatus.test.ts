import { bytesToPrefixedHex, EMPTY_CODE_HASH, MAINNET_HEADER_FORKS } from "@theta/core-types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerChainRpc } from "../../src/rpc/registerChainRpc.ts";
import { createRpcRegistry } from "../../src/rpc/registry.ts";
import { toStoredBlock } from "../../src/rpc/storedBlock.ts";
import { crypto, GENESIS_HASH, GENESIS_HEADER, RECEIVER, VALIDATOR } from "./chain/chainData.ts";
import { createFakeChain } from "./chain/fakeChain.ts";
import { type Harness, startHarness } from "./chain/harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.server.close();
});

describe("genesis header (spec vector, docs/interfaces.md §5.1)", () => {
  it("hashes to the privatenet genesis hash, also through toStoredBlock", () => {
    const vector = "0x45c579eb4d435ffcd37f0f76beaa772072cea146c4ecec2e52066904b80f4e0a";
    expect(bytesToPrefixedHex(GENESIS_HASH)).toBe(vector);
    const stored = toStoredBlock(
      { block: { header: GENESIS_HEADER, txs: [] }, children: [], status: 6, hasValidatorUpdate: false },
      { keccak256: crypto.keccak256, forks: MAINNET_HEADER_FORKS },
    );
    expect(bytesToPrefixedHex(stored.hash)).toBe(vector);
    expect(stored.txs).toEqual([]);
  });
});

describe("theta.GetStatus", () => {
  it("prints the reference's members in order, the node address in EIP-55", async () => {
    const r = (await h.result("theta.GetStatus")) as Record<string, unknown>;
    expect(Object.keys(r)).toEqual([
      "address",
      "chain_id",
      "peer_id",
      "latest_finalized_block_hash",
      "latest_finalized_block_height",
      "latest_finalized_block_time",
      "latest_finalized_block_epoch",
      "current_epoch",
      "current_height",
      "current_hash",
      "current_time",
      "syncing",
      "tip_hash",
      "genesis_block_hash",
      "snapshot_block_height",
      "snapshot_block_hash",
      "latest_guardian_finalized_block_hash",
      "latest_guardian_finalized_block_height",
    ]);
    expect(r.address).toBe("0x2E833968E5bB786Ae419c4d13189fB081Cc43bab");
    expect(r.chain_id).toBe("privatenet");
    expect(r.genesis_block_hash).toBe("0x45c579eb4d435ffcd37f0f76beaa772072cea146c4ecec2e52066904b80f4e0a");
    expect(r.latest_finalized_block_hash).toBe(bytesToPrefixedHex(h.chain.b1.hash));
    expect(r.latest_finalized_block_height).toBe("1");
    expect(r.latest_finalized_block_time).toBe("1549056900");
    expect(r.current_height).toBe("2");
    expect(r.syncing).toBe(false);
    expect(r.latest_guardian_finalized_block_hash).toBe(`0x${"0".repeat(64)}`);
  });

  it("accepts list-style and named-style empty params alike", async () => {
    const a = await h.result("theta.GetStatus", []);
    const b = await h.result("theta.GetStatus", {});
    const c = await h.result("theta.GetStatus", [{}]);
    expect(a).toEqual(b);
    expect(c).toEqual(b);
  });
});

describe("theta.GetAccount", () => {
  const validatorHex = bytesToPrefixedHex(VALIDATOR);

  it("prints the account without an address member, amounts as decimal strings", async () => {
    const r = (await h.result("theta.GetAccount", { address: validatorHex })) as Record<string, unknown>;
    expect(Object.keys(r)).toEqual([
      "sequence",
      "coins",
      "reserved_funds",
      "last_updated_block_height",
      "root",
      "code",
    ]);
    expect(r.coins).toEqual({
      thetawei: "12500000000000000000000000",
      tfuelwei: "312500000000000000000000000",
    });
    expect(r.code).toBe(bytesToPrefixedHex(EMPTY_CODE_HASH));
    expect(r.code).toBe("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    expect(r.reserved_funds).toEqual([]);
  });

  it("reads plain-string addresses leniently: no prefix, upper case, EIP-55", async () => {
    const forms = [
      validatorHex.slice(2),
      validatorHex.toUpperCase().replace("0X", "0x"),
      crypto.toChecksumAddress(VALIDATOR),
    ];
    const expected = await h.result("theta.GetAccount", { address: validatorHex });
    for (const address of forms) expect(await h.result("theta.GetAccount", { address })).toEqual(expected);
  });

  it("reads a finalized height and reports the reference's errors for the others", async () => {
    const r = (await h.result("theta.GetAccount", {
      address: bytesToPrefixedHex(RECEIVER),
      height: "1",
    })) as {
      coins: unknown;
    };
    expect(r.coins).toEqual({
      thetawei: "62500000000000000000000000",
      tfuelwei: "312500000000000000000000000",
    });
    const missing = "0x0000000000000000000000000000000000000001";
    expect(await h.error("theta.GetAccount", {})).toEqual({
      code: -32000,
      message: "Address must be specified",
    });
    expect(await h.error("theta.GetAccount", { address: missing })).toEqual({
      code: -32000,
      message: "Account with address 0x0000000000000000000000000000000000000001 is not found",
    });
    expect((await h.error("theta.GetAccount", { address: validatorHex, height: "7" })).message).toBe(
      "Historical data at given height is not available on current node",
    );
    expect((await h.error("theta.GetAccount", { address: validatorHex, height: "2" })).message).toBe(
      "Account with address 0x2E833968E5bB786Ae419c4d13189fB081Cc43bab at height 2 is not found",
    );
    expect((await h.error("theta.GetAccount", { address: validatorHex, height: "1000" })).message).toBe(
      "the account details for height 1000 is not available, it might have been pruned",
    );
  });

  it("refuses a numeric height, a negative one and a non-string address with -32602", async () => {
    for (const params of [
      { address: validatorHex, height: 1 },
      { address: validatorHex, height: "-1" },
      { address: validatorHex, height: "18446744073709551616" },
      { address: 5 },
      { address: validatorHex, preview: "yes" },
    ]) {
      const e = await h.error("theta.GetAccount", params);
      expect(e.code).toBe(-32602);
    }
    expect((await h.error("theta.GetAccount", { address: validatorHex, height: 1 })).message).toContain(
      "Uint64 must be formatted as string",
    );
  });
});

describe("theta.GetSplitRule", () => {
  it("prints a rule, {} for an unknown id, and requires the id", async () => {
    expect(await h.result("theta.GetSplitRule", { resource_id: "rid1000001" })).toEqual({
      initiator_address: bytesToPrefixedHex(VALIDATOR),
      resource_id: "rid1000001",
      splits: [{ Address: "0x0d2fd67d573c8ecb4161510fc00754d64b401f86", Percentage: 30 }],
      end_block_height: "1004",
    });
    expect(await h.result("theta.GetSplitRule", { resource_id: "nope" })).toEqual({});
    expect(await h.error("theta.GetSplitRule", {})).toEqual({
      code: -32000,
      message: "ResourceID must be specified",
    });
  });
});

describe("theta.GetStatus before any finalized block", () => {
  it("prints the zero hash, height 0 and a null finalized time", async () => {
    const chain = createFakeChain();
    const registry = createRpcRegistry();
    registerChainRpc(registry, {
      ...chain,
      status: async () => ({ ...(await chain.status()), latestFinalized: undefined }),
    });
    const out = await registry.dispatch("theta.GetStatus", undefined, {
      signal: new AbortController().signal,
    });
    expect(out).toMatchObject({
      result: {
        latest_finalized_block_hash: `0x${"0".repeat(64)}`,
        latest_finalized_block_height: "0",
        latest_finalized_block_time: null,
        latest_finalized_block_epoch: "0",
      },
    });
  });
});
