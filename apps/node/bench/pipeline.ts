/**
 * `bench:pipeline`: the node's per-tx work without RPC or consensus timers, in one process, to
 * see which phase costs what. 1,000 funded accounts (the bench:node genesis) on LevelDB with the
 * fast trie and the native crypto; per block: `mempool.add` of `--block` pre-signed SendTxs, the
 * executor's `propose` and `apply` (with the mempool update), the tx-index ops of finalization.
 * Prints CPU microseconds per tx of each phase (median block) and the blocks/s it adds up to.
 *
 * Flags: --blocks N (20), --block N (1000 txs per block), --accounts N (1000), --pending N (0:
 * extra txs left pending across blocks, to see the mempool re-check cost), --profile-out FILE (a V8
 * CPU profile of the block loop).
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { Session } from "node:inspector/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createChainExecutor } from "@theta/chain";
import { type Block, BlockStatus, hexToBytes, privatenet, type Tx, ZERO_HASH } from "@theta/core-types";
import { createCrypto } from "@theta/crypto";
import { nativeBackend } from "@theta/crypto-native";
import { buildGenesis, createLedger, createMempool, type GenesisDescription } from "@theta/ledger";
import { openLevelKvStore } from "@theta/platform-node/level";
import { createVersionedState, TrieEngine } from "@theta/trie-store";
import { createStateDatabase, hasStateRoot } from "../src/compose/stateDatabase.ts";
import { PRIVATENET_TEST_KEYS, PRIVATENET_VALIDATOR } from "../src/genesis/privatenet.ts";
import { emptyHeader } from "../src/genesis/writeGenesis.ts";
import { createBlockStore } from "../src/store/blockStore.ts";
import { createTxIndex } from "../src/store/txIndex.ts";
import { deriveAccounts, loadGenesisDescription, presignSends } from "./loadAccounts.ts";
import { fmt } from "./loadStats.ts";

/** CPU time of this process (all threads) in ms: less sensitive than wall time to a busy machine. */
const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const { values } = parseArgs({
  options: {
    blocks: { type: "string", default: "20" },
    block: { type: "string", default: "1000" },
    accounts: { type: "string", default: "1000" },
    pending: { type: "string", default: "0" },
    "profile-out": { type: "string" },
  },
});
const blockCount = Number(values.blocks);
const perBlock = Number(values.block);
const extraPending = Number(values.pending);

const crypto = createCrypto(nativeBackend);
const profile = { ...privatenet, maxTxsPerBlock: perBlock };
const accounts = deriveAccounts(crypto, "theta-bench-node", Number(values.accounts));
const rounds = Math.ceil(((blockCount + 1) * perBlock + extraPending) / accounts.length);
const txs = presignSends(crypto, privatenet.chainId, accounts, rounds).map((t) => hexToBytes(t.hex.slice(2)));
const dir = await mkdtemp(join(tmpdir(), "theta-bench-pipeline-"));
const kv = await openLevelKvStore(join(dir, "db"));
try {
  const state = createVersionedState(kv, { engine: TrieEngine.Fast, keccak256: crypto.keccak256 });
  const db = createStateDatabase(state);
  const description = JSON.parse(loadGenesisDescription(crypto, accounts)) as GenesisDescription;
  const { state: view } = await buildGenesis(
    { db, checksum: (a) => crypto.toChecksumAddress(a) },
    description,
  );
  const root = await view.commit();
  await state.commit(0n, root);
  const blocks = createBlockStore({ kv, forks: profile.headerForks, keccak256: crypto.keccak256 });
  const genesis: Block = { header: { ...emptyHeader(profile.chainId), stateHash: root }, txs: [] };
  let parentHash = await blocks.put({
    block: genesis,
    children: [],
    status: BlockStatus.Trusted,
    hasValidatorUpdate: false,
  });
  let parent = genesis.header;
  const ledger = createLedger({ db, profile, crypto });
  const mempool = createMempool({ ledger, profile, crypto }, { root, height: 0n });
  const key = hexToBytes(PRIVATENET_TEST_KEYS.find((k) => k.address === PRIVATENET_VALIDATOR)!.privateKey);
  const txIndex = createTxIndex(kv);
  const exec = createChainExecutor({
    ledger,
    mempool,
    blocks,
    state,
    hasRoot: (r) => hasStateRoot(kv, r),
    crypto,
    ethHashes: new Map(),
    signTx: (tx: Tx) => crypto.signTx(profile.chainId, tx, key),
  });
  const proposer = crypto.privateKeyToAddress(key);
  let next = 0;
  const addTxs = async (n: number) => {
    for (let i = 0; i < n && next < txs.length; i++) {
      const r = await mempool.add(txs[next++]!);
      if (!r.ok) throw new Error(`add: ${r.message}`);
    }
  };
  await addTxs(extraPending);
  const phases = {
    add: [] as number[],
    propose: [] as number[],
    apply: [] as number[],
    index: [] as number[],
  };
  const sizes: number[] = [];
  const profiler = values["profile-out"] === undefined ? undefined : await startProfile();
  for (let h = 1n; h <= BigInt(blockCount); h++) {
    let t = cpuMs();
    await addTxs(perBlock);
    phases.add.push(cpuMs() - t);
    t = cpuMs();
    const block = await exec.propose(parent, h, h, {
      proposer,
      hcc: { votes: [], blockHash: ZERO_HASH },
      guardianVotes: undefined,
      timestamp: 1_000n + h,
    });
    phases.propose.push(cpuMs() - t);
    const hash = await blocks.put({
      block,
      children: [],
      status: BlockStatus.Valid,
      hasValidatorUpdate: false,
    });
    t = cpuMs();
    const r = await exec.apply(block, hash);
    if (!r.ok) throw new Error(`apply: ${r.reason}`);
    phases.apply.push(cpuMs() - t);
    t = cpuMs();
    await blocks.markFinalized(hash, { extraOps: txIndex.opsForBlock(hash, exec.indexEntries(hash)) });
    exec.forget(hash);
    phases.index.push(cpuMs() - t);
    sizes.push(block.txs.length - 1);
    parent = block.header;
    parentHash = hash;
  }
  void parentHash;
  if (profiler !== undefined) await writeFile(values["profile-out"]!, JSON.stringify(await profiler.stop()));
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const n = median(sizes);
  console.log(
    `${blockCount} blocks of ${n} SendTxs (median), ${mempool.size} left pending; median µs per tx:`,
  );
  let total = 0;
  for (const [name, xs] of Object.entries(phases)) {
    const us = (median(xs) * 1000) / n;
    total += us;
    console.log(`  ${name.padEnd(8)} ${fmt(us, 1).padStart(8)}`);
  }
  console.log(
    `  ${"total".padEnd(8)} ${fmt(total, 1).padStart(8)}  -> ${fmt(1e6 / total)} tx/s on one core, without RPC`,
  );
} finally {
  await kv.close();
  await rm(dir, { recursive: true, force: true });
}

/** A V8 CPU profile of this process from now until `stop()`. */
async function startProfile(): Promise<{ stop(): Promise<unknown> }> {
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
  return {
    async stop() {
      const { profile: p } = await session.post("Profiler.stop");
      session.disconnect();
      return p;
    },
  };
}
