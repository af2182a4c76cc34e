/**
 * The validator engine (consensus.md §2): epochs entered through the 2/3 rule on votes, a stake-weighted
 * proposer per epoch, proposals built by the {@link Executor} and signed here, votes persisted through
 * the {@link VoteStore} before they are sent, epoch timeouts that repeat the epoch, commit certificates in
 * headers, two-chain finalization, fork choice, validator-set changes and block sync by hash.
 *
 * Every event is handled to completion by a serial queue, so a run on a virtual clock is deterministic.
 * A node whose key is not in the validator set validates, applies and finalizes without voting.
 *
 * Voting rule (§2.4) with one addition: within an epoch a validator votes for one block only (a repeated
 * epoch re-sends the same vote), so an honest node never produces equivocation evidence.
 */
import {
  type Block,
  bytesToHex,
  ChannelId,
  decodeBlock,
  encodeBlock,
  encodeHeader,
  equalBytes,
  filterByValidators,
  headerSignBytes,
  mergeVoteSets,
  type Proposal,
  uniqueVoter,
  uniqueVoterAndBlock,
  type Vote,
  voteSignBytes,
} from "@theta/core-types";
import { hasMajority } from "../majority.ts";
import type {
  InboundMessage,
  LastVoteRecord,
  PeerId,
  ChannelId as PortChannel,
  TimerHandle,
} from "../ports.ts";
import { selectProposer } from "../proposer.ts";
import { type Chain, createChain } from "./chain.ts";
import { createEpochVoteSet, type EpochVote } from "./epochVotes.ts";
import { createTaskQueue } from "./taskQueue.ts";
import type {
  EngineStatus,
  Evidence,
  FinalizedBlock,
  ValidatorEngine,
  ValidatorEngineDeps,
  ValidatorEngineOptions,
} from "./types.ts";
import { validateBlockBasic, validateBlockConsensus } from "./validation.ts";
import { createValidatorSets, type ValidatorSets } from "./validatorSets.ts";
import {
  blockMessage,
  blockRequestMessage,
  type ConsensusMessage,
  decodeConsensusMessage,
  proposalMessage,
  voteMessage,
} from "./wire.ts";

interface KeptVote extends EpochVote {
  readonly vote: Vote;
}

const SYNC_CHANNELS: ReadonlySet<number> = new Set([ChannelId.Proposal, ChannelId.Vote, ChannelId.Block]);
const ZERO32 = new Uint8Array(32);

