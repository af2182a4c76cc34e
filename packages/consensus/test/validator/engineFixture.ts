/**
 * A hand-built validator-engine state for unit tests of the engine's decision steps (commit, votes,
 * admission, validation): a local chain of blocks with made-up hashes, a fixed validator set, fake
 * signatures (`fakeCrypto`), and deps that record what the engine does. No network, no timers, no BLS.
 */
import {
  ALL_FORKS_AT_GENESIS,
  type Block,
  type BlockHeader,
  type HeaderForkHeights,
  type Vote,
  voteSignBytes,
} from "@theta/core-types";
import type { GuardianPoolInfo, LastVoteRecord, StakeEntry } from "../../src/ports.ts";
import { createFakeSigner, fakeCrypto } from "../../src/testing/fakeCrypto.ts";
import { fakeGenesis } from "../../src/testing/fakeExecutor.ts";
import { type Chain, createChain } from "../../src/validator/chain.ts";
import type { EngineDeps, EngineState } from "../../src/validator/engineState.ts";
import { createEpochVoteSet } from "../../src/validator/epochVotes.ts";
import type { ValidatorSets } from "../../src/validator/validatorSets.ts";

export const CHAIN_ID = "privatenet";

/** A made-up, non-zero block hash numbered `n`. */
export const hashN = (n: number): Uint8Array => {
  const h = new Uint8Array(32);
  h[0] = 0xb0;
  h[30] = n >> 8;
  h[31] = n & 0xff;
  return h;
};

/** Address of validator `i`. */
export const addr = (i: number): Uint8Array => new Uint8Array(20).fill(0x40 + i);

/** The stake entries of validators with the given stakes (validator `i` holds `stakes[i]`). */
export const setOf = (...stakes: bigint[]): StakeEntry[] =>
  stakes.map((stake, i) => ({ address: addr(i), stake }));

/** A header on `parent` whose HCC names `hcc` (with `ccVotes`). */
export function header(p: {
  height: bigint;
  epoch: bigint;
  parent: Uint8Array;
  hcc: Uint8Array;
  ccVotes?: Vote[];
  proposer?: Uint8Array;
}): BlockHeader {
  return {
    ...fakeGenesis(CHAIN_ID).header,
    height: p.height,
    epoch: p.epoch,
    parent: p.parent,
    hcc: { votes: p.ccVotes ?? [], blockHash: p.hcc },
    proposer: p.proposer ?? addr(0),
  };
}

/** A block of `header`. */
export const blockOf = (h: BlockHeader): Block => ({ header: h, txs: [] });

/** A vote by validator `i` for `block`, signed with the fake signer. */
export function vote(i: number, block: Uint8Array, epoch: bigint, height = 1n): Vote {
  const unsigned: Vote = { block, height, epoch, id: addr(i), signature: undefined };
  return { ...unsigned, signature: createFakeSigner(addr(i)).signSecp256k1(voteSignBytes(unsigned)) };
}

/** Fixed validator sets: `set` for every lookup unless `overrides` names the block (hex-free: by ref). */
export function fixedSets(set: readonly StakeEntry[]): ValidatorSets {
  return {
    validatorSet: async () => set,
    nextValidatorSet: async () => set,
    setAfter: async () => set,
    decidingBlock: (h) => h,
  };
}

/**
 * A chain rooted at genesis (hash 0x…00, height 0) with a straight line of `n` blocks: block `k` (hash
 * `hashN(k)`, epoch `k`) has block `k-1` as parent and as HCC.
 */
export function lineChain(n: number): { chain: Chain; hashes: Uint8Array[] } {
  const root = fakeGenesis(CHAIN_ID);
  const hashes = [hashN(0)];
  const chain = createChain(root, hashes[0] as Uint8Array);
  for (let k = 1; k <= n; k++) {
    const parent = hashes[k - 1] as Uint8Array;
    const hash = hashN(k);
    chain.addValid(
      blockOf(header({ height: BigInt(k), epoch: BigInt(k), parent, hcc: parent })),
      hash,
      false,
    );
    hashes.push(hash);
  }
  return { chain, hashes };
}

/** A started engine state over `chain` with `sets`, in `epoch` (`share`: the CC sharing hook). */
export function stateOf(
  chain: Chain,
  sets: ValidatorSets,
  epoch = 1n,
  share: EngineState["shareCommitCertificate"] = () => {},
): EngineState {
  return {
    chain,
    sets,
    requests: undefined as unknown as EngineState["requests"],
    shareCommitCertificate: share,
    epochVotes: createEpochVoteSet(),
    seenVotes: new Map(),
    proposals: new Map(),
    recentValidators: undefined,
    epoch,
    lastVote: undefined,
    lastProposal: undefined,
    timers: [],
    voteTimerReady: false,
    blockProcessed: false,
    isValidator: true,
    highestSeenHeight: 0n,
    deferredProposal: undefined,
    finalizedCount: 0,
    epochSet: undefined,
  };
}

/** What the recording deps saw. */
export interface Recorded {
  finalizedStored: string[];
  finalized: { height: bigint; hash: Uint8Array; block: Block }[];
  guardianStarts: { block: Uint8Array; pool: GuardianPoolInfo }[];
  eenStarts: { block: Uint8Array; height: bigint }[];
  evidence: unknown[];
  broadcasts: { channel: number; payload: Uint8Array }[];
  savedVotes: LastVoteRecord[];
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex");

/** Deps that record what the engine does; validator `self` signs with the fake signer. */
export function recordingDeps(
  opts: {
    self?: number;
    forks?: HeaderForkHeights;
    checkpointInterval?: bigint;
    withGuardian?: boolean;
    withEen?: boolean;
  } = {},
): { deps: EngineDeps; rec: Recorded } {
  const rec: Recorded = {
    finalizedStored: [],
    finalized: [],
    guardianStarts: [],
    eenStarts: [],
    evidence: [],
    broadcasts: [],
    savedVotes: [],
  };
  const self = addr(opts.self ?? 0);
  const pool: GuardianPoolInfo = { gcpHash: new Uint8Array(32).fill(7), guardians: [] };
  const deps = {
    chainId: CHAIN_ID,
    forks: opts.forks ?? ALL_FORKS_AT_GENESIS,
    checkpointInterval: opts.checkpointInterval ?? 100n,
    self,
    crypto: fakeCrypto,
    signer: createFakeSigner(self),
    store: {
      markFinalized: async (h: Uint8Array) => {
        rec.finalizedStored.push(hex(h));
      },
    },
    votes: {
      save: async (r: LastVoteRecord) => {
        rec.savedVotes.push(r);
      },
    },
    network: {
      broadcast: (channel: number, payload: Uint8Array) => {
        rec.broadcasts.push({ channel, payload });
      },
    },
    executor: { guardiansFor: async () => pool },
    guardian:
      opts.withGuardian === false
        ? undefined
        : {
            startCheckpoint: (block: Uint8Array, p: GuardianPoolInfo) => {
              rec.guardianStarts.push({ block, pool: p });
            },
          },
    een:
      opts.withEen === false
        ? undefined
        : {
            startCheckpoint: (block: Uint8Array, height: bigint) => {
              rec.eenStarts.push({ block, height });
            },
          },
    trace: undefined,
    emitEvidence: (e: unknown) => {
      rec.evidence.push(e);
    },
    emitFinalized: (f: { height: bigint; hash: Uint8Array; block: Block }) => {
      rec.finalized.push(f);
    },
  };
  return { deps: deps as unknown as EngineDeps, rec };
}

export { hex };
