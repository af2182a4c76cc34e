import { type AggregatedVotes, type BlockHeader, headerSignBytes, type Vote } from "@theta/core-types";
import { describe, expect, it } from "vitest";
import type { GuardianService } from "../../src/guardian/service.ts";
import type { Executor } from "../../src/ports.ts";
import { selectProposer } from "../../src/proposer.ts";
import { createFakeSigner, fakeCrypto } from "../../src/testing/fakeCrypto.ts";
import {
  BlockRejection,
  guardianVotesValid,
  isVoteSigned,
  validateBlockBasic,
  validateBlockConsensus,
} from "../../src/validator/validation.ts";
import { cc, child, codeOf, ctxOf, forks, set, signed } from "./blockCheckFixture.ts";
import { addr, blockOf, CHAIN_ID, fixedSets, hashN, header, lineChain, vote } from "./engineFixture.ts";

/**
 * Block checks (docs/consensus.md §1.4, §1.7): the network-layer checks on a block alone, and the
 * consensus-layer checks against the local chain, each rule with a block that breaks only it.
 */
describe("network-layer block checks", () => {
  const good = header({ height: 5n, epoch: 5n, parent: hashN(4), hcc: hashN(3), proposer: addr(1) });
  const check = (h: BlockHeader) => codeOf(validateBlockBasic(signed(h), CHAIN_ID, forks, fakeCrypto));

  it("accepts a complete block signed by its proposer", () => {
    expect(check(good)).toBe("ok");
  });

  it("rejects another chain id, a zero parent, HCC or proposer", () => {
    expect(check({ ...good, chainId: "other" })).toBe(BlockRejection.WrongChain);
    expect(check({ ...good, parent: new Uint8Array(32) })).toBe(BlockRejection.MissingField);
    expect(check({ ...good, hcc: { votes: [], blockHash: new Uint8Array(32) } })).toBe(
      BlockRejection.MissingField,
    );
    expect(check({ ...good, proposer: new Uint8Array(20) })).toBe(BlockRejection.MissingField);
  });

  it("rejects an unsigned block and one signed by someone else", () => {
    const unsigned = { header: { ...good, signature: undefined }, txs: [] };
    expect(codeOf(validateBlockBasic(unsigned, CHAIN_ID, forks, fakeCrypto))).toBe(
      BlockRejection.BadSignature,
    );
    const byOther = {
      header: { ...good, signature: createFakeSigner(addr(2)).signSecp256k1(headerSignBytes(good, forks)) },
      txs: [],
    };
    expect(codeOf(validateBlockBasic(byOther, CHAIN_ID, forks, fakeCrypto))).toBe(
      BlockRejection.BadSignature,
    );
  });

  it("a vote is signed when its signature recovers to its voter", () => {
    const v = vote(1, hashN(1), 1n);
    expect(isVoteSigned(v, fakeCrypto)).toBe(true);
    expect(isVoteSigned({ ...v, signature: undefined }, fakeCrypto)).toBe(false);
    expect(isVoteSigned({ ...v, id: addr(2) }, fakeCrypto)).toBe(false);
  });
});

