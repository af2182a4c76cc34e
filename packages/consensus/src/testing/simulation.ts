/**
 * A deterministic simulation of validator engines: N nodes on one virtual clock and one simulated
 * network, each with its own fake executor, stores and signer. The driver runs one clock event at a
 * time and lets every engine finish what it started before the next event, so a seed replays exactly.
 * Safety (no two conflicting finalized blocks) is checked by {@link Simulation.checkSafety}.
 */
import { ALL_FORKS_AT_GENESIS, type Block, bytesToHex, compareBytes, equalBytes } from "@theta/core-types";
import { blsPopProve, blsPublicKey, blsSecretKeyFromPrivateKey, defaultCrypto } from "@theta/crypto";
import { createGuardianService, type GuardianService } from "../guardian/service.ts";
import type { ConsensusCrypto, GuardianEntry, Network, PeerId, Signer, StakeEntry } from "../ports.ts";
import { createSeededRandom } from "../random.ts";
import { createValidatorEngine } from "../validator/engine.ts";
import type { Evidence, FinalizedBlock, ValidatorEngine, ValidatorEngineDeps } from "../validator/types.ts";
import { type ByzantineBehaviour, createByzantineNetwork } from "./byzantine.ts";
import { createFakeSigner, createKeySigner, fakeCrypto } from "./fakeCrypto.ts";
import {
  createFakeExecutor,
  type FakeChainSpec,
  type FakeExecutor,
  fakeGenesis,
  type ValidatorChange,
} from "./fakeExecutor.ts";
import { createMemoryBlockStore, createMemoryVoteStore, type MemoryBlockStore } from "./memoryStores.ts";
import { createSimNetwork, type SimNetwork, type SimNetworkOptions } from "./simNetwork.ts";
import { createVirtualClock, type VirtualClock } from "./virtualClock.ts";

/** Setup of a simulation. */
export interface SimulationOptions {
  /** Seed of every random choice (network delays, losses). */
  readonly seed: bigint;
  /** Number of nodes; node i has key i. */
  readonly nodes: number;
  /** Indices of the nodes in the initial validator set (default: all). */
  readonly validators?: readonly number[];
  /** Stake of each validator (default 1 for all). */
  readonly stakes?: readonly bigint[];
  /** Validator-set changes, as sets of node indices, each in force from the block at `height`. */
  readonly changes?: readonly { readonly height: bigint; readonly validators: readonly number[] }[];
  /** Delivery conditions. */
  readonly network?: SimNetworkOptions;
  /** `minBlockInterval` in virtual ms (default 1,000). */
  readonly blockIntervalMs?: number;
  /** Epoch timeout in virtual ms (default twice the interval). */
  readonly epochTimeoutMs?: number;
  /** Byzantine behaviour per node index. */
  readonly byzantine?: ReadonlyMap<number, ByzantineBehaviour>;
  /** Receives every engine's trace lines. */
  readonly trace?: (line: string) => void;
  /** Every node is also a guardian (real BLS): checkpoints every `checkpointInterval` blocks. */
  readonly guardians?: {
    readonly checkpointInterval: bigint;
    readonly roundLengthMs: number;
    readonly maxRounds: number;
  };
  /** Use real secp256k1 keys and `defaultCrypto` (slow) instead of the fake signatures. */
  readonly realSignatures?: boolean;
  /** Extra layers of node i (an EEN aggregator) on its clock and network port. */
  readonly layers?: (
    i: number,
    ports: { clock: VirtualClock; network: Network },
  ) => Pick<ValidatorEngineDeps, "een">;
}

/** One simulated node. */
export interface SimNode {
  readonly id: PeerId;
  readonly address: Uint8Array;
  /** The running engine (replaced on restart). */
  engine: ValidatorEngine;
  readonly store: MemoryBlockStore;
  readonly executor: FakeExecutor;
  /** Every block this node finalized, in order, across restarts. */
  readonly finalized: FinalizedBlock[];
  /** Evidence this node reported. */
  readonly evidence: Evidence[];
  /** Whether the node is crashed. */
  crashed: boolean;
  /** The node's guardian service, when guardians are simulated. */
  guardian: GuardianService | undefined;
}

