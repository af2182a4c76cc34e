/**
 * The stall warning: when no block has finalized for `stallMs`, one warning naming the tip's height
 * and epoch and the validators whose votes at that height were not seen, with their stake shares;
 * repeated at most every `repeatMs` while the stall lasts. Which votes are missing is consensus's
 * `missingVotes`; the time is the node's clock (checked by the caller's `check` calls).
 */
import { formatBps, missingVotes, type StakeEntry } from "@theta/consensus";
import { bytesToHex } from "@theta/core-types";

/** What the watch reads on each check. */
export interface StallWatchDeps {
  readonly now: () => number;
  readonly status: () =>
    | {
        readonly height: bigint;
        readonly epoch: bigint;
        readonly lastFinalizedHeight: bigint;
        readonly tipHash: Uint8Array;
      }
    | undefined;
  /** The validator set deciding votes on the tip. */
  readonly validators: (tipHash: Uint8Array) => Promise<readonly StakeEntry[]>;
  readonly votersAt: (height: bigint) => Uint8Array[];
  readonly warn: (fields: Record<string, unknown>, message: string) => void;
}

/** The watch. */
export interface StallWatch {
  /** Looks at the chain now; warns when it is stalled and the last warning is old enough. */
  check(): Promise<void>;
}

/** `0x` + the first 4 bytes of an address + `…`. */
const short = (a: Uint8Array): string => `0x${bytesToHex(a).slice(0, 8)}…`;

/** Creates the watch. */
export function createStallWatch(
  deps: StallWatchDeps,
  opts: { readonly stallMs: number; readonly repeatMs: number },
): StallWatch {
  let finalized: bigint | undefined;
  let since = deps.now();
  let warnedAt: number | undefined;
  return {
    async check() {
      const s = deps.status();
      if (s === undefined) return;
      const now = deps.now();
      if (finalized === undefined || s.lastFinalizedHeight !== finalized) {
        finalized = s.lastFinalizedHeight;
        since = now;
        warnedAt = undefined;
        return;
      }
      if (now - since < opts.stallMs || (warnedAt !== undefined && now - warnedAt < opts.repeatMs)) return;
      warnedAt = now;
      const m = missingVotes(await deps.validators(s.tipHash), deps.votersAt(s.height));
      const list = m.missing.map((v) => `${short(v.address)}(${formatBps(v.shareBps)})`).join(", ");
      const seconds = Math.floor((now - since) / 1000);
      deps.warn(
        {
          height: s.height.toString(),
          epoch: s.epoch.toString(),
          finalizedHeight: s.lastFinalizedHeight.toString(),
          missing: m.missing.map((v) => `0x${bytesToHex(v.address)}`),
          missingShareBps: m.missingShareBps.toString(),
        },
        `no block finalized for ${seconds} s at height ${s.height} epoch ${s.epoch}: ` +
          (m.missing.length === 0
            ? "every validator's vote at this height was seen"
            : `missing votes from ${list}: ${formatBps(m.missingShareBps)} of the stake`),
      );
    },
  };
}