/** Creates a validator engine; call `start()` to run it. */
export function createValidatorEngine(
  deps: ValidatorEngineDeps,
  opts: ValidatorEngineOptions,
): ValidatorEngine {
  const { clock, network, store, executor, signer, crypto } = deps;
  const forks = opts.forks;
  const interval = opts.blockIntervalMs ?? 6000;
  const timeout = opts.epochTimeoutMs ?? 2 * interval;
  const cpInterval = opts.checkpointInterval ?? 100n;
  const self = signer.address();
  const finalizedCbs = new Set<(f: FinalizedBlock) => void>();
  const evidenceCbs = new Set<(e: Evidence) => void>();
  const errorCbs = new Set<(e: unknown) => void>();
  const queue = createTaskQueue((e) => {
    for (const cb of errorCbs) cb(e);
  });

  let chain: Chain | undefined;
  let sets: ValidatorSets | undefined;
  let running = false;
  let epoch = 0n;
  let lastVote: LastVoteRecord | undefined;
  let lastProposal: { readonly epoch: bigint; readonly message: Uint8Array } | undefined;
  let timers: TimerHandle[] = [];
  let voteTimerReady = false;
  let blockProcessed = false;
  let isValidator = false;
  let unsubscribe: (() => void) | undefined;
  let peerCursor = 0;
  const epochVotes = createEpochVoteSet<KeptVote>();
  const seenVotes = new Set<string>();
  const proposals = new Map<string, { hash: string; header: Block["header"] }>();
  const requested = new Map<string, bigint>();

  const c = (): Chain => chain as Chain;
  const s = (): ValidatorSets => sets as ValidatorSets;
  const emitEvidence = (e: Evidence): void => {
    for (const cb of evidenceCbs) cb(e);
  };
  const blockHash = (b: Block): Uint8Array => crypto.keccak256(encodeHeader(b.header, forks));
  const inSet = (set: readonly { address: Uint8Array }[]): boolean =>
    set.some((v) => equalBytes(v.address, self));

  // ---- sync ----------------------------------------------------------------------------------------

  const requestBlock = async (hash: Uint8Array, from: PeerId | undefined): Promise<void> => {
    const key = bytesToHex(hash);
    if (c().entry(hash) !== undefined || c().isInvalid(hash) || c().isPending(hash)) return;
    if (requested.get(key) === epoch) return;
    requested.set(key, epoch);
    const local = await store.get(hash);
    if (local !== undefined) {
      await handleBlock(decodeBlock(local, forks), undefined);
      return;
    }
    let to = from;
    if (to === undefined) {
      const peers = network.peers();
      if (peers.length === 0) return;
      to = peers[peerCursor++ % peers.length] as PeerId;
    }
    network.send(to, ChannelId.Block as PortChannel, blockRequestMessage([hash]));
  };

  const serveBlocks = async (hashes: readonly Uint8Array[], to: PeerId): Promise<void> => {
    for (const hash of hashes.slice(0, 16)) {
      const e = c().entry(hash);
      const encoded = e === undefined ? await store.get(hash) : encodeBlock(e.block, forks);
      if (encoded === undefined) continue;
      network.send(to, ChannelId.Block as PortChannel, blockMessage(decodeBlock(encoded, forks), forks));
    }
  };

  // ---- blocks --------------------------------------------------------------------------------------

  const finalize = async (hashes: Uint8Array[]): Promise<void> => {
    for (const hash of hashes) {
      const e = c().entry(hash);
      if (e === undefined) continue;
      await store.markFinalized(hash);
      const f: FinalizedBlock = { block: e.block, hash, height: e.block.header.height };
      for (const cb of finalizedCbs) cb(f);
    }
    if (hashes.length > 0) c().prune(c().tree.lastFinalized().height);
  };

  const checkCommit = async (hash: Uint8Array): Promise<void> => {
    const tree = c().tree;
    const e = c().entry(hash);
    if (e === undefined || tree.isCommitted(hash)) return;
    if (e.block.header.height <= tree.highestCommitted().height) return;
    const set = await s().validatorSet(hash);
    const voters = uniqueVoter(c().votesFor(hash)).map((v) => v.id);
    if (!hasMajority(set, voters)) return;
    await finalize(tree.commit(hash));
  };

  const processValid = async (block: Block, hash: Uint8Array): Promise<boolean> => {
    const check = await validateBlockConsensus(block, {
      chain: c(),
      sets: s(),
      crypto,
      mayCarryGuardianVotes: (h) => h >= forks.theta2Height && h % cpInterval === 1n,
    });
    if (!check.ok) {
      c().markInvalid(hash);
      return false;
    }
    const outcome = await executor.apply(block, hash);
    if (!outcome.ok) {
      c().markInvalid(hash);
      return false;
    }
    c().addValid(block, hash, outcome.hasValidatorUpdate);
    await store.put(hash, encodeBlock(block, forks));
    for (const v of block.header.hcc.votes) await handleVote(v, undefined);
    await checkCommit(hash);
    const be = block.header.epoch;
    if (be === epoch || be + 1n === epoch) {
      blockProcessed = true;
      if (voteTimerReady) await vote();
    }
    return true;
  };

  const handleBlock = async (block: Block, from: PeerId | undefined): Promise<void> => {
    const hash = blockHash(block);
    const ch = c();
    if (ch.entry(hash) !== undefined || ch.isInvalid(hash) || ch.isPending(hash)) return;
    const h = block.header;
    if (h.height <= ch.tree.lastFinalized().height) return;
    if (!validateBlockBasic(block, opts.chainId, forks, crypto).ok) {
      ch.markInvalid(hash);
      return;
    }
    const pkey = `${bytesToHex(h.proposer)}:${h.epoch}`;
    const seen = proposals.get(pkey);
    if (seen === undefined) proposals.set(pkey, { hash: bytesToHex(hash), header: h });
    else if (seen.hash !== bytesToHex(hash))
      emitEvidence({ kind: "proposal", first: seen.header, second: h });
    if (ch.entry(h.parent) === undefined) {
      if (ch.isInvalid(h.parent)) ch.markInvalid(hash);
      else {
        ch.addPending(block, hash);
        await requestBlock(h.parent, from);
      }
      return;
    }
    // Process this block, then any parked descendants, parents first.
    const work = [{ block, hash }];
    while (work.length > 0) {
      const next = work.shift() as { block: Block; hash: Uint8Array };
      if (ch.entry(next.hash) !== undefined) continue;
      if (await processValid(next.block, next.hash)) work.push(...ch.takeChildren(next.hash));
      else for (const child of ch.takeChildren(next.hash)) ch.markInvalid(child.hash);
    }
  };

  // ---- votes ---------------------------------------------------------------------------------------

  const handleVote = async (v: Vote, from: PeerId | undefined): Promise<void> => {
    const key = `${bytesToHex(v.id)}:${bytesToHex(v.block)}:${v.epoch}`;
    if (seenVotes.has(key)) return;
    if (equalBytes(v.block, ZERO32) || v.signature === undefined) return;
    const who = crypto.recoverAddress(voteSignBytes(v), v.signature);
    if (who === undefined || !equalBytes(who, v.id)) return;
    seenVotes.add(key);
    const ev = epochVotes.add({ voter: v.id, block: v.block, epoch: v.epoch, vote: v });
    if (ev !== undefined) emitEvidence({ kind: "vote", first: ev.first.vote, second: ev.second.vote });
    c().addVote(v);
    if (c().entry(v.block) !== undefined) await checkCommit(v.block);
    else if (v.height > c().tree.lastFinalized().height) await requestBlock(v.block, from);
    if (v.epoch >= epoch) {
      const set = await s().nextValidatorSet(c().tree.lastFinalized().hash);
      if (epochVotes.hasMajorityFrom(set, v.epoch)) {
        if (v.epoch > epoch) {
          for (const k of epochVotes.all()) {
            if (k.epoch >= v.epoch) network.broadcast(ChannelId.Vote as PortChannel, voteMessage(k.vote));
          }
        }
        await enterEpoch(v.epoch + 1n);
      }
    }
  };

  const vote = async (): Promise<void> => {
    const tree = c().tree;
    const tip = tree.tip();
    isValidator = inSet(await s().validatorSet(tip.hash));
    if (!isValidator) return;
    const hccHash = tree.highestCommitted().hash;
    let target: { hash: Uint8Array; height: bigint } | undefined;
    if (lastVote !== undefined && lastVote.epoch === epoch) {
      target = { hash: lastVote.blockHash, height: lastVote.height };
    } else if (tip.height > (lastVote?.height ?? -1n) && equalBytes(tip.hcc, hccHash)) {
      target = { hash: tip.hash, height: tip.height };
    } else if (lastVote !== undefined) {
      target = { hash: lastVote.blockHash, height: lastVote.height };
    }
    if (target === undefined) return;
    const record: LastVoteRecord = { epoch, height: target.height, blockHash: target.hash };
    if (lastVote === undefined || lastVote.epoch !== epoch || !equalBytes(lastVote.blockHash, target.hash)) {
      await deps.votes.save(record);
      lastVote = record;
    }
    const unsigned: Vote = {
      block: target.hash,
      height: target.height,
      epoch,
      id: self,
      signature: undefined,
    };
    const signed: Vote = { ...unsigned, signature: signer.signSecp256k1(voteSignBytes(unsigned)) };
    network.broadcast(ChannelId.Vote as PortChannel, voteMessage(signed));
    await handleVote(signed, undefined);
  };

  // ---- proposals -----------------------------------------------------------------------------------

  const propose = async (): Promise<void> => {
    if (lastProposal !== undefined && lastProposal.epoch === epoch) {
      network.broadcast(ChannelId.Proposal as PortChannel, lastProposal.message);
      return;
    }
    const ch = c();
    const tree = ch.tree;
    const tip = tree.tip(true);
    const parent = ch.entry(tip.hash);
    if (parent === undefined || epoch <= parent.block.header.epoch) return;
    const hccBlock = tree.highestCommitted();
    const grand = ch.entry(parent.block.header.parent);
    const updateNear = parent.hasValidatorUpdate || grand?.hasValidatorUpdate === true;
    if (updateNear && !equalBytes(tip.hash, hccBlock.hash)) return; // would break §1.7 item 5: wait
    const nextSet = await s().nextValidatorSet(tip.hash);
    if (nextSet.length === 0 || !equalBytes(selectProposer(nextSet, epoch).validator.address, self)) return;
    const hccSet = (await s().validatorSet(hccBlock.hash)).map((v) => v.address);
    const hccVotes = filterByValidators(uniqueVoter(ch.votesFor(hccBlock.hash)), hccSet);
    const built = await executor.propose(parent.block.header, tip.height + 1n, epoch, {
      proposer: self,
      hcc: { votes: equalBytes(hccBlock.hash, ch.rootHash) ? [] : hccVotes, blockHash: hccBlock.hash },
      guardianVotes: undefined,
      timestamp: BigInt(Math.floor(clock.now() / 1000)),
    });
    const unsigned = { ...built.header, signature: undefined };
    const block: Block = {
      ...built,
      header: { ...unsigned, signature: signer.signSecp256k1(headerSignBytes(unsigned, forks)) },
    };
    const epochVotesNow = epochVotes
      .all()
      .filter((k) => k.epoch === epoch)
      .map((k) => k.vote);
    const votes = filterByValidators(uniqueVoterAndBlock(mergeVoteSets(hccVotes, epochVotesNow)), hccSet);
    const proposal: Proposal = { block, proposerId: self, votes };
    const message = proposalMessage(proposal, forks);
    lastProposal = { epoch, message };
    network.broadcast(ChannelId.Proposal as PortChannel, message);
    await handleBlock(block, undefined);
  };

  // ---- epochs --------------------------------------------------------------------------------------

  const armTimers = (): void => {
    for (const t of timers) t.cancel();
    const e = epoch;
    timers = [
      clock.setTimer(interval, () => queue.push(() => onVoteTimer(e))),
      clock.setTimer(timeout, () => queue.push(() => onEpochTimeout(e))),
    ];
  };

  const enterEpoch = async (e: bigint): Promise<void> => {
    epoch = e;
    voteTimerReady = false;
    blockProcessed = c().tree.tip().height > 0n && c().header(c().tree.tip().hash).epoch === e;
    armTimers();
    await propose();
  };

  const onVoteTimer = async (e: bigint): Promise<void> => {
    if (!running || e !== epoch) return;
    voteTimerReady = true;
    if (blockProcessed) await vote();
  };

  const onEpochTimeout = async (e: bigint): Promise<void> => {
    if (!running || e !== epoch) return;
    await vote();
    if (e !== epoch) return; // our own vote completed a 2/3 majority
    for (const parent of c().missingParents()) await requestBlock(parent, undefined);
    await enterEpoch(epoch);
  };

  // ---- messages ------------------------------------------------------------------------------------

  const dispatch = async (m: ConsensusMessage, from: PeerId): Promise<void> => {
    switch (m.kind) {
      case "proposal":
        for (const v of m.proposal.votes) await handleVote(v, from);
        if (
          m.proposal.block !== undefined &&
          equalBytes(m.proposal.block.header.proposer, m.proposal.proposerId)
        )
          await handleBlock(m.proposal.block, from);
        return;
      case "vote":
        return handleVote(m.vote, from);
      case "block":
        return handleBlock(m.block, from);
      case "blockRequest":
        return serveBlocks(m.hashes, from);
      default:
        return;
    }
  };

  const onMessage = (msg: InboundMessage): void => {
    if (!SYNC_CHANNELS.has(msg.channel)) return;
    queue.push(async () => {
      if (!running) return;
      let m: ConsensusMessage;
      try {
        m = decodeConsensusMessage(msg.channel, msg.payload, forks);
      } catch {
        return; // malformed input from a peer is dropped
      }
      await dispatch(m, msg.from);
    });
  };

  const loadRoot = async (): Promise<{ block: Block; hash: Uint8Array }> => {
    const hash = await store.lastFinalized();
    const encoded = hash === undefined ? undefined : await store.get(hash);
    if (hash !== undefined && encoded !== undefined) return { block: decodeBlock(encoded, forks), hash };
    return { block: opts.genesis, hash: blockHash(opts.genesis) };
  };

  const status = (): EngineStatus => {
    const tree = c().tree;
    const tip = tree.tip();
    return {
      epoch,
      height: tip.height,
      tipHash: tip.hash,
      highestCommittedHeight: tree.highestCommitted().height,
      lastFinalizedHeight: tree.lastFinalized().height,
      lastFinalizedHash: tree.lastFinalized().hash,
      isValidator,
    };
  };

  const listen = <T>(set: Set<T>, cb: T): (() => void) => {
    set.add(cb);
    return () => set.delete(cb);
  };

  return {
    async start() {
      const root = await loadRoot();
      chain = createChain(root.block, root.hash);
      sets = createValidatorSets(chain, executor);
      lastVote = await deps.votes.load();
      isValidator = inSet(await sets.validatorSet(root.hash));
      running = true;
      unsubscribe = network.subscribe(onMessage);
      const first = root.block.header.epoch + 1n;
      const start = lastVote !== undefined && lastVote.epoch > first ? lastVote.epoch : first;
      queue.push(() => enterEpoch(start));
      await queue.whenIdle();
    },
    async stop() {
      running = false;
      for (const t of timers) t.cancel();
      timers = [];
      unsubscribe?.();
      await queue.whenIdle();
    },
    status,
    onFinalized: (cb) => listen(finalizedCbs, cb),
    onEvidence: (cb) => listen(evidenceCbs, cb),
    onError: (cb) => listen(errorCbs, cb),
    idle: () => queue.idle(),
    whenIdle: () => queue.whenIdle(),
  };
}