describe("consensus-layer block checks", () => {
  it("accepts a child of the tip with a valid CC for its parent and the drawn proposer", async () => {
    const { chain, hashes } = lineChain(2);
    expect(codeOf(await validateBlockConsensus(child(hashes, 2, 3n), ctxOf(chain)))).toBe("ok");
  });

  it("rejects heights at or below the last finalized block", async () => {
    const { chain, hashes } = lineChain(3);
    chain.tree.commit(hashes[1]!);
    chain.tree.commit(hashes[2]!); // finalizes block 1
    const atFinal = child(hashes, 0, 9n);
    expect(codeOf(await validateBlockConsensus(atFinal, ctxOf(chain)))).toBe(
      BlockRejection.NotAboveFinalized,
    );
    expect(codeOf(await validateBlockConsensus(child(hashes, 1, 9n), ctxOf(chain)))).toBe("ok");
  });

  it("rejects an unknown parent, a height that does not follow the parent's, and an epoch not above it", async () => {
    const { chain, hashes } = lineChain(2);
    const ctx = ctxOf(chain);
    const b = child(hashes, 2, 3n);
    const withHeader = (o: Partial<BlockHeader>) => ({ ...b, header: { ...b.header, ...o } });
    expect(codeOf(await validateBlockConsensus(withHeader({ parent: hashN(99) }), ctx))).toBe(
      BlockRejection.BadParentLink,
    );
    expect(codeOf(await validateBlockConsensus(withHeader({ height: 4n }), ctx))).toBe(
      BlockRejection.BadParentLink,
    );
    expect(codeOf(await validateBlockConsensus(withHeader({ height: 2n }), ctx))).toBe(
      BlockRejection.BadParentLink,
    );
    expect(codeOf(await validateBlockConsensus(child(hashes, 2, 2n), ctx))).toBe(
      BlockRejection.BadParentLink,
    );
    expect(codeOf(await validateBlockConsensus(child(hashes, 2, 1n), ctx))).toBe(
      BlockRejection.BadParentLink,
    );
  });

  it("the HCC must be an ancestor: an earlier one is fine, a sibling or an unknown block is not", async () => {
    const { chain, hashes } = lineChain(3);
    const sibling = hashN(300);
    chain.addValid(
      blockOf(header({ height: 2n, epoch: 8n, parent: hashes[1]!, hcc: hashes[1]! })),
      sibling,
      false,
    );
    const base = child(hashes, 3, 9n);
    const hccOf = (hash: Uint8Array) => ({
      ...base,
      header: { ...base.header, hcc: { votes: cc(hash, [0, 1, 2]), blockHash: hash } },
    });
    const ctx = ctxOf(chain);
    expect(codeOf(await validateBlockConsensus(hccOf(hashes[1]!), ctx))).toBe("ok");
    expect(codeOf(await validateBlockConsensus(hccOf(hashes[0]!), ctx))).toBe("ok");
    expect(codeOf(await validateBlockConsensus(hccOf(sibling), ctx))).toBe(BlockRejection.BadHcc);
    expect(codeOf(await validateBlockConsensus(hccOf(hashN(301)), ctx))).toBe(BlockRejection.BadHcc);
  });

  it("the HCC's certificate is checked unless that block is finalized", async () => {
    const { chain, hashes } = lineChain(3);
    const base = child(hashes, 3, 9n);
    const withCc = (hash: Uint8Array, votes: Vote[]) => ({
      ...base,
      header: { ...base.header, hcc: { votes, blockHash: hash } },
    });
    const ctx = ctxOf(chain);
    const codes = async (votes: Vote[]) =>
      codeOf(await validateBlockConsensus(withCc(hashes[3]!, votes), ctx));
    expect(await codes(cc(hashes[3]!, [0, 1]))).toBe(BlockRejection.BadCommitCertificate);
    expect(await codes([])).toBe(BlockRejection.BadCommitCertificate);
    expect(await codes([...cc(hashes[3]!, [0, 1]), vote(1, hashes[3]!, 2n)])).toBe(
      BlockRejection.BadCommitCertificate,
    );
    expect(await codes([...cc(hashes[3]!, [0, 1]), vote(2, hashes[2]!, 1n)])).toBe(
      BlockRejection.BadCommitCertificate,
    );
    expect(
      await codes([...cc(hashes[3]!, [0, 1]), { ...vote(2, hashes[3]!, 1n), signature: undefined }]),
    ).toBe(BlockRejection.BadCommitCertificate);
    expect(await codes([...cc(hashes[3]!, [0, 1, 2]), vote(3, hashes[3]!, 1n)])).toBe(
      BlockRejection.BadCommitCertificate,
    );
    expect(await codes(cc(hashes[3]!, [0, 1, 2]))).toBe("ok");
    // Once block 1 is finalized, a block naming it as HCC carries no certificate to check.
    chain.tree.commit(hashes[1]!);
    chain.tree.commit(hashes[2]!);
    expect(codeOf(await validateBlockConsensus(withCc(hashes[1]!, []), ctx))).toBe("ok");
  });

  it("a node restarted from a later root accepts an HCC below that root", async () => {
    const root = blockOf(header({ height: 10n, epoch: 10n, parent: hashN(9), hcc: hashN(8) }));
    const { createChain } = await import("../../src/validator/chain.ts");
    const chain = createChain(root, hashN(10));
    const b = blockOf(
      header({
        height: 11n,
        epoch: 11n,
        parent: hashN(10),
        hcc: hashN(8),
        proposer: selectProposer(set, 11n).validator.address,
      }),
    );
    expect(codeOf(await validateBlockConsensus(b, ctxOf(chain)))).toBe("ok");
  });

  it("after a validator update in the parent or grandparent, the HCC must be the parent", async () => {
    for (const updated of [1, 2]) {
      const { chain, hashes } = lineChain(0);
      for (let k = 1; k <= 2; k++) {
        const parent = hashes[k - 1]!;
        chain.addValid(
          blockOf(header({ height: BigInt(k), epoch: BigInt(k), parent, hcc: parent })),
          hashN(k),
          k === updated,
        );
        hashes.push(hashN(k));
      }
      const ctx = ctxOf(chain);
      const ok = child(hashes, 2, 5n);
      expect(codeOf(await validateBlockConsensus(ok, ctx))).toBe("ok");
      const older = {
        ...ok,
        header: { ...ok.header, hcc: { votes: cc(hashes[1]!, [0, 1, 2]), blockHash: hashes[1]! } },
      };
      expect(codeOf(await validateBlockConsensus(older, ctx))).toBe(BlockRejection.ValidatorUpdateRule);
    }
  });

  it("the proposer must be the one drawn from NextValidatorSet(parent) for the epoch", async () => {
    const { chain, hashes } = lineChain(2);
    const b = child(hashes, 2, 3n);
    const drawn = b.header.proposer;
    const other = [0, 1, 2].map(addr).find((a) => a.join() !== drawn.join())!;
    const wrong = { ...b, header: { ...b.header, proposer: other } };
    expect(codeOf(await validateBlockConsensus(wrong, ctxOf(chain)))).toBe(BlockRejection.WrongProposer);
    // The set asked is the parent's next set: a set holding only `other` makes it the proposer.
    const onlyOther = [{ address: other, stake: 1n }];
    const sets = { ...fixedSets(set), nextValidatorSet: async () => onlyOther };
    expect(codeOf(await validateBlockConsensus(wrong, ctxOf(chain, { sets })))).toBe("ok");
  });

  it("guardian and EEN votes only where their checkpoints allow them", async () => {
    const { chain, hashes } = lineChain(2);
    const b = child(hashes, 2, 3n);
    const votes: AggregatedVotes = {
      block: hashes[1]!,
      gcp: hashN(50),
      multiplies: [1],
      signature: undefined,
    };
    const withG = { ...b, header: { ...b.header, guardianVotes: votes } };
    expect(codeOf(await validateBlockConsensus(withG, ctxOf(chain)))).toBe(
      BlockRejection.UnexpectedGuardianVotes,
    );
    expect(
      codeOf(await validateBlockConsensus(withG, ctxOf(chain, { mayCarryGuardianVotes: (h) => h === 3n }))),
    ).toBe("ok");
    const een = {
      ...b,
      header: { ...b.header, eliteEdgeNodeVotes: {} as BlockHeader["eliteEdgeNodeVotes"] },
    };
    expect(codeOf(await validateBlockConsensus(een, ctxOf(chain)))).toBe(BlockRejection.UnexpectedEenVotes);
    expect(codeOf(await validateBlockConsensus(een, ctxOf(chain, { mayCarryEenVotes: () => false })))).toBe(
      BlockRejection.UnexpectedEenVotes,
    );
    expect(
      codeOf(await validateBlockConsensus(een, ctxOf(chain, { mayCarryEenVotes: (h) => h === 3n }))),
    ).toBe("ok");
  });
});

