/**
 * The elite-edge-node layer of a node (docs/consensus.md §3.6): every blockchain node runs the EEN
 * aggregator (votes on channel 12, aggregates on channel 13, the best one for the validator engine's
 * checkpoint proposals and header checks); with `een.enabled` the node also acts as an elite edge node
 * with its node key's BLS key (decision 9), voting for every checkpoint it sees finalized from the
 * Theta3 height on. The EEN stake set of a checkpoint is read from the ledger state of that block, with
 * the reference's sortition weight (docs/ledger.md §8.3).
 */
import { randomBytes } from "node:crypto";
import {
  type Clock,
  createBlsEenCrypto,
  createEenAggregatorService,
  createEenVoter,
  createSeededRandom,
  type EenAggregatorService,
  type EenStakeSource,
  type EenVoter,
  type FinalizedBlock,
  type Network,
  type Signer,
} from "@theta/consensus";
import type { BlockHeader, ChainProfile, Hash } from "@theta/core-types";
import { eenRewardWeight, type Ledger } from "@theta/ledger";
import type { Logger } from "pino";

/** What the layer runs on. */
export interface EenLayerDeps {
  readonly ledger: Pick<Ledger, "view">;
  readonly headerOf: (hash: Hash) => Promise<BlockHeader | undefined>;
  readonly network: Network;
  readonly clock: Clock;
  readonly signer: Signer;
  readonly keccak256: (data: Uint8Array) => Uint8Array;
  readonly profile: ChainProfile;
  readonly log: Logger;
}

/** `een.*` settings. */
export interface EenLayerOptions {
  /** Act as an elite edge node (config `een.enabled`). */
  readonly enabled: boolean;
  /** EEN round length and vote repeat interval (reference 30,000 ms). */
  readonly roundMs?: number;
}

/** The running layer. */
export interface EenLayer {
  readonly aggregator: EenAggregatorService;
  /** The voter, when the node acts as an elite edge node. */
  readonly voter: EenVoter | undefined;
  /** Called for every finalized block (votes for checkpoints from Theta3 on). */
  onFinalized(f: FinalizedBlock): void;
  stop(): void;
}

/** The EEN stake set of a checkpoint from the ledger state after that block. */
export function ledgerEenStakeSource(
  deps: Pick<EenLayerDeps, "ledger" | "headerOf" | "keccak256">,
): EenStakeSource {
  const viewAt = async (block: Hash) => {
    const h = await deps.headerOf(block);
    return h === undefined ? undefined : deps.ledger.view(h.stateHash);
  };
  return {
    async eliteEdgeNode(block, address) {
      const view = await viewAt(block);
      const een = await view?.getEliteEdgeNode(address);
      if (view === undefined || een === undefined) return undefined;
      const stake = een.stakes.reduce((a, s) => (s.withdrawn ? a : a + s.amount), 0n);
      const total = await view.getEenTotalActiveStake();
      return {
        stake,
        blsPubkey: een.blsPubkey,
        weight: eenRewardWeight(deps.keccak256, block, address, stake, total),
      };
    },
    async totalStake(block) {
      return (await (await viewAt(block))?.getEenTotalActiveStake()) ?? 0n;
    },
  };
}

/** Creates the aggregator (and the voter with `enabled`). */
export function createEenLayer(deps: EenLayerDeps, opts: EenLayerOptions): EenLayer {
  const roundLengthMs = opts.roundMs ?? 30_000;
  const seed = new DataView(randomBytes(8).buffer).getBigUint64(0);
  const aggregator = createEenAggregatorService(
    {
      clock: deps.clock,
      network: deps.network,
      random: createSeededRandom(seed),
      source: ledgerEenStakeSource(deps),
      crypto: createBlsEenCrypto(),
    },
    { roundLengthMs },
  );
  const voter = opts.enabled
    ? createEenVoter(
        { clock: deps.clock, network: deps.network, signer: deps.signer },
        { resendMs: roundLengthMs, resends: 2 },
      )
    : undefined;
  const { theta3Height } = deps.profile.headerForks;
  const interval = deps.profile.checkpointInterval;
  return {
    aggregator,
    voter,
    onFinalized(f) {
      if (voter === undefined || f.height < theta3Height || f.height % interval !== 1n) return;
      voter.checkpointFinalized(f.hash, f.height);
      deps.log.debug({ height: f.height.toString() }, "EEN vote sent");
    },
    stop() {
      voter?.stop();
      aggregator.stop();
    },
  };
}