/** The harness. */
export interface Simulation {
  readonly clock: VirtualClock;
  readonly net: SimNetwork;
  readonly nodes: readonly SimNode[];
  readonly chainId: string;
  /** The fake chain's specification (validator sets by height). */
  readonly spec: FakeChainSpec;
  /** Starts every node. */
  start(): Promise<void>;
  /** Runs events until virtual time `ms` from now. */
  runFor(ms: number): Promise<void>;
  /** Stops a node and cuts it off the network. */
  crash(i: number): Promise<void>;
  /** Restarts a crashed node with a fresh engine on its old stores. */
  restart(i: number): Promise<void>;
  /** Throws if two nodes finalized different blocks at one height, or a node's finalized chain has a gap. */
  checkSafety(): void;
  /** Lowest finalized height among the nodes that are up. */
  minFinalizedHeight(): bigint;
  /** Errors engines reported (a port threw): should stay empty. */
  readonly errors: unknown[];
}

const ADDRESS_SEED = "theta-sim-validator-";

function keyFor(i: number): Uint8Array {
  return defaultCrypto.keccak256(new TextEncoder().encode(`${ADDRESS_SEED}${i}`));
}

/** Builds a simulation (call `start()`). */
export function createSimulation(opts: SimulationOptions): Simulation {
  const chainId = "privatenet";
  const forks = ALL_FORKS_AT_GENESIS;
  const clock = createVirtualClock();
  const rng = createSeededRandom(opts.seed);
  const net = createSimNetwork(clock, rng, opts.network ?? { minDelayMs: 5, maxDelayMs: 50, lossRate: 0 });
  const crypto: ConsensusCrypto = opts.realSignatures === true ? defaultCrypto : fakeCrypto;
  const keys = Array.from({ length: opts.nodes }, (_, i) => keyFor(i));
  const blsKeys = keys.map((k) => (opts.guardians === undefined ? undefined : blsSecretKeyFromPrivateKey(k)));
  const signers: Signer[] = keys.map((k, i) =>
    opts.realSignatures === true
      ? createKeySigner(k)
      : createFakeSigner(defaultCrypto.privateKeyToAddress(k), blsKeys[i]),
  );
  const entry = (i: number): StakeEntry => ({
    address: signers[i]?.address() as Uint8Array,
    stake: opts.stakes?.[i] ?? 1n,
  });
  const initial = (opts.validators ?? keys.map((_, i) => i)).map(entry);
  const changes: ValidatorChange[] = (opts.changes ?? []).map((c) => ({
    height: c.height,
    validators: c.validators.map(entry),
  }));
  const genesis: Block = fakeGenesis(chainId);
  const guardianEntries: GuardianEntry[] = [];
  blsKeys.forEach((sk, i) => {
    if (sk !== undefined) {
      guardianEntries.push({
        address: signers[i]?.address() as Uint8Array,
        stake: 1n,
        blsPubkey: blsPublicKey(sk).bytes,
        blsPop: blsPopProve(sk).bytes,
      });
    }
  });
  guardianEntries.sort((a, b) => compareBytes(a.address, b.address));
  const spec: FakeChainSpec = { chainId, forks, validators: initial, changes, guardians: guardianEntries };
  const errors: unknown[] = [];

  const makeEngine = (i: number, node: Omit<SimNode, "engine" | "crashed">): ValidatorEngine => {
    const id = node.id;
    const signer = signers[i] as Signer;
    let network: Network = net.port(id);
    const b = opts.byzantine?.get(i);
    if (b !== undefined) network = createByzantineNetwork(network, b, { signer, forks, crypto, rng });
    node.guardian?.stop();
    const g = opts.guardians;
    const guardian =
      g === undefined
        ? undefined
        : createGuardianService(
            { clock, network, signer },
            { roundLengthMs: g.roundLengthMs, maxRounds: g.maxRounds },
          );
    node.guardian = guardian;
    const engine = createValidatorEngine(
      {
        clock,
        network,
        store: node.store,
        votes: voteStores[i] as ReturnType<typeof createMemoryVoteStore>,
        executor: node.executor,
        signer,
        crypto,
        ...(guardian === undefined ? {} : { guardian }),
        ...opts.layers?.(i, { clock, network }),
      },
      {
        chainId,
        forks,
        genesis,
        blockIntervalMs: opts.blockIntervalMs ?? 1000,
        ...(opts.epochTimeoutMs === undefined ? {} : { epochTimeoutMs: opts.epochTimeoutMs }),
        ...(opts.trace === undefined ? {} : { trace: opts.trace }),
        ...(g === undefined ? {} : { checkpointInterval: g.checkpointInterval }),
      },
    );
    engine.onFinalized((f) => node.finalized.push(f));
    engine.onEvidence((e) => node.evidence.push(e));
    engine.onError((e) => errors.push(e));
    return engine;
  };

  const voteStores = keys.map(() => createMemoryVoteStore());
  const nodes: SimNode[] = keys.map((_, i) => {
    const base = {
      id: `v${i}`,
      address: signers[i]?.address() as Uint8Array,
      store: createMemoryBlockStore(),
      executor: createFakeExecutor(spec, crypto, genesis),
      finalized: [] as FinalizedBlock[],
      evidence: [] as Evidence[],
      guardian: undefined as GuardianService | undefined,
    };
    const engine = makeEngine(i, base);
    return { ...base, engine, crashed: false };
  });

  const settle = async (): Promise<void> => {
    for (const n of nodes) if (!n.engine.idle()) await n.engine.whenIdle();
  };

  return {
    clock,
    net,
    nodes,
    chainId,
    spec,
    errors,
    async start() {
      for (const n of nodes) await n.engine.start();
    },
    async runFor(ms) {
      const end = clock.now() + ms;
      for (;;) {
        const at = clock.nextAt();
        if (at === undefined || at > end) break;
        clock.step();
        await settle();
      }
      clock.advanceTo(end);
    },
    async crash(i) {
      const n = nodes[i] as SimNode;
      if (n.crashed) return;
      n.crashed = true;
      await n.engine.stop();
      net.setCrashed(n.id, true);
    },
    async restart(i) {
      const n = nodes[i] as SimNode;
      if (!n.crashed) return;
      n.crashed = false;
      net.setCrashed(n.id, false);
      n.engine = makeEngine(i, n);
      await n.engine.start();
      await settle();
    },
    checkSafety() {
      const byHeight = new Map<bigint, { hash: string; node: string }>();
      for (const n of nodes) {
        let prev: FinalizedBlock | undefined;
        for (const f of n.finalized) {
          if (prev !== undefined && f.height !== prev.height + 1n) {
            throw new Error(`safety: ${n.id} finalized height ${f.height} after ${prev.height}`);
          }
          if (prev !== undefined && !equalBytes(f.block.header.parent, prev.hash)) {
            throw new Error(
              `safety: ${n.id} finalized ${f.height} not on top of its finalized ${prev.height}`,
            );
          }
          prev = f;
          const hex = bytesToHex(f.hash);
          const other = byHeight.get(f.height);
          if (other === undefined) byHeight.set(f.height, { hash: hex, node: n.id });
          else if (other.hash !== hex) {
            throw new Error(
              `safety: ${n.id} and ${other.node} finalized different blocks at height ${f.height}`,
            );
          }
        }
      }
    },
    minFinalizedHeight() {
      let min: bigint | undefined;
      for (const n of nodes) {
        if (n.crashed) continue;
        const h = n.engine.status().lastFinalizedHeight;
        if (min === undefined || h < min) min = h;
      }
      return min ?? 0n;
    },
  };
}
