/**
 * The edge-node side (docs/consensus.md §3.6): a node acting as an elite edge node signs every checkpoint
 * it sees finalized — RLP `[Block]` with its BLS key through the {@link Signer} port — and sends the vote
 * on channel 12 to its peers (validators and guardians), repeating it a few times for lossy links.
 */
import { type EenVote, eenVoteSignBytes, ThetaError } from "@theta/core-types";
import { Channel, type Clock, type Network, type Signer, type TimerHandle } from "../ports.ts";
import { EenErrorCode } from "./errors.ts";
import { eenVoteMessage } from "./wire.ts";

/** Ports of the voter. */
export interface EenVoterDeps {
  readonly clock: Clock;
  readonly network: Network;
  /** The node key: its address and BLS key (decision 9 derivation on a node). */
  readonly signer: Signer;
}

/** Timings of the voter. */
export interface EenVoterOptions {
  /** Interval between repeats of a vote, ms (default 30,000, one EEN round). */
  readonly resendMs?: number;
  /** Repeats after the first send (default 2). */
  readonly resends?: number;
}

/** An edge node's voting. */
export interface EenVoter {
  /** Signs and sends a vote for a finalized checkpoint (stops repeating the previous one). */
  checkpointFinalized(block: Uint8Array, height: bigint): EenVote;
  /** The last vote cast. */
  lastVote(): EenVote | undefined;
  /** Stops repeating. */
  stop(): void;
}

/** Creates a voter; throws when the signer has no BLS key. */
export function createEenVoter(deps: EenVoterDeps, opts: EenVoterOptions = {}): EenVoter {
  const { clock, network, signer } = deps;
  if (signer.blsPubkey() === undefined) {
    throw new ThetaError(EenErrorCode.NoBlsKey, "een voter: expected a signer with a BLS key");
  }
  const resendMs = opts.resendMs ?? 30_000;
  const resends = opts.resends ?? 2;
  let timer: TimerHandle | undefined;
  let last: EenVote | undefined;
  return {
    checkpointFinalized(block, height) {
      timer?.cancel();
      const vote: EenVote = {
        block,
        height,
        address: signer.address(),
        signature: signer.signBls(eenVoteSignBytes(block)),
        timestamp: BigInt(Math.floor(clock.now() / 1000)),
      };
      last = vote;
      const message = eenVoteMessage(vote);
      let left = resends;
      const send = (): void => {
        network.broadcast(Channel.EliteEdgeNodeVote, message);
        if (left-- > 0) timer = clock.setTimer(resendMs, send);
      };
      send();
      return vote;
    },
    lastVote: () => last,
    stop() {
      timer?.cancel();
      timer = undefined;
    },
  };
}
