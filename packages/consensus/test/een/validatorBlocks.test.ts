import { bytesToHex, eenVoteSignBytes } from "@theta/core-types";
import { describe, expect, it } from "vitest";
import {
  BlockRejection,
  createChain,
  createEenAggregatorService,
  createEenVoter,
  createSeededRandom,
  type EenAggregatorService,
  type EenStakeSource,
  eenVotesValid,
  selectProposer,
  type ValidatorSets,
  validateBlockConsensus,
} from "../../src/index.ts";
import {
  createFakeEenCrypto,
  createFakeEenSigner,
  createSimulation,
  fakeEenPublicKey,
  fakeEenSign,
  fakeGenesis,
} from "../../src/testing/index.ts";

const crypto = createFakeEenCrypto();
// Five edge nodes with stakes 1..5 (total 15); the fifth is never online.
const een = [1, 2, 3, 4, 5].map((i) => ({
  address: new Uint8Array(20).fill(0x10 + i),
  sk: BigInt(77 + i),
  stake: BigInt(i),
}));
const source: EenStakeSource = {
  async eliteEdgeNode(_b, a) {
    const e = een.find((x) => bytesToHex(x.address) === bytesToHex(a));
    return e === undefined ? undefined : { stake: e.stake, blsPubkey: fakeEenPublicKey(e.sk), weight: 1 };
  },
  totalStake: async () => 15n,
};

describe("EEN aggregates in checkpoint headers (4 validators, 4 online edge nodes, fake BLS)", () => {
  it("the proposer of each checkpoint includes the aggregate for the previous one; every node accepts it", async () => {
    const services: EenAggregatorService[] = [];
    const sim = createSimulation({
      seed: 5n,
      nodes: 4,
      guardians: { checkpointInterval: 5n, roundLengthMs: 500, maxRounds: 4 },
      layers: (_i, { clock, network }) => {
        const s = createEenAggregatorService(
          { clock, network, random: createSeededRandom(9n), source, crypto },
          { roundLengthMs: 500, maxRounds: 6, fanout: 3 },
        );
        services.push(s);
        return { een: s };
      },
    });
    // Edge nodes learn of finalized checkpoints from node 0 (in a node they follow the chain themselves).
    const voters = een
      .slice(0, 4)
      .map((e, i) =>
        createEenVoter(
          { clock: sim.clock, network: sim.net.port(`e${i}`), signer: createFakeEenSigner(e.address, e.sk) },
          { resendMs: 500, resends: 1 },
        ),
      );
    sim.nodes[0]!.engine.onFinalized((f) => {
      if (f.height % 5n === 1n) for (const v of voters) v.checkpointFinalized(f.hash, f.height);
    });
    await sim.start();
    await sim.runFor(40_000);
    sim.checkSafety();
    expect(sim.errors).toEqual([]);
    let carried = 0;
    for (const n of sim.nodes) {
      for (const f of n.finalized) {
        const v = f.block.header.eliteEdgeNodeVotes;
        if (v === undefined) continue;
        expect(f.height % 5n).toBe(1n);
        const voted = n.finalized.find((x) => bytesToHex(x.hash) === bytesToHex(v.block));
        expect(voted !== undefined && voted.height % 5n === 1n && voted.height < f.height).toBe(true);
        const stake = v.addresses.reduce(
          (a, x) => a + (een.find((e) => bytesToHex(e.address) === bytesToHex(x))?.stake ?? 0n),
          0n,
        );
        expect(stake * 2n > 15n).toBe(true);
        expect(await services[0]!.validate(v, voted!.height)).toBe(true);
        carried++;
      }
    }
    // Several checkpoints carried an aggregate, on every node.
    expect(carried).toBeGreaterThanOrEqual(4 * 3);
  }, 120_000);

  it("eenVotesValid: the aggregate must name a known checkpoint and verify; headers outside checkpoints are refused", async () => {
    const genesis = fakeGenesis("privatenet");
    const chain = createChain(genesis, new Uint8Array(32).fill(7));
    const s = createEenAggregatorService({
      clock: { now: () => 0, setTimer: () => ({ cancel() {} }) },
      network: { broadcast() {}, send() {}, subscribe: () => () => {}, peers: () => [] },
      random: createSeededRandom(1n),
      source,
      crypto,
    });
    const root = chain.rootHash;
    const msg = eenVoteSignBytes(root);
    const good = {
      block: root,
      multiplies: [1],
      addresses: [een[0]!.address],
      signature: fakeEenSign(een[0]!.sk, msg),
    };
    const forged = { ...good, signature: fakeEenSign(een[1]!.sk, msg) };
    const withVotes = (v: typeof good) => ({
      ...genesis,
      header: { ...genesis.header, eliteEdgeNodeVotes: v },
    });
    // the genesis root (height 0) is not a checkpoint: refused whatever the signature
    expect(await eenVotesValid(withVotes(good), chain, s, (h) => h % 5n === 1n)).toBe(false);
    expect(await eenVotesValid(withVotes(good), chain, s, () => true)).toBe(true);
    expect(await eenVotesValid(withVotes(forged), chain, s, () => true)).toBe(false);
    const unknown = { ...good, block: new Uint8Array(32).fill(1) };
    expect(await eenVotesValid(withVotes(unknown), chain, s, () => true)).toBe(false);
    expect(await eenVotesValid(genesis, chain, s, () => false)).toBe(true);
  });

  it("validateBlockConsensus refuses EEN votes outside checkpoints from the Theta3 height", async () => {
    const genesis = fakeGenesis("privatenet");
    const rootHash = new Uint8Array(32).fill(7);
    const chain = createChain(genesis, rootHash);
    const set = [{ address: new Uint8Array(20).fill(1), stake: 1n }];
    const sets = {
      validatorSet: async () => set,
      nextValidatorSet: async () => set,
      setAfter: async () => set,
      decidingBlock: () => rootHash,
    } satisfies ValidatorSets;
    const votes = {
      block: rootHash,
      multiplies: [1],
      addresses: [een[0]!.address],
      signature: new Uint8Array(96),
    };
    const block = {
      ...genesis,
      header: {
        ...genesis.header,
        height: genesis.header.height + 1n,
        epoch: genesis.header.epoch + 1n,
        parent: rootHash,
        hcc: { votes: [], blockHash: rootHash },
        proposer: selectProposer(set, genesis.header.epoch + 1n).validator.address,
        eliteEdgeNodeVotes: votes,
      },
    };
    const ctx = { chain, sets, isSigned: () => true, mayCarryGuardianVotes: () => true };
    expect(await validateBlockConsensus(block, { ...ctx, mayCarryEenVotes: () => true })).toEqual({
      ok: true,
      value: true,
    });
    const refused = await validateBlockConsensus(block, { ...ctx, mayCarryEenVotes: () => false });
    expect(refused.ok ? undefined : refused.code).toBe(BlockRejection.UnexpectedEenVotes);
    const noRule = await validateBlockConsensus(block, ctx);
    expect(noRule.ok ? undefined : noRule.code).toBe(BlockRejection.UnexpectedEenVotes);
  });
});
