import { describe, expect, it } from "vitest";
import { ProposerErrorCode, selectProposer } from "../../src/proposer.ts";
import { createVoteIndex } from "../../src/validator/voteIndex.ts";
import { thrown } from "../thrown.ts";
import { addr, hashN, setOf, vote } from "./engineFixture.ts";

/** The proposer draw's refusals (docs/consensus.md §2.2), and the vote index's tie rule. */

describe("proposer draw refusals", () => {
  it("an empty set and a set without stake are refused with distinct codes", () => {
    const empty = thrown(() => selectProposer([], 1n));
    expect(empty.code).toBe(ProposerErrorCode.EmptyValidatorSet);
    expect(empty.message).toBe("validators: expected at least one validator to draw a proposer from");
    const zero = thrown(() => selectProposer(setOf(0n, 0n), 1n));
    expect(zero.code).toBe(ProposerErrorCode.ZeroTotalStake);
    expect(zero.message).toBe("validators: expected a positive total stake to draw a proposer");
  });

  it("a single validator with stake is always drawn", () => {
    for (let e = 1n; e < 20n; e++)
      expect(selectProposer(setOf(0n, 5n), e).validator.address).toEqual(addr(1));
  });
});

describe("vote index ties", () => {
  it("a second vote of the same epoch does not replace the first", () => {
    const idx = createVoteIndex(() => true, 4);
    const first = vote(1, hashN(1), 3n, 1n);
    idx.add(first, 1n);
    idx.add(vote(1, hashN(1), 3n, 2n), 1n);
    expect(idx.votesFor(hashN(1))).toEqual([first]);
  });
});
