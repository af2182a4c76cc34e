/**
 * Block-check rejections (docs/consensus.md §1.4, §1.7) name the field that broke the rule and what was
 * expected, for the network-layer, commit-certificate, consensus-layer and validator-update checks.
 */
import type { AggregatedVotes, Block, BlockHeader, Vote } from "@theta/core-types";
import { describe, expect, it } from "vitest";
import { fakeCrypto } from "../../src/testing/fakeCrypto.ts";
import { validateBlockBasic, validateBlockConsensus } from "../../src/validator/validation.ts";
import { cc, child, ctxOf, forks, messageOf, signed } from "./blockCheckFixture.ts";
import { addr, blockOf, CHAIN_ID, hashN, header, lineChain, vote } from "./engineFixture.ts";

describe("rejection messages name the field and what was expected", () => {
  it("network-layer checks", () => {
    const good = header({ height: 5n, epoch: 5n, parent: hashN(4), hcc: hashN(3), proposer: addr(1) });
    const m = (h: BlockHeader) => messageOf(validateBlockBasic(signed(h), CHAIN_ID, forks, fakeCrypto));
    expect(m({ ...good, chainId: "other" })).toBe(`header.chain_id: expected "${CHAIN_ID}", got "other"`);
    expect(m({ ...good, parent: new Uint8Array(32) })).toBe("header.parent: expected non-zero");
    expect(m({ ...good, hcc: { votes: [], blockHash: new Uint8Array(32) } })).toBe(
      "header.hcc.block_hash: expected non-zero",
    );
    expect(m({ ...good, proposer: new Uint8Array(20) })).toBe("header.proposer: expected non-zero");
    const unsigned = { header: { ...good, signature: undefined }, txs: [] };
    expect(messageOf(validateBlockBasic(unsigned, CHAIN_ID, forks, fakeCrypto))).toBe(
      "header.signature: expected a signature by header.proposer",
    );
  });

  it("commit-certificate checks", async () => {
    const { chain, hashes } = lineChain(3);
    const base = child(hashes, 3, 9n);
    const m = async (votes: Vote[]) =>
      messageOf(
        await validateBlockConsensus(
          { ...base, header: { ...base.header, hcc: { votes, blockHash: hashes[3]! } } },
          ctxOf(chain),
        ),
      );
    const h3 = hashes[3]!;
    expect(await m([])).toBe("hcc.votes: expected at least one vote");
    expect(await m([...cc(h3, [0, 1, 2]), vote(3, h3, 1n)])).toBe("hcc.votes: expected at most 3 votes");
    expect(await m([...cc(h3, [0, 1]), vote(1, h3, 2n)])).toBe("hcc.votes: expected each voter once");
    expect(await m([...cc(h3, [0, 1]), vote(2, hashes[2]!, 1n)])).toBe(
      "hcc.votes: expected every vote to name the certified block",
    );
    expect(await m([...cc(h3, [0, 1]), { ...vote(2, h3, 1n), signature: undefined }])).toBe(
      "hcc.votes: expected every vote signed by its voter",
    );
    expect(await m(cc(h3, [0, 1]))).toBe("hcc.votes: expected voters with more than 2/3 of the stake");
  });

  it("consensus-layer checks", async () => {
    const { chain, hashes } = lineChain(3);
    chain.tree.commit(hashes[1]!);
    chain.tree.commit(hashes[2]!); // finalizes block 1
    const ctx = ctxOf(chain);
    const m = async (b: Block, c = ctx) => messageOf(await validateBlockConsensus(b, c));
    const b = child(hashes, 3, 9n);
    const withHeader = (o: Partial<BlockHeader>) => ({ ...b, header: { ...b.header, ...o } });
    expect(await m(child(hashes, 0, 9n))).toBe("header.height: expected above the last finalized 1");
    expect(await m(withHeader({ parent: hashN(99) }))).toBe("header.parent: expected a valid known block");
    expect(await m(withHeader({ height: 6n }))).toBe("header.height: expected parent height + 1 = 4");
    expect(await m(child(hashes, 3, 3n))).toBe("header.epoch: expected above the parent's epoch 3");
    const sibling = hashN(300);
    chain.addValid(
      blockOf(header({ height: 3n, epoch: 8n, parent: hashes[2]!, hcc: hashes[2]! })),
      sibling,
      false,
    );
    expect(await m(withHeader({ hcc: { votes: cc(sibling, [0, 1, 2]), blockHash: sibling } }))).toBe(
      "header.hcc.block_hash: expected an ancestor of the block",
    );
    const drawn = b.header.proposer;
    const other = [0, 1, 2].map(addr).find((a) => a.join() !== drawn.join())!;
    expect(await m(withHeader({ proposer: other }))).toBe(
      "header.proposer: expected the proposer drawn for epoch 9",
    );
    const votes: AggregatedVotes = {
      block: hashes[1]!,
      gcp: hashN(50),
      multiplies: [1],
      signature: undefined,
    };
    expect(await m(withHeader({ guardianVotes: votes }))).toBe(
      "header.guardian_votes: expected none outside checkpoints",
    );
    expect(await m(withHeader({ eliteEdgeNodeVotes: {} as BlockHeader["eliteEdgeNodeVotes"] }))).toBe(
      "header.elite_edge_node_votes: expected none outside checkpoints from the Theta3 height",
    );
  });

  it("the validator-update rule", async () => {
    const { chain, hashes } = lineChain(1);
    chain.addValid(
      blockOf(header({ height: 2n, epoch: 2n, parent: hashes[1]!, hcc: hashes[1]! })),
      hashN(2),
      true,
    );
    hashes.push(hashN(2));
    const b = child(hashes, 2, 5n);
    const older = {
      ...b,
      header: { ...b.header, hcc: { votes: cc(hashes[1]!, [0, 1, 2]), blockHash: hashes[1]! } },
    };
    expect(messageOf(await validateBlockConsensus(older, ctxOf(chain)))).toBe(
      "header.hcc.block_hash: expected the parent after a validator update in the parent or grandparent",
    );
  });
});
