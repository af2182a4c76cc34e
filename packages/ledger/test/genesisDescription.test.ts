import { bytesToHex, isThetaError, parseAddress, StateKey } from "@theta/core-types";
import { createCrypto, nobleBackend } from "@theta/crypto";
import { describe, expect, it } from "vitest";
import { StateErrorCode } from "../src/state/errors.ts";
import { buildGenesis } from "../src/state/genesisDescription.ts";
import { sortVcpCandidates } from "../src/state/vcpOrder.ts";
import { createMemoryTrieDatabase } from "./helpers/memoryTrie.ts";

const crypto = createCrypto(nobleBackend);
const checksum = (a: Uint8Array) => crypto.toChecksumAddress(a);
const A = "0x2E833968E5bB786Ae419c4d13189fB081Cc43bab";
const B = "0x9F1233798E905E173560071255140b4A8aBd3Ec6";
const C = "0x511f5b5af946edca88217eb9404477a95cb5c3f4";

describe("genesis from a description", () => {
  it("writes balances, a sorted VCP and the height list", async () => {
    const db = await createMemoryTrieDatabase();
    const { state, root } = await buildGenesis(
      { db, checksum },
      {
        balances: [
          { address: A, thetaWei: "10", tfuelWei: "50" },
          { address: B, thetaWei: "7", tfuelWei: "0" },
          { address: A, thetaWei: "1", tfuelWei: "0" },
        ],
        validatorStakes: [
          { source: A, holder: B, thetaWei: "100" },
          { source: A, holder: C, thetaWei: "100" },
          { source: B, holder: A, thetaWei: "300" },
        ],
      },
    );
    expect(bytesToHex(root)).toBe(bytesToHex(await state.root()));
    expect((await state.getAccount(parseAddress(A)))?.balance).toEqual({ thetaWei: 11n, tfuelWei: 50n });
    expect((await state.getAccount(parseAddress(B)))?.balance).toEqual({ thetaWei: 7n, tfuelWei: 0n });
    const vcp = await state.getVcp();
    // A has the largest stake; B and C tie at 100 and sort by checksummed string, descending.
    expect(vcp.sortedCandidates.map((c) => checksum(c.holder))).toEqual([
      A,
      ...[checksum(parseAddress(B)), checksum(parseAddress(C))].sort().reverse(),
    ]);
    expect(await state.getStakeTransactionHeightList()).toEqual([0n]);
    expect(await state.trie.get(StateKey.chainId())).toBeUndefined();
  });

  it("the tie-break compares checksummed strings byte-wise (uppercase before lowercase)", () => {
    const stake = (h: string) => ({ holder: parseAddress(h), stakes: [] });
    const names = sortVcpCandidates([stake(A), stake(B), stake(C)], checksum).map((c) => checksum(c.holder));
    expect(names).toEqual([A, B, C].map((x) => checksum(parseAddress(x))).sort((x, y) => (x < y ? 1 : -1)));
  });

  it("rejects malformed amounts with a code naming the field", async () => {
    const db = await createMemoryTrieDatabase();
    await expect(
      buildGenesis(
        { db, checksum },
        { balances: [{ address: A, thetaWei: "-1", tfuelWei: "0" }], validatorStakes: [] },
      ),
    ).rejects.toSatisfy(
      (e) =>
        isThetaError(e, StateErrorCode.GenesisBadDescription) &&
        /balances\[0\]\.thetaWei/.test((e as Error).message),
    );
  });
});
