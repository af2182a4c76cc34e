import { ALL_FORKS_AT_GENESIS, ChannelId, decodeSyncMessage, decodeVote, type Vote } from "@theta/core-types";
import { defaultCrypto } from "@theta/crypto";
import { describe, expect, it } from "vitest";
import { createSeededRandom, createValidatorEngine } from "../src/index.ts";
import {
  createFakeExecutor,
  createFakeSigner,
  createMemoryBlockStore,
  createMemoryVoteStore,
  createSimNetwork,
  createSimulation,
  createVirtualClock,
  fakeCrypto,
  fakeGenesis,
} from "../src/testing/index.ts";

describe("last-vote persistence (docs/consensus.md §2.10)", () => {
  it("a validator that restarts with a persisted vote never votes lower or in an earlier epoch, and recovers", async () => {
    const clock = createVirtualClock();
    const net = createSimNetwork(clock, createSeededRandom(3n), {
      minDelayMs: 1,
      maxDelayMs: 5,
      lossRate: 0,
    });
    const address = defaultCrypto.keccak256(Uint8Array.of(1)).slice(12);
    const forks = ALL_FORKS_AT_GENESIS;
    const genesis = fakeGenesis("privatenet");
    const spec = { chainId: "privatenet", forks, validators: [{ address, stake: 1n }] };
    const votes = createMemoryVoteStore();
    const unknown = new Uint8Array(32).fill(0xab);
    await votes.save({ epoch: 5n, height: 3n, blockHash: unknown });
    const sent: Vote[] = [];
    const spy = net.port("spy");
    spy.subscribe((m) => {
      if (m.channel !== ChannelId.Vote) return;
      const msg = decodeSyncMessage(m.payload);
      if (msg.type === "dataResponse") sent.push(decodeVote(msg.payload));
    });
    const engine = createValidatorEngine(
      {
        clock,
        network: net.port("v"),
        store: createMemoryBlockStore(),
        votes,
        executor: createFakeExecutor(spec, fakeCrypto, genesis),
        signer: createFakeSigner(address),
        crypto: fakeCrypto,
      },
      { chainId: "privatenet", forks, genesis, blockIntervalMs: 1000 },
    );
    const finalized: bigint[] = [];
    engine.onFinalized((f) => finalized.push(f.height));
    await engine.start();
    for (let i = 0; i < 400 && clock.nextAt() !== undefined && clock.now() < 30_000; i++) {
      clock.step();
      await engine.whenIdle();
    }
    await engine.stop();
    expect(sent.length).toBeGreaterThan(5);
    for (const v of sent) {
      expect(v.epoch).toBeGreaterThanOrEqual(5n);
      expect(v.height).toBeGreaterThanOrEqual(3n);
    }
    // It re-voted the persisted block until its chain grew above height 3, then finalized.
    expect(sent[0]!.block).toEqual(unknown);
    expect(finalized.length).toBeGreaterThan(3);
    expect(finalized.slice(0, 4)).toEqual([1n, 2n, 3n, 4n]);
  });
});

describe("real secp256k1 signatures", () => {
  it("4 validators with real keys and defaultCrypto finalize", async () => {
    const sim = createSimulation({ seed: 9n, nodes: 4, realSignatures: true });
    await sim.start();
    await sim.runFor(6_000);
    sim.checkSafety();
    expect(sim.errors).toEqual([]);
    expect(sim.minFinalizedHeight()).toBeGreaterThanOrEqual(3n);
  });
});
