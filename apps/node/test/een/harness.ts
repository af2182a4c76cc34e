/**
 * An in-process chain for the EEN acceptance test: one validator (also a guardian) on the real ledger
 * and the chain executor, the consensus engine with the guardian service and the node's EEN layer
 * (compose/eenLayer.ts, reading the EEN stake set from the ledger), on a virtual clock and the
 * simulated network, plus edge-node voters with node-key BLS keys (decision 9). Not separate processes:
 * the edge nodes vote when the validator finalizes a checkpoint (a real EEN node learns it by following).
 */
import { type ChainExecutor, createChainExecutor } from "@theta/chain";
import {
  createEenVoter,
  createGuardianService,
  createSeededRandom,
  createValidatorEngine,
  type FinalizedBlock,
  type Signer,
  type ValidatorEngine,
} from "@theta/consensus";
import {
  createMemoryBlockStore,
  createMemoryVoteStore,
  createSimNetwork,
  createVirtualClock,
  type VirtualClock,
} from "@theta/consensus/testing";
import {
  BLOOM_LENGTH,
  type Block,
  type BlockHeader,
  bytesToHex,
  type ChainProfile,
  decodeBlock,
  EMPTY_ROOT_HASH,
  encodeBlock,
  encodeHeader,
  ZERO_ADDRESS,
  ZERO_HASH,
} from "@theta/core-types";
import { blsPublicKey, blsSecretKeyFromPrivateKey, blsSign, defaultCrypto } from "@theta/crypto";
import {
  buildGenesis,
  createLedger,
  createMempool,
  type GenesisDescription,
  type Ledger,
} from "@theta/ledger";
import { createMemoryKvStore, createTrieDatabase, createVersionedState, TrieEngine } from "@theta/trie-store";
import pino from "pino";
import { createEenLayer, type EenLayer } from "../../src/compose/eenLayer.ts";

const crypto = defaultCrypto;

/** A key and its address. */
export interface Key {
  readonly sk: Uint8Array;
  readonly address: Uint8Array;
  readonly hex: string;
}

/** The key whose private key is 32 bytes of `fill`. */
export function key(fill: number): Key {
  const sk = new Uint8Array(32).fill(fill);
  const address = crypto.privateKeyToAddress(sk);
  return { sk, address, hex: `0x${bytesToHex(address)}` };
}

/** A node signer as `theta start` builds it: secp256k1 node key, BLS key derived from it (decision 9). */
export function nodeSigner(k: Key): Signer {
  const bls = blsSecretKeyFromPrivateKey(k.sk);
  return {
    address: () => k.address,
    signSecp256k1: (m) => crypto.sign(m, k.sk),
    blsPubkey: () => blsPublicKey(bls).bytes,
    signBls: (m) => blsSign(bls, m).bytes,
  };
}

/** The running harness. */
export interface EenChain {
  readonly clock: VirtualClock;
  readonly ledger: Ledger;
  readonly engine: ValidatorEngine;
  readonly executor: ChainExecutor;
  readonly een: EenLayer;
  readonly finalized: Map<bigint, FinalizedBlock>;
  /** Starts the engine (after the txs of block 1 are in the mempool). */
  start(): Promise<void>;
  /** Adds a raw tx to the validator's mempool (throws when refused). */
  add(raw: Uint8Array): Promise<void>;
  /** Runs until `height` is finalized (or virtual `maxMs` passed). */
  runUntilFinalized(height: bigint, maxMs: number): Promise<void>;
  stop(): Promise<void>;
}

