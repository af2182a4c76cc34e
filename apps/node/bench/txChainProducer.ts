/**
 * The offline producer of the catch-up bench's tx chain: before the validator starts, it writes `blocks`
 * blocks of `perBlock` SendTx into the validator's data directory with the node's own modules — the
 * storage the node opens (LevelDB, versioned state, chain root, tx index: `openChainStorage`), the ledger
 * and @theta/chain's executor (which builds the body and state root as a proposal, then applies it), the
 * consensus block-store adapter with the tx-index ops of finalization, and the last-vote store. Each block
 * is signed with the validator key; its successor's HCC carries the validator's signed vote for it (the
 * single privatenet validator commits a block with its own vote), so block k is finalized once k+1 is
 * added, as the engine does; the last block is finalized at the end, so the restarted validator builds on
 * it. The mempool is replaced by the round of pre-signed txs (round r: sequence r of every account),
 * whose signatures, known good since they were just made, are put in the signature cache.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createChainExecutor } from "@theta/chain";
import {
  type Block,
  type BlockHeader,
  bytesToHex,
  encodeBlock,
  encodeTx,
  equalBytes,
  headerSignBytes,
  hexToBytes,
  type SendTx,
  SignBytesWrapper,
  txSignBytes,
  type Vote,
  voteSignBytes,
} from "@theta/core-types";
import { createContractRuntime } from "@theta/evm-adapter";
import { createLedger, type Mempool, primeSignatureCache, withSignatureCache } from "@theta/ledger";
import { pino } from "pino";
import { resolvePaths } from "../src/cmds/globalOptions.ts";
import { openChainStorage } from "../src/compose/chainStorage.ts";
import { hasStateRoot } from "../src/compose/stateDatabase.ts";
import { loadConfig } from "../src/config/loadConfig.ts";
import { PRIVATENET_TEST_KEYS, PRIVATENET_VALIDATOR } from "../src/genesis/privatenet.ts";
import { consensusBlockStore } from "../src/store/consensusBlockStore.ts";
import { createLastVoteStore } from "../src/store/lastVoteStore.ts";
import { type LoadAccount, unsignedLoadSend } from "./loadAccounts.ts";

/**
 * Empty blocks after the tx blocks. A restarted validator's first block carries its root's HCC without
 * votes (the engine does not keep them across a restart), which a follower that has not finalized that
 * root refuses; with two more blocks a follower finalizes the last tx block (its child is committed by
 * the votes in the grandchild's HCC) from the produced blocks alone.
 */
const TRAILING = 2;

/** What the producer wrote. */
export interface ProducedChain {
  /** The height of the last tx block (two empty blocks follow it). */
  readonly height: number;
  readonly sendTxs: number;
  readonly seconds: number;
}

/** Round `r` of the stream: account i sends 1 TFuelWei to account i+1 with sequence r, signed. */
function signRound(
  crypto: ReturnType<typeof withSignatureCache>,
  chainId: string,
  accounts: readonly LoadAccount[],
  r: number,
): Uint8Array[] {
  return accounts.map((from, i) => {
    const to = accounts[(i + 1) % accounts.length]!;
    const unsigned = unsignedLoadSend(from, to, r);
    // The sign bytes do not cover the signature: one message serves signing and the cache.
    const message = txSignBytes(chainId, unsigned, SignBytesWrapper.V1);
    const signature = crypto.sign(message, from.privateKey);
    primeSignatureCache(crypto, message, signature, from.address, true);
    const tx: SendTx = { ...unsigned, inputs: [{ ...unsigned.inputs[0]!, signature }] };
    return encodeTx(tx);
  });
}

/**
 * Writes `blocks` blocks of one round each into the (fresh) node dir `dir`, printing progress every
 * `progressEvery` blocks.
 */
