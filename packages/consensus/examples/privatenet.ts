/**
 * A privatenet-style single validator: the engine, wired port by port, produces and finalizes a block
 * every 2 s of (virtual) time on its own. The executor, stores and clock are the simulation's fakes; a
 * node passes its ledger-backed `Executor`, LevelDB-backed stores, libp2p `Network` and a wall clock.
 *
 * Run: node --conditions=@theta/source --import tsx examples/privatenet.ts
 */
import { ALL_FORKS_AT_GENESIS, bytesToHex } from "@theta/core-types";
import { defaultCrypto } from "@theta/crypto";
import { createSeededRandom, createValidatorEngine } from "../src/index.ts";
import {
  createFakeExecutor,
  createKeySigner,
  createMemoryBlockStore,
  createMemoryVoteStore,
  createSimNetwork,
  createVirtualClock,
  fakeGenesis,
} from "../src/testing/index.ts";

const chainId = "privatenet";
const forks = ALL_FORKS_AT_GENESIS;
const key = defaultCrypto.keccak256(new TextEncoder().encode("example validator key"));
const signer = createKeySigner(key);
const genesis = fakeGenesis(chainId);
const executor = createFakeExecutor(
  { chainId, forks, validators: [{ address: signer.address(), stake: 1n }] },
  defaultCrypto,
  genesis,
);
const clock = createVirtualClock(Date.UTC(2026, 0, 1));
const network = createSimNetwork(clock, createSeededRandom(1n), {
  minDelayMs: 1,
  maxDelayMs: 1,
  lossRate: 0,
});

const engine = createValidatorEngine(
  {
    clock,
    network: network.port("validator"),
    store: createMemoryBlockStore(),
    votes: createMemoryVoteStore(),
    executor,
    signer,
    crypto: defaultCrypto,
  },
  { chainId, forks, genesis, blockIntervalMs: 2000 },
);
engine.onFinalized(({ hash, height, block }) => {
  console.log(`finalized #${height} 0x${bytesToHex(hash).slice(0, 16)}… epoch ${block.header.epoch}`);
});
await engine.start();
while (clock.now() < Date.UTC(2026, 0, 1) + 20_000) {
  clock.step();
  await engine.whenIdle();
}
console.log(engine.status().lastFinalizedHeight, "blocks finalized in 20 s of virtual time");
await engine.stop();