/** Builds the chain: `validator` holds the genesis validator stake; `edgeNodes` vote from their own ports. */
export async function createEenChain(
  profile: ChainProfile,
  genesisDescription: GenesisDescription,
  validator: Key,
  edgeNodes: readonly Key[],
): Promise<EenChain> {
  const kv = createMemoryKvStore();
  const state = createVersionedState(kv, { engine: TrieEngine.Fast, keccak256: crypto.keccak256 });
  const built = await buildGenesis(
    { db: createTrieDatabase({ state }), checksum: (a) => crypto.toChecksumAddress(a) },
    genesisDescription,
  );
  const root = await built.state.commit();
  await state.commit(0n, root);
  const header: BlockHeader = {
    chainId: profile.chainId,
    epoch: 0n,
    height: 0n,
    parent: ZERO_HASH,
    hcc: { votes: [], blockHash: ZERO_HASH },
    guardianVotes: undefined,
    eliteEdgeNodeVotes: undefined,
    txHash: EMPTY_ROOT_HASH,
    receiptHash: EMPTY_ROOT_HASH,
    bloom: new Uint8Array(BLOOM_LENGTH),
    stateHash: root,
    timestamp: 0n,
    proposer: ZERO_ADDRESS,
    signature: undefined,
  };
  const genesis: Block = { header, txs: [] };
  const forks = profile.headerForks;
  const hashOf = (h: BlockHeader) => crypto.keccak256(encodeHeader(h, forks));
  const store = createMemoryBlockStore();
  await store.put(hashOf(header), encodeBlock(genesis, forks));
  const ledger = createLedger({ db: createTrieDatabase({ state }), profile, crypto });
  const mempool = createMempool({ ledger, profile, crypto }, { root, height: 0n });
  const blocks = {
    hashOf,
    async get(hash: Uint8Array) {
      const enc = await store.get(hash);
      return enc === undefined ? undefined : { block: decodeBlock(enc, forks) };
    },
  };
  const executor = createChainExecutor({
    ledger,
    mempool,
    blocks,
    state,
    hasRoot: async () => false,
    crypto,
    ethHashes: new Map(),
    signTx: (tx) => crypto.signTx(profile.chainId, tx, validator.sk),
  });
  const clock = createVirtualClock(1_700_000_000_000);
  const net = createSimNetwork(clock, createSeededRandom(1n), { minDelayMs: 5, maxDelayMs: 20, lossRate: 0 });
  const network = net.port("v0");
  const signer = nodeSigner(validator);
  const roundLengthMs = 500;
  const guardian = createGuardianService({ clock, network, signer }, { roundLengthMs });
  const een = createEenLayer(
    {
      ledger,
      headerOf: async (hash) => (await blocks.get(hash))?.block.header,
      network,
      clock,
      signer,
      keccak256: crypto.keccak256,
      profile,
      log: pino({ level: "silent" }),
    },
    { enabled: false, roundMs: roundLengthMs },
  );
  const engine = createValidatorEngine(
    {
      clock,
      network,
      store,
      votes: createMemoryVoteStore(),
      executor,
      signer,
      crypto,
      guardian,
      een: een.aggregator,
    },
    {
      chainId: profile.chainId,
      forks,
      genesis,
      blockIntervalMs: 1000,
      checkpointInterval: profile.checkpointInterval,
    },
  );
  const voters = edgeNodes.map((k, i) =>
    createEenVoter(
      { clock, network: net.port(`e${i}`), signer: nodeSigner(k) },
      { resendMs: roundLengthMs, resends: 1 },
    ),
  );
  const finalized = new Map<bigint, FinalizedBlock>();
  engine.onFinalized((f) => {
    finalized.set(f.height, f);
    een.onFinalized(f);
    if (f.height >= forks.theta3Height && f.height % profile.checkpointInterval === 1n) {
      for (const v of voters) v.checkpointFinalized(f.hash, f.height);
    }
  });
  const errors: unknown[] = [];
  engine.onError((e) => errors.push(e));
  return {
    start: () => engine.start(),
    clock,
    ledger,
    engine,
    executor,
    een,
    finalized,
    async add(raw) {
      const r = await mempool.add(raw);
      if (!r.ok) throw new Error(r.message);
    },
    async runUntilFinalized(height, maxMs) {
      const end = clock.now() + maxMs;
      while (!finalized.has(height)) {
        if (errors.length > 0) throw errors[0];
        const at = clock.nextAt();
        if (at === undefined || at > end) throw new Error(`height ${height} not finalized in time`);
        clock.step();
        await engine.whenIdle();
        await een.aggregator.whenIdle();
      }
    },
    async stop() {
      for (const v of voters) v.stop();
      een.stop();
      guardian.stop();
      await engine.stop();
    },
  };
}
