/**
 * The header-first syncer (docs/consensus.md §5.3, the package README's "Sync"): locator inventory requests
 * to up to four peers, their headers queued (one chain linked to the local one, within the window above the
 * tip), the bodies asked for in batches spread over the announcing peers, never more than the window ahead
 * of the tip. The bodies reach the engine through its own subscription; the syncer watches its verdict,
 * re-asks on timeouts and penalises bad peers (`peers.ts`). It answers inventory requests (`responder.ts`).
 * Within the short gap it does nothing: the engine's backward fetch fills it. Timers come from the `Clock`.
 */
import { type Block, bytesToHex, type ThetaError } from "@theta/core-types";
import { Channel, type InboundMessage, type PeerId, type TimerHandle } from "../ports.ts";
import { blockHashOnce } from "../validator/decodeOnce.ts";
import { SyncErrorCode } from "./errors.ts";
import { createHeaderQueue, enqueueHeaders } from "./headerQueue.ts";
import { createInFlight } from "./inFlight.ts";
import * as L from "./limits.ts";
import { buildLocator } from "./locator.ts";
import { dataRequestMessage, decodeSyncInbound, inventoryRequestMessage } from "./messages.ts";
import { createSyncPeers } from "./peers.ts";
import { planRequests } from "./plan.ts";
import { createInventoryAnswerer } from "./responder.ts";
import { createInventoryRounds } from "./rounds.ts";
import type { EngineSyncView, HeaderSync, HeaderSyncDeps, HeaderSyncOptions } from "./types.ts";