export async function produceTxChain(
  dir: string,
  accounts: readonly LoadAccount[],
  blocks: number,
  progressEvery = 50,
): Promise<ProducedChain> {
  const file = join(dir, "config.yaml");
  const config = loadConfig({ yaml: { text: await readFile(file, "utf8"), file } });
  const log = pino({ level: "warn" });
  const storage = await openChainStorage({ config, paths: resolvePaths({ config: dir }) }, log);
  const { kv, profile, root, txIndex } = storage;
  const forks = profile.headerForks;
  const t0 = performance.now();
  try {
    const latest = await root.blocks.lastFinalized();
    if (latest !== undefined && latest.height > root.rootHeader.height) {
      throw new Error(`${dir} already holds blocks up to ${latest.height}`);
    }
    const sk = hexToBytes(PRIVATENET_TEST_KEYS.find((k) => k.address === PRIVATENET_VALIDATOR)!.privateKey);
    const crypto = withSignatureCache(storage.crypto, 4 * accounts.length + 1000);
    const self = crypto.privateKeyToAddress(sk);
    const ledger = createLedger({
      db: storage.db,
      profile,
      crypto,
      runtime: createContractRuntime({ keccak256: crypto.keccak256 }, { profile }),
    });
    let round: Uint8Array[] = [];
    const mempool = {
      reap: () => round,
      update: async () => [],
    } as unknown as Mempool;
    const executor = createChainExecutor({
      ethHashes: new Map(),
      ledger,
      mempool,
      blocks: root.blocks,
      state: storage.state,
      hasRoot: (r) => hasStateRoot(kv, r),
      crypto,
      signTx: (tx) => crypto.signTx(profile.chainId, tx, sk),
    });
    const store = consensusBlockStore(root.blocks, forks, {
      opsFor: (hash, b) => txIndex.opsForBlock(hash, executor.indexEntries(hash), b.block.header),
    });
    const votes = createLastVoteStore(kv);
    const set = await executor.validatorsFor(root.rootHash);
    if (set.length !== 1 || !equalBytes(set[0]!.address, self)) {
      throw new Error("the producer needs the privatenet validator as the only validator");
    }
    let parent: BlockHeader = root.rootHeader;
    let parentHash: Uint8Array = root.rootHash;
    let parentVote: Vote | undefined;
    // Timestamps one second apart, ending before now, so the restarted validator's blocks come later.
    const start = BigInt(Math.floor(Date.now() / 1000)) - BigInt(blocks + TRAILING) - 10n;
    let sendTxs = 0;
    for (let k = 1; k <= blocks + TRAILING; k++) {
      round = k <= blocks ? signRound(crypto, profile.chainId, accounts, k) : [];
      const height = parent.height + 1n;
      const epoch = parent.epoch + 1n;
      const built = await executor.propose(parent, height, epoch, {
        proposer: self,
        hcc: { blockHash: parentHash, votes: parentVote === undefined ? [] : [parentVote] },
        guardianVotes: undefined,
        timestamp: start > parent.timestamp ? start + BigInt(k) : parent.timestamp + 1n,
      });
      if (built.txs.length !== round.length + 1) {
        throw new Error(`block ${height}: ${built.txs.length - 1} of ${round.length} txs included`);
      }
      const unsigned = { ...built.header, signature: undefined };
      const block: Block = {
        ...built,
        header: { ...unsigned, signature: crypto.sign(headerSignBytes(unsigned, forks), sk) },
      };
      const hash = root.blocks.hashOf(block.header);
      const outcome = await executor.apply(block, hash);
      if (!outcome.ok) throw new Error(`block ${height}: ${outcome.reason}`);
      await store.put(hash, encodeBlock(block, forks));
      // The parent is finalized now that this block (carrying its CC) is committed by the vote below.
      if (parentVote !== undefined) {
        await store.markFinalized(parentHash);
        executor.forget(parentHash);
      }
      const vote: Vote = { block: hash, height, epoch, id: self, signature: undefined };
      parentVote = { ...vote, signature: crypto.sign(voteSignBytes(vote), sk) };
      await votes.save({ epoch, height, blockHash: hash });
      sendTxs += round.length;
      parent = block.header;
      parentHash = hash;
      if (k % progressEvery === 0 || k === blocks + TRAILING) {
        const s = (performance.now() - t0) / 1000;
        console.log(
          `tx chain: produced ${k}/${blocks + TRAILING} blocks (${sendTxs} SendTx) in ${s.toFixed(1)} s, ${(sendTxs / s).toFixed(0)} tx/s, height ${height} 0x${bytesToHex(hash).slice(0, 8)}`,
        );
      }
    }
    if (parentVote !== undefined) await store.markFinalized(parentHash);
    return { height: Number(parent.height) - TRAILING, sendTxs, seconds: (performance.now() - t0) / 1000 };
  } finally {
    await kv.close();
  }
}
