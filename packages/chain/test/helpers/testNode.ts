/**
 * A node's executor on the memory KvStore: a genesis with one validator (all the stake), two
 * funded accounts and a few more that send one tx each, the ledger (its `applyBlock` calls counted), the mempool and the executor.
 */
import type { ProposeContext } from "@theta/consensus";
import {
  BLOOM_LENGTH,
  type Block,
  type BlockHeader,
  concatBytes,
  EMPTY_ROOT_HASH,
  equalBytes,
  type Hash,
  privatenet,
  type Tx,
  ZERO_ADDRESS,
  ZERO_HASH,
} from "@theta/core-types";
import { defaultCrypto, type SignatureBatchVerifier, type ThetaCrypto } from "@theta/crypto";
import { buildGenesis, createLedger, createMempool, type Ledger, type Mempool } from "@theta/ledger";
import {
  createMemoryKvStore,
  createTrieDatabase,
  createVersionedState,
  type KvStore,
  NODE_PREFIX,
  TrieEngine,
  type VersionedState,
} from "@theta/trie-store";
import { type ChainExecutor, createChainExecutor } from "../../src/index.ts";
import { kvBlockStore, type TestBlockStore } from "./blockStore.ts";
import { ALICE, BOB, E18, SENDERS, VALIDATOR } from "./keys.ts";

export const profile = privatenet;
export const crypto = defaultCrypto;
const GENESIS_KEY = new TextEncoder().encode("test-genesis");

/** One node: its stores, executor and the genesis it started from. */
export interface TestNode {
  readonly kv: KvStore;
  readonly state: VersionedState;
  readonly ledger: Ledger;
  readonly mempool: Mempool;
  readonly blocks: TestBlockStore;
  readonly exec: ChainExecutor;
  readonly genesis: Block;
  readonly genesisHash: Hash;
  /** Calls of the ledger's `applyBlock` (executions of a block's txs) by this node. */
  ledgerApplications(): number;
  /** Adds a raw tx to the mempool (throws when it is refused). */
  add(raw: Uint8Array): Promise<void>;
}

/** Whether the state trie with `root` is on `kv` (as the node checks it). */
export async function hasRoot(kv: KvStore, root: Hash): Promise<boolean> {
  if (equalBytes(root, EMPTY_ROOT_HASH) || equalBytes(root, ZERO_HASH)) return true;
  return (await kv.get(concatBytes(NODE_PREFIX, root))) !== undefined;
}

/** The genesis header of the test chains, with its state root. */
function genesisHeader(stateHash: Hash): BlockHeader {
  return {
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
    stateHash,
    timestamp: 0n,
    proposer: ZERO_ADDRESS,
    signature: undefined,
  };
}

const openState = (kv: KvStore): VersionedState =>
  createVersionedState(kv, { engine: TrieEngine.Fast, keccak256: crypto.keccak256 });

/** A fresh memory KvStore holding the genesis state (version 0) and block. */
export async function createGenesisStore(): Promise<KvStore> {
  const kv = createMemoryKvStore();
  const state = openState(kv);
  const { state: view } = await buildGenesis(
    { db: createTrieDatabase({ state }), checksum: (a) => crypto.toChecksumAddress(a) },
    {
      balances: [
        { address: VALIDATOR.hex, thetaWei: (1000n * E18).toString(), tfuelWei: (1000n * E18).toString() },
        { address: ALICE.hex, thetaWei: "0", tfuelWei: (1000n * E18).toString() },
        { address: BOB.hex, thetaWei: "0", tfuelWei: (10n * E18).toString() },
        ...SENDERS.map((a) => ({ address: a.hex, thetaWei: "0", tfuelWei: (10n * E18).toString() })),
      ],
      validatorStakes: [
        { source: VALIDATOR.hex, holder: VALIDATOR.hex, thetaWei: (50_000_000n * E18).toString() },
      ],
    },
  );
  const root = await view.commit();
  await state.commit(0n, root);
  const hash = await kvBlockStore(kv, profile.headerForks).put({ header: genesisHeader(root), txs: [] });
  await kv.put(GENESIS_KEY, hash);
  return kv;
}

/** What a test node may run on instead of the defaults: its ledger's and executor's crypto, a verifier. */
export interface TestNodeOptions {
  readonly crypto?: ThetaCrypto;
  readonly verifier?: SignatureBatchVerifier;
  /** Told of each block the executor reads from the store. */
  readonly onBlockRead?: (hash: Hash) => void;
}

/** Opens a node on `kv` (made by {@link createGenesisStore}): a new versioned state, ledger, mempool and executor. */
export async function openNode(kv: KvStore, opts: TestNodeOptions = {}): Promise<TestNode> {
  const state = openState(kv);
  const nodeCrypto = opts.crypto ?? crypto;
  const inner = createLedger({ db: createTrieDatabase({ state }), profile, crypto: nodeCrypto });
  let applications = 0;
  const ledger: Ledger = {
    ...inner,
    applyBlock: (...args) => {
      applications++;
      return inner.applyBlock(...args);
    },
  };
  const blocks = kvBlockStore(kv, profile.headerForks);
  const genesisHash = (await kv.get(GENESIS_KEY))!;
  const genesis = (await blocks.get(genesisHash))!.block;
  const latest = (await state.latest())!;
  const mempool = createMempool({ ledger, profile, crypto }, { root: latest.root, height: 0n });
  const exec = createChainExecutor({
    ledger,
    mempool,
    blocks: {
      hashOf: (header) => blocks.hashOf(header),
      get: (hash) => {
        opts.onBlockRead?.(hash);
        return blocks.get(hash);
      },
    },
    state,
    hasRoot: (r) => hasRoot(kv, r),
    crypto: nodeCrypto,
    ethHashes: new Map(),
    ...(opts.verifier === undefined ? {} : { verifier: opts.verifier }),
    signTx: (tx: Tx) => crypto.signTx(profile.chainId, tx, VALIDATOR.key),
  });
  return {
    kv,
    state,
    ledger,
    mempool,
    blocks,
    exec,
    genesis,
    genesisHash,
    ledgerApplications: () => applications,
    async add(raw) {
      const r = await mempool.add(raw);
      if (!r.ok) throw new Error(r.message);
    },
  };
}

/** A node on a fresh genesis store. */
export async function createTestNode(opts: TestNodeOptions = {}): Promise<TestNode> {
  return openNode(await createGenesisStore(), opts);
}

/** The validator's proposal context at `timestamp` (Unix seconds). */
export const ctx = (timestamp: bigint): ProposeContext => ({
  proposer: VALIDATOR.address,
  hcc: { votes: [], blockHash: ZERO_HASH },
  guardianVotes: undefined,
  timestamp,
});
