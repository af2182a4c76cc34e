/**
 * The validator engine (docs/consensus.md §2): epochs entered through the 2/3 rule on votes, a stake-weighted
 * proposer per epoch, proposals built by the `Executor` and signed here, votes persisted through
 * the `VoteStore` before they are sent, epoch timeouts that repeat the epoch, commit certificates in
 * headers, two-chain finalization, fork choice, validator-set changes and block sync by hash.
 *
 * This module holds the lifecycle and the dispatch only. `start()` creates the engine's state record
 * (`engineState.ts`); every event (a message, a timer) becomes a task on a serial queue that runs its
 * transitions to completion (`dispatch.ts`), so a run on a virtual clock is deterministic. The handlers
 * live in `sync.ts`, `blocks.ts`, `votes.ts`, `commits.ts`, `proposals.ts` and `epochs.ts`.
 * A node whose key is not in the validator set validates, applies and finalizes without voting.
 */
import { bytesToHex, ChannelId } from "@theta/core-types";
import type { InboundMessage } from "../ports.ts";
import type { EngineSyncView } from "../sync/types.ts";
import { chainStatus } from "./chain.ts";
import { decodeConsensusMessageOnce } from "./decodeOnce.ts";
import { messageTransitions, runTransitions } from "./dispatch.ts";
import { type EngineDeps, type EngineState, firstEpoch, openEngineState } from "./engineState.ts";
import { MAX_QUEUED_BYTES, MAX_QUEUED_MESSAGES } from "./limits.ts";
import { createTaskQueue } from "./taskQueue.ts";
import type { Transition } from "./transitions.ts";
import type {
  EngineStatus,
  Evidence,
  FinalizedBlock,
  RetainedCounts,
  ValidatorEngine,
  ValidatorEngineDeps,
  ValidatorEngineOptions,
} from "./types.ts";
import type { ConsensusMessage } from "./wire.ts";

const SYNC_CHANNELS: ReadonlySet<number> = new Set([ChannelId.Proposal, ChannelId.Vote, ChannelId.Block]);
/** The channels whose messages may carry a block. */
const BLOCK_CHANNELS: ReadonlySet<number> = new Set([ChannelId.Proposal, ChannelId.Block]);

/** Where the engine is in its life: no state before `start()`, the state kept after `stop()`. */
type Lifecycle =
  | { readonly phase: "created" }
  | { readonly phase: "running"; readonly state: EngineState; readonly unsubscribe: () => void }
  | { readonly phase: "stopped"; readonly state: EngineState };

