/**
 * The validator engine (consensus.md §2): epochs entered through the 2/3 rule on votes, a stake-weighted
 * proposer per epoch, proposals built by the {@link Executor} and signed here, votes persisted through
 * the {@link VoteStore} before they are sent, epoch timeouts that repeat the epoch, commit certificates in
 * headers, two-chain finalization, fork choice, validator-set changes and block sync by hash.
 *
 * Every event is handled to completion by a serial queue, so a run on a virtual clock is deterministic.
 * A node whose key is not in the validator set validates, applies and finalizes without voting.
 *
 * Voting rule as in §2.4: heights strictly increase, and a tip whose HCC is not the local highest CC
 * gets a re-vote of the last block instead. Additions for lossy links: the epoch advances to the highest
 * epoch that has a 2/3 majority at or above it; a voter stuck below our highest CC is sent that CC; a
 * proposer waits (at most half an interval) for its tip's CC so its block can finalize the parent; and a
 * proposer persists its epoch (as its last vote) before proposing, so a restart never proposes twice in
 * one epoch.
 */
import {
  type Block,
  bytesToHex,
  ChannelId,
  decodeBlock,
  encodeBlock,
  encodeHeader,
  equalBytes,
  type Vote,
  voteSignBytes,
} from "@theta/core-types";
import { hasMajorityByKeys } from "../majority.ts";
import type {
  InboundMessage,
  LastVoteRecord,
  PeerId,
  ChannelId as PortChannel,
  StakeEntry,
  TimerHandle,
} from "../ports.ts";
import { selectProposer } from "../proposer.ts";
import { createBlockRequests, loadRoot, serveBlocks } from "./blockRequests.ts";
import { createCcSharing } from "./ccSharing.ts";
import { type Chain, chainStatus, createChain } from "./chain.ts";
import { createEpochVoteSet, type EpochVote } from "./epochVotes.ts";
import { buildProposal } from "./proposalBuilder.ts";
import { createTaskQueue } from "./taskQueue.ts";
import type {
  EngineStatus,
  Evidence,
  FinalizedBlock,
  ValidatorEngine,
  ValidatorEngineDeps,
  ValidatorEngineOptions,
} from "./types.ts";
import {
  guardianVotesValid,
  isVoteSigned,
  validateBlockBasic,
  validateBlockConsensus,
} from "./validation.ts";
import { createValidatorSets, type ValidatorSets } from "./validatorSets.ts";
import { type ConsensusMessage, decodeConsensusMessage, proposalMessage, voteMessage } from "./wire.ts";

interface KeptVote extends EpochVote {
  readonly vote: Vote;
}