describe("guardian votes in a header", () => {
  const pool = { gcpHash: hashN(50), guardians: [] };
  const executor = { guardiansFor: async () => pool } as unknown as Executor;
  const votes = (block: Uint8Array): AggregatedVotes => ({
    block,
    gcp: hashN(50),
    multiplies: [1],
    signature: undefined,
  });
  const recording = (answer: boolean) => {
    const calls: unknown[] = [];
    const g = {
      validate: (v: AggregatedVotes, p: unknown) => {
        calls.push([v, p]);
        return answer;
      },
    } as unknown as GuardianService;
    return { g, calls };
  };

  it("are validated by the guardian service against the pool of the block they name", async () => {
    const { chain, hashes } = lineChain(2);
    const b = blockOf({ ...child(hashes, 2, 3n).header, guardianVotes: votes(hashes[1]!) });
    const yes = recording(true);
    expect(await guardianVotesValid(b, chain, yes.g, executor)).toBe(true);
    expect(yes.calls).toEqual([[votes(hashes[1]!), pool]]);
    const no = recording(false);
    expect(await guardianVotesValid(b, chain, no.g, executor)).toBe(false);
  });

  it("no votes, or no guardian service: nothing to check", async () => {
    const { chain, hashes } = lineChain(2);
    const no = recording(false);
    expect(await guardianVotesValid(child(hashes, 2, 3n), chain, no.g, executor)).toBe(true);
    const b = blockOf({ ...child(hashes, 2, 3n).header, guardianVotes: votes(hashes[1]!) });
    expect(await guardianVotesValid(b, chain, undefined, executor)).toBe(true);
    expect(no.calls).toEqual([]);
  });

  it("votes for a block unknown here pass only on a node restarted from a later root", async () => {
    const { chain, hashes } = lineChain(2);
    const b = blockOf({ ...child(hashes, 2, 3n).header, guardianVotes: votes(hashN(77)) });
    const yes = recording(true);
    expect(await guardianVotesValid(b, chain, yes.g, executor)).toBe(false);
    const { createChain } = await import("../../src/validator/chain.ts");
    const later = createChain(
      blockOf(header({ height: 10n, epoch: 10n, parent: hashN(9), hcc: hashN(8) })),
      hashN(10),
    );
    expect(await guardianVotesValid(b, later, yes.g, executor)).toBe(true);
    expect(yes.calls).toEqual([]);
  });
});