/** Creates the syncer; `start()` subscribes and starts its tick. */
export function createHeaderSync(deps: HeaderSyncDeps, opts: HeaderSyncOptions = {}): HeaderSync {
  const { clock, network } = deps;
  const headerFirst = (opts.mode ?? "headerFirst") === "headerFirst";
  const window = opts.window ?? L.SYNC_WINDOW;
  const batch = opts.batch ?? L.SYNC_BATCH;
  const timeoutMs = opts.requestTimeoutMs ?? L.SYNC_REQUEST_TIMEOUT_MS;
  const tickMs = opts.tickMs ?? L.SYNC_TICK_MS;
  const periodMs = opts.inventoryPeriodMs ?? L.SYNC_INVENTORY_PERIOD_MS;
  const shortGap = opts.shortGap ?? L.SYNC_SHORT_GAP;
  const peers = createSyncPeers(network, () => clock.now());
  const queue = createHeaderQueue(window + L.INVENTORY_MAX_ENTRIES);
  const flight = createInFlight();
  const rounds = createInventoryRounds(clock, () => schedulePump());
  let round = 0;
  let startingHeight = 0n;
  let wasSyncing = false;
  /** A sync started and its queued headers are not all fetched yet. */
  let active = false;
  const counts = { dataRequests: 0, inventoryRequests: 0, peersAsked: new Set<PeerId>() };
  let timer: TimerHandle | undefined;
  let pumpTimer: TimerHandle | undefined;
  /** Every queued height below this one is asked for, received or valid (a tick rescans from the tip). */
  let scanFrom = 0n;
  let unsubscribe: (() => void) | undefined;
  const answer =
    deps.index === undefined
      ? undefined
      : createInventoryAnswerer({ network, store: deps.store, index: deps.index, forks: deps.forks }, (e) =>
          deps.trace?.(`sync: answering an inventory request failed: ${String(e)}`),
        );

  const view = (): EngineSyncView => deps.engine.syncView();
  const target = (v: EngineSyncView): bigint => {
    const named = headerFirst ? peers.bestHeight() : 0n;
    const t = v.highestSeenHeight > named ? v.highestSeenHeight : named;
    return t > v.tipHeight ? t : v.tipHeight;
  };
  const isSyncing = (v: EngineSyncView): boolean => target(v) > v.tipHeight + shortGap;
  const hashOf = (b: { header: Block["header"] }): Uint8Array =>
    blockHashOnce(b.header, deps.forks, deps.keccak256);

  const penalise = (peer: PeerId, code: SyncErrorCode, reason: string): void => {
    deps.trace?.(`sync penalises ${peer}: ${code} ${reason}`);
    peers.penalise(peer, code, reason);
    dropPeer(peer);
  };
  const strike = (peer: PeerId, code: SyncErrorCode, reason: string): void => {
    peers.strike(peer, code, reason);
    if (peers.isPenalised(peer)) dropPeer(peer);
  };
  const dropPeer = (peer: PeerId): void => {
    peers.addInFlight(peer, -flight.dropPeer(peer));
    queue.forget(peer);
    rounds.drop(peer);
  };

  const sendInventory = (v: EngineSyncView): void => {
    const usable = peers.usable();
    if (usable.length === 0) return;
    const starts: Uint8Array[] = [];
    // From the top of the queue while the answer fits the window (else the locator alone: a fresh claim).
    const topHeight = queue.top(v.tipHeight);
    const top = topHeight < v.tipHeight + BigInt(window) ? queue.at(topHeight) : undefined;
    if (top !== undefined) starts.push(top.hash);
    starts.push(...buildLocator(v));
    const first = round++ % usable.length;
    const asked = [...usable.slice(first), ...usable.slice(0, first)].slice(0, L.SYNC_INVENTORY_PEERS);
    const message = inventoryRequestMessage(starts);
    for (const p of asked) {
      network.send(p, Channel.Block, message);
      counts.peersAsked.add(p);
    }
    rounds.started(asked, clock.now() + timeoutMs);
    counts.inventoryRequests++;
  };

  /** Asks for the next bodies of the window, spread over the peers that announced them. */
  const pump = (): void => {
    const v = view();
    const syncing = isSyncing(v);
    if (syncing && !wasSyncing) startingHeight = v.tipHeight;
    wasSyncing = syncing;
    queue.prune(v.tipHeight);
    for (const [p, n] of flight.prune(v.tipHeight)) peers.addInFlight(p, -n);
    const top = queue.top(v.tipHeight);
    // Once a sync started, the headers it queued are fetched even within the short gap.
    if (syncing) active = true;
    else if (top === v.tipHeight) active = false;
    if (!headerFirst || !active) return;
    const last = top < v.tipHeight + BigInt(window) ? top : v.tipHeight + BigInt(window);
    const plan = planRequests({
      queue,
      flight,
      peers,
      usable: new Set(peers.usable()),
      blockState: (hash) => v.blockState(hash),
      from: scanFrom > v.tipHeight ? scanFrom : v.tipHeight + 1n,
      last,
    });
    let held = plan.coveredTo;
    const deadline = clock.now() + timeoutMs;
    for (const [p, bodies] of plan.byPeer) {
      for (let i = 0; i < bodies.length; i += batch) {
        const chunk = bodies.slice(i, i + batch);
        // A part batch more than a batch above the tip waits for more room (one request per applied block
        // would cost a message each way per block): the blocks below it keep the engine busy meanwhile.
        const first = (chunk[0] as (typeof chunk)[0]).height;
        if (chunk.length < batch && first > v.tipHeight + BigInt(batch)) {
          if (first < held) held = first;
          break;
        }
        for (const c of chunk) flight.ask({ ...c, peer: p, deadline });
        peers.addInFlight(p, chunk.length);
        network.send(p, Channel.Block, dataRequestMessage(chunk.map((c) => c.hash)));
        counts.dataRequests++;
        counts.peersAsked.add(p);
      }
    }
    scanFrom = held;
    // Pipelined: the next inventory round starts from the top of the queue as soon as the last one is in.
    if (syncing && rounds.over() && top < v.tipHeight + BigInt(window)) sendInventory(v);
  };
  /** A pump soon (after the current task), however many events ask for one meanwhile. */
  const schedulePump = (): void => {
    if (pumpTimer !== undefined || unsubscribe === undefined) return;
    pumpTimer = clock.setTimer(0, () => {
      pumpTimer = undefined;
      pump();
    });
  };

  const onHeaders = (from: PeerId, headers: readonly Block["header"][]): void => {
    if (headers.length === 0) return;
    for (const h of headers) {
      if (h.chainId !== deps.chainId) {
        penalise(from, SyncErrorCode.WrongChain, `chain id ${h.chainId}`);
        return;
      }
    }
    const v = view();
    const answer = enqueueHeaders(queue, headers, {
      from,
      tip: v.tipHeight,
      hashOf: (header) => hashOf({ header }),
      isValid: (hash) => v.blockState(hash) === "valid",
    });
    if (!answer.linked) {
      strike(from, SyncErrorCode.WrongChain, "headers that link to nothing known");
      return;
    }
    peers.saw(from, answer.best);
    if (answer.overclaims) strike(from, SyncErrorCode.WrongChain, "a last header it does not lead to");
    rounds.headers(from);
    pump();
  };

  const onBlock = (from: PeerId, block: Block): void => {
    const hash = hashOf(block);
    const t = flight.asked.get(bytesToHex(hash));
    if (t === undefined) return; // gossip or a backward-fetch answer: the engine's
    if (block.header.chainId !== deps.chainId) {
      penalise(from, SyncErrorCode.WrongChain, `block of chain ${block.header.chainId}`);
      return;
    }
    flight.arrived(hash, clock.now() + timeoutMs);
    peers.addInFlight(t.peer, -1);
    peers.answered(from);
    schedulePump();
  };

  const onMessage = (m: InboundMessage): void => {
    if (m.channel !== Channel.Block && m.channel !== Channel.Header) return;
    let msg: ReturnType<typeof decodeSyncInbound>;
    try {
      msg = decodeSyncInbound(m.channel, m.payload, deps.forks);
    } catch (e) {
      const err = e as ThetaError;
      if (peers.isPenalised(m.from)) return;
      penalise(m.from, err.code as SyncErrorCode, err.message);
      return;
    }
    // A penalised peer's requests are still answered; its answers are not used.
    if (msg.kind !== "inventoryRequest" && peers.isPenalised(m.from)) return;
    switch (msg.kind) {
      case "inventoryRequest":
        answer?.(m.from, msg.starts);
        return;
      case "inventoryResponse":
        // Not late (no timeout), but the round waits for its headers (up to the grace period).
        if (msg.hashes.length > 1) rounds.inventory(m.from);
        return;
      case "headers":
        onHeaders(m.from, msg.headers);
        return;
      case "block":
        onBlock(m.from, msg.block);
        return;
      default:
        return;
    }
  };

  /** Timeouts, the engine's verdicts on received blocks, a periodic inventory round, the next requests. */
  const tick = (): void => {
    const now = clock.now();
    const v = view();
    // One strike per peer and tick, however many of its blocks were late.
    for (const [p, late] of flight.expire(now)) {
      peers.addInFlight(p, -late.count);
      strike(p, SyncErrorCode.Timeout, `${late.count} blocks up to height ${late.height} not sent in time`);
    }
    for (const [k, t] of flight.received) {
      const state = v.blockState(t.hash);
      if (state === "invalid") {
        flight.received.delete(k);
        queue.dropFrom(t.height);
        penalise(t.peer, SyncErrorCode.InvalidBlock, `block at height ${t.height}`);
      } else if (state === "valid" || t.deadline <= now) flight.received.delete(k);
    }
    for (const p of rounds.expire(now))
      strike(p, SyncErrorCode.Timeout, "inventory request not answered in time");
    if (
      headerFirst &&
      (isSyncing(v) ? rounds.over() && now - rounds.lastAt() >= timeoutMs : now - rounds.lastAt() >= periodMs)
    ) {
      sendInventory(v);
    }
    scanFrom = 0n;
    pump();
    timer = clock.setTimer(tickMs, tick);
  };

  return {
    start() {
      if (unsubscribe !== undefined) return;
      unsubscribe = network.subscribe(onMessage);
      timer = clock.setTimer(0, tick);
    },
    stop() {
      unsubscribe?.();
      unsubscribe = undefined;
      timer?.cancel();
      timer = undefined;
      pumpTimer?.cancel();
      pumpTimer = undefined;
      rounds.stop();
    },
    poke: schedulePump,
    state() {
      const v = view();
      const syncing = isSyncing(v);
      return {
        syncing,
        currentHeight: v.tipHeight,
        targetHeight: target(v),
        startingHeight: syncing || wasSyncing ? startingHeight : v.tipHeight,
      };
    },
    backwardFetchAllowed: () => !headerFirst || !isSyncing(view()),
    held: () => flight.size(),
    penalties: () => peers.penalties(),
    sent: () => ({ ...counts, peersAsked: counts.peersAsked.size }),
  };
}