const voteKey = (v: Vote): string => `${bytesToHex(v.id)}:${bytesToHex(v.block)}:${v.epoch}`;
const SYNC_CHANNELS: ReadonlySet<number> = new Set([ChannelId.Proposal, ChannelId.Vote, ChannelId.Block]);
const ZERO32 = new Uint8Array(32);
const RETAIN_EPOCHS = 1024n;
/** Inbound messages queued at most (the reference's queues hold 512 per kind). */
const MAX_QUEUED = 8192;

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
  let deferredProposal: bigint | undefined;
  const epochVotes = createEpochVoteSet<KeptVote>();
  const seenVotes = new Map<string, bigint>(); // verified votes by key, with their epoch
  const proposals = new Map<string, { hash: string; header: Block["header"] }>();
  let finalizedCount = 0;
  /** NextValidatorSet(last finalized), recomputed when the last finalized block changes. */
  let epochSet: { block: unknown; set: readonly StakeEntry[] } | undefined;
  /** Forgets per-epoch bookkeeping older than `RETAIN_EPOCHS` epochs (long-running nodes). */
  const pruneCaches = (): void => {
    const floor = epoch - RETAIN_EPOCHS;
    for (const [k, e] of seenVotes) if (e < floor) seenVotes.delete(k);
    for (const [k, p] of proposals) if (p.header.epoch < floor) proposals.delete(k);
  };
  const trace = (line: string): void =>
    opts.trace?.(`${clock.now()} ${bytesToHex(self).slice(0, 8)} ${line}`);
  const requests = createBlockRequests(network, opts.trace === undefined ? undefined : trace);

  const c = (): Chain => chain as Chain;
  const s = (): ValidatorSets => sets as ValidatorSets;
  const emitEvidence = (e: Evidence): void => {
    for (const cb of evidenceCbs) cb(e);
  };
  const mayCarryGuardianVotes = (h: bigint): boolean => h >= forks.theta2Height && h % cpInterval === 1n;
  const blockHash = (b: Block): Uint8Array => crypto.keccak256(encodeHeader(b.header, forks));
  const inSet = (set: readonly { address: Uint8Array }[]): boolean =>
    set.some((v) => equalBytes(v.address, self));

  // ---- sync ----------------------------------------------------------------------------------------

  const knows = (hash: Uint8Array): boolean =>
    c().entry(hash) !== undefined || c().isInvalid(hash) || c().isPending(hash);

  const requestBlock = async (hash: Uint8Array, from: PeerId | undefined): Promise<void> => {
    if (knows(hash)) return;
    const local = await store.get(hash); // a restarted node first looks at what it stored before
    if (local !== undefined) {
      await handleBlock(decodeBlock(local, forks), undefined);
      return;
    }
    requests.want(hash, from);
  };

  // ---- blocks --------------------------------------------------------------------------------------

  const finalize = async (hashes: Uint8Array[]): Promise<void> => {
    for (const hash of hashes) {
      const e = c().entry(hash);
      if (e === undefined) continue;
      await store.markFinalized(hash);
      const height = e.block.header.height;
      if (deps.guardian !== undefined && height >= forks.theta2Height && height % cpInterval === 1n) {
        deps.guardian.startCheckpoint(hash, await executor.guardiansFor(hash));
      }
      const f: FinalizedBlock = { block: e.block, hash, height: e.block.header.height };
      for (const cb of finalizedCbs) cb(f);
    }
    if (hashes.length > 0) c().prune(c().tree.lastFinalized().height);
    finalizedCount += hashes.length;
    if (finalizedCount >= 64) {
      finalizedCount = 0;
      pruneCaches();
    }
  };

  const checkCommit = async (hash: Uint8Array): Promise<void> => {
    const tree = c().tree;
    const e = c().entry(hash);
    if (e === undefined || tree.isCommitted(hash)) return;
    if (e.block.header.height <= tree.highestCommitted().height) return;
    const set = await s().validatorSet(hash);
    if (!hasMajorityByKeys(set, c().votersFor(hash))) return;
    await finalize(tree.commit(hash));
    if (deferredProposal === epoch && tree.isCommitted(tree.tip(true).hash)) await propose(true);
  };

  const processValid = async (block: Block, hash: Uint8Array): Promise<boolean> => {
    const check = await validateBlockConsensus(block, {
      chain: c(),
      sets: s(),
      isSigned: (v) => seenVotes.has(voteKey(v)) || isVoteSigned(v, crypto),
      mayCarryGuardianVotes,
    });
    if (!check.ok) {
      trace(`rejects ${bytesToHex(hash).slice(0, 8)}: ${check.message}`);
      c().markInvalid(hash);
      return false;
    }
    if (!(await guardianVotesValid(block, c(), deps.guardian, executor))) {
      trace(`rejects ${bytesToHex(hash).slice(0, 8)}: guardian votes`);
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

  const shareCommitCertificate = createCcSharing(network);

  const handleVote = async (v: Vote, from: PeerId | undefined): Promise<void> => {
    const key = voteKey(v);
    if (seenVotes.has(key)) return;
    if (equalBytes(v.block, ZERO32) || !isVoteSigned(v, crypto)) return;
    seenVotes.set(key, v.epoch);
    const height =
      c().entry(v.block)?.block.header.height ?? c().pendingBlock(v.block)?.header.height ?? v.height;
    const ev = epochVotes.add({ voter: v.id, block: v.block, epoch: v.epoch, height, vote: v });
    if (ev !== undefined) emitEvidence({ kind: "vote", first: ev.first.vote, second: ev.second.vote });
    c().addVote(v);
    if (from !== undefined) shareCommitCertificate(c(), epoch, v, from);
    if (c().entry(v.block) !== undefined) await checkCommit(v.block);
    else if (v.height > c().tree.lastFinalized().height) await requestBlock(v.block, from);
    if (v.epoch >= epoch) {
      const fin = c().tree.lastFinalized();
      if (epochSet?.block !== fin) epochSet = { block: fin, set: await s().nextValidatorSet(fin.hash) };
      const set = epochSet.set;
      const e = epochVotes.highestMajorityEpoch(set, epoch);
      if (e !== undefined) {
        if (e > epoch) {
          // Jumping ahead: pass the votes on so that laggards can follow (§2.5).
          for (const k of epochVotes.all()) {
            if (k.epoch >= e) network.broadcast(ChannelId.Vote as PortChannel, voteMessage(k.vote));
          }
        }
        await enterEpoch(e + 1n);
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
    if (tip.height > (lastVote?.height ?? -1n) && equalBytes(tip.hcc, hccHash)) {
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

  const propose = async (force = false): Promise<void> => {
    if (deferredProposal === epoch && !force) return;
    deferredProposal = undefined;
    if (lastProposal !== undefined && lastProposal.epoch === epoch) {
      network.broadcast(ChannelId.Proposal as PortChannel, lastProposal.message);
      return;
    }
    // A restarted node does not know what it proposed before; it never proposes in an epoch it acted in.
    if (lastVote !== undefined && epoch <= lastVote.epoch) return;
    const ch = c();
    const tree = ch.tree;
    const tip = tree.tip(true);
    const parent = ch.entry(tip.hash);
    if (parent === undefined || epoch <= parent.block.header.epoch) return;
    const grand = ch.entry(parent.block.header.parent);
    const updateNear = parent.hasValidatorUpdate || grand?.hasValidatorUpdate === true;
    if (updateNear && !equalBytes(tip.hash, tree.highestCommitted().hash)) return; // would break §1.7 item 5: wait
    const nextSet = await s().nextValidatorSet(tip.hash);
    if (nextSet.length === 0 || !equalBytes(selectProposer(nextSet, epoch).validator.address, self)) return;
    if (!force && !tree.isCommitted(tip.hash)) {
      // Wait (at most half an interval) for the tip's CC, so the block can certify its parent (§2.7).
      deferredProposal = epoch;
      const e = epoch;
      clock.setTimer(interval / 2, () =>
        queue.push(async () => {
          if (running && deferredProposal === e && epoch === e) await propose(true);
        }),
      );
      return;
    }
    const proposal = await buildProposal({
      chain: ch,
      sets: s(),
      executor,
      signer,
      forks,
      parent: parent.block,
      epoch,
      timestamp: BigInt(Math.floor(clock.now() / 1000)),
      guardianVotes: mayCarryGuardianVotes(tip.height + 1n) ? deps.guardian?.best() : undefined,
      epochVotes: epochVotes
        .all()
        .filter((k) => k.epoch === epoch)
        .map((k) => k.vote),
    });
    const block = proposal.block;
    // Persist the epoch as acted in (with the vote this proposer will cast in it) before anyone sees
    // the proposal, so that a restart cannot propose a second block in this epoch.
    const hash = blockHash(block);
    const ownVote =
      lastVote === undefined || block.header.height > lastVote.height
        ? { epoch, height: block.header.height, blockHash: hash }
        : { ...lastVote, epoch };
    await deps.votes.save(ownVote);
    lastVote = ownVote;
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
    if (opts.trace !== undefined) {
      const t = c().tree;
      trace(
        `epoch ${epoch} -> ${e} tip=${t.tip().height} cc=${t.highestCommitted().height} fin=${t.lastFinalized().height}`,
      );
    }
    epoch = e;
    voteTimerReady = false;
    for (const parent of c().missingParents()) await requestBlock(parent, undefined);
    requests.retry(knows);
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
        return serveBlocks({ network, chain: c(), store, forks }, m.hashes, from);
      default:
        return;
    }
  };

  const onMessage = (msg: InboundMessage): void => {
    if (!SYNC_CHANNELS.has(msg.channel) || queue.size() >= MAX_QUEUED) return; // overload: drop
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

  const status = (): EngineStatus => ({ ...chainStatus(c()), epoch, isValidator });

  const listen = <T>(set: Set<T>, cb: T): (() => void) => {
    set.add(cb);
    return () => set.delete(cb);
  };

  return {
    async start() {
      const root = await loadRoot(store, forks, opts.genesis, blockHash);
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