/** Creates a validator engine; call `start()` to run it. */
export function createValidatorEngine(
  ports: ValidatorEngineDeps,
  opts: ValidatorEngineOptions,
): ValidatorEngine {
  const finalizedCbs = new Set<(f: FinalizedBlock) => void>();
  const evidenceCbs = new Set<(e: Evidence) => void>();
  const errorCbs = new Set<(e: unknown) => void>();
  const queue = createTaskQueue((e) => {
    for (const cb of errorCbs) cb(e);
  });
  let life: Lifecycle = { phase: "created" };
  /** Inbound messages waiting in the queue, and their payload bytes. */
  let queuedMessages = 0;
  let queuedBytes = 0;

  /** Runs transitions as one queued task, if the engine is still running when the task's turn comes. */
  const enqueue = (first: () => readonly Transition[]): void =>
    queue.push(async () => {
      if (life.phase === "running") await runTransitions(life.state, deps, first());
    });

  const { clock, signer } = ports;
  const self = signer.address();
  const interval = opts.blockIntervalMs ?? 6000;
  const sink = opts.trace;
  const deps: EngineDeps = {
    ...ports,
    guardian: ports.guardian,
    chainId: opts.chainId,
    forks: opts.forks,
    genesis: opts.genesis,
    intervalMs: interval,
    timeoutMs: opts.epochTimeoutMs ?? 2 * interval,
    checkpointInterval: opts.checkpointInterval ?? 100n,
    self,
    backwardFetch: opts.backwardFetch,
    trace:
      sink === undefined
        ? undefined
        : (line) => sink(`${clock.now()} ${bytesToHex(self).slice(0, 8)} ${line}`),
    emitEvidence(e) {
      for (const cb of evidenceCbs) cb(e);
    },
    emitFinalized(f) {
      for (const cb of finalizedCbs) cb(f);
    },
    schedule: (ms, t) => clock.setTimer(ms, () => enqueue(() => [t])),
  };

  /** A message of a block-carrying channel, decoded; undefined for other channels and malformed input. */
  const decodeBlockMessage = (msg: InboundMessage): ConsensusMessage | undefined => {
    if (!BLOCK_CHANNELS.has(msg.channel)) return undefined;
    try {
      return decodeConsensusMessageOnce(msg.channel, msg.payload, deps.forks);
    } catch {
      return undefined;
    }
  };
  const lastFinalizedHeight = (): bigint =>
    life.phase === "running" ? life.state.chain.tree.lastFinalized().height : -1n;

  const onMessage = (msg: InboundMessage): void => {
    if (!SYNC_CHANNELS.has(msg.channel)) return;
    const bytes = msg.payload.length;
    // Overload: drop what does not fit the queue's bounds (count of tasks, bytes of queued payloads).
    if (queue.size() >= MAX_QUEUED_MESSAGES || queuedBytes + bytes > MAX_QUEUED_BYTES) return;
    // A block is decoded on arrival and shown to the executor, whose preparation (e.g. signature checks
    // on other threads) then runs while the queue works through earlier tasks. What does not decode is
    // queued as before and dropped at its turn.
    const early = ports.executor.prepare !== undefined ? decodeBlockMessage(msg) : undefined;
    const block =
      early?.kind === "block" ? early.block : early?.kind === "proposal" ? early.proposal.block : undefined;
    if (block !== undefined && block.header.height > lastFinalizedHeight()) ports.executor.prepare?.(block);
    queuedMessages++;
    queuedBytes += bytes;
    // A decoded message does not keep its payload in the queue.
    const { channel, from } = msg;
    const payload = early === undefined ? msg.payload : undefined;
    queue.push(async () => {
      queuedMessages--;
      queuedBytes -= bytes;
      if (life.phase !== "running") return;
      let m: ConsensusMessage;
      try {
        m = early ?? decodeConsensusMessageOnce(channel, payload ?? new Uint8Array(0), deps.forks);
      } catch {
        return; // malformed input from a peer is dropped
      }
      await runTransitions(life.state, deps, messageTransitions(m, from));
    });
  };

  const started = (): EngineState => {
    if (life.phase === "created") throw new Error("validator engine not started");
    return life.state;
  };

  const listen = <T>(set: Set<T>, cb: T): (() => void) => {
    set.add(cb);
    return () => set.delete(cb);
  };

  return {
    async start() {
      if (life.phase === "running") throw new Error("validator engine already running");
      const state = await openEngineState(deps);
      life = { phase: "running", state, unsubscribe: ports.network.subscribe(onMessage) };
      const epoch = firstEpoch(state);
      enqueue(() => [{ kind: "enterEpoch", epoch }]);
      await queue.whenIdle();
    },
    async stop() {
      if (life.phase === "running") {
        const { state, unsubscribe } = life;
        life = { phase: "stopped", state };
        for (const t of state.timers) t.cancel();
        state.timers = [];
        unsubscribe();
      }
      await queue.whenIdle();
    },
    status: (): EngineStatus => {
      const state = started();
      const chain = chainStatus(state.chain);
      let highestSeenHeight = state.highestSeenHeight;
      if (chain.height > highestSeenHeight) highestSeenHeight = chain.height;
      return { ...chain, epoch: state.epoch, isValidator: state.isValidator, highestSeenHeight };
    },
    syncView: (): EngineSyncView => {
      const { chain, highestSeenHeight } = started();
      const st = chainStatus(chain);
      let seen = highestSeenHeight;
      if (st.height > seen) seen = st.height;
      return {
        tipHeight: st.height,
        tipHash: st.tipHash,
        finalizedHeight: st.lastFinalizedHeight,
        finalizedHash: st.lastFinalizedHash,
        highestSeenHeight: seen,
        parentOf: (hash) => chain.entry(hash)?.block.header.parent,
        blockState: (hash) =>
          chain.entry(hash) !== undefined
            ? "valid"
            : chain.isPending(hash)
              ? "pending"
              : chain.isInvalid(hash)
                ? "invalid"
                : undefined,
      };
    },
    retained: (): RetainedCounts => {
      const state = started();
      const chain = state.chain.sizes();
      return {
        queuedMessages,
        queuedBytes,
        parkedBlocks: chain.parked,
        parkedBytes: chain.parkedBytes,
        invalidHashes: chain.invalid,
        votedBlocks: chain.votedBlocks,
        seenVotes: state.seenVotes.size,
        epochVotes: state.epochVotes.size(),
        proposalRecords: state.proposals.size,
      };
    },
    onFinalized: (cb) => listen(finalizedCbs, cb),
    onEvidence: (cb) => listen(evidenceCbs, cb),
    onError: (cb) => listen(errorCbs, cb),
    idle: () => queue.idle(),
    whenIdle: () => queue.whenIdle(),
  };
}
