/**
 * A fake {@link Executor} for simulations: blocks carry no transactions (TxHash is the empty-trie root),
 * a block's parent must have been applied, the "state root" of a block is keccak256(parent hash ‖
 * height) (so a block is valid exactly when it was built on its parent), and the
 * validator set in the state after a block depends only on its height: the initial set, replaced by each
 * scheduled change from its height on — the effect of a stake deposit or withdrawal executed at that
 * height, which is also when `apply` reports a validator update.
 */
import {
  BLOOM_LENGTH,
  type Block,
  type BlockHeader,
  bytesToHex,
  concatBytes,
  EMPTY_ROOT_HASH,
  encodeHeader,
  encodeUint,
  equalBytes,
  type HeaderForkHeights,
  rlpEncode,
  ThetaError,
} from "@theta/core-types";
import type { ConsensusCrypto, Executor, GuardianEntry, StakeEntry } from "../ports.ts";

/** The guardian pool hash the fake executor reports (its pool never changes). */
export const FAKE_GCP_HASH: Uint8Array = new Uint8Array(32).fill(0x9c);

/** Error codes of the fake executor. */
export const FakeExecutorErrorCode = {
  UnknownBlock: "SIM_UNKNOWN_BLOCK",
} as const;

/** A validator-set change executed in the block at `height`. */
export interface ValidatorChange {
  /** Height of the block whose txs deposit or withdraw stake. */
  readonly height: bigint;
  /** The validator set in the state after that block. */
  readonly validators: readonly StakeEntry[];
}

/** What the fake chain looks like. */
export interface FakeChainSpec {
  readonly chainId: string;
  readonly forks: HeaderForkHeights;
  readonly validators: readonly StakeEntry[];
  readonly changes?: readonly ValidatorChange[];
  readonly guardians?: readonly GuardianEntry[];
}

/** The fake executor plus what tests inspect. */
export interface FakeExecutor extends Executor {
  /** Number of blocks applied. */
  applied(): number;
  /** Heights of the blocks `prepare` was told of, in order (it does nothing else). */
  prepared(): readonly bigint[];
}

/** The genesis block of a fake chain (epoch 0, height 0, unsigned). */
export function fakeGenesis(chainId: string): Block {
  const zero = new Uint8Array(32);
  return {
    header: {
      chainId,
      epoch: 0n,
      height: 0n,
      parent: zero,
      hcc: { votes: [], blockHash: zero },
      guardianVotes: undefined,
      eliteEdgeNodeVotes: undefined,
      txHash: EMPTY_ROOT_HASH,
      receiptHash: EMPTY_ROOT_HASH,
      bloom: new Uint8Array(BLOOM_LENGTH),
      stateHash: zero,
      timestamp: 0n,
      proposer: new Uint8Array(20),
      signature: undefined,
    },
    txs: [],
  };
}

/** The validator set in force after a block at `height`. */
export function validatorsAtHeight(spec: FakeChainSpec, height: bigint): readonly StakeEntry[] {
  let set = spec.validators;
  for (const c of spec.changes ?? []) if (c.height <= height) set = c.validators;
  return set;
}

/** Creates a fake executor; `genesis` is registered as height 0. */
export function createFakeExecutor(
  spec: FakeChainSpec,
  crypto: ConsensusCrypto,
  genesis: Block,
): FakeExecutor {
  const heights = new Map<string, bigint>();
  heights.set(bytesToHex(crypto.keccak256(encodeHeader(genesis.header, spec.forks))), 0n);
  let applied = 0;
  const prepared: bigint[] = [];
  const stateOf = (parent: Uint8Array, height: bigint): Uint8Array =>
    crypto.keccak256(concatBytes(parent, rlpEncode(encodeUint(height))));
  const heightOf = (hash: Uint8Array): bigint => {
    const h = heights.get(bytesToHex(hash));
    if (h === undefined) {
      throw new ThetaError(
        FakeExecutorErrorCode.UnknownBlock,
        `blockHash: ${bytesToHex(hash)} was never applied`,
      );
    }
    return h;
  };
  return {
    async propose(parent: BlockHeader, height, epoch, ctx) {
      const parentHash = crypto.keccak256(encodeHeader(parent, spec.forks));
      return {
        header: {
          ...fakeGenesis(spec.chainId).header,
          epoch,
          height,
          parent: parentHash,
          hcc: ctx.hcc,
          guardianVotes: height >= spec.forks.theta2Height ? ctx.guardianVotes : undefined,
          eliteEdgeNodeVotes: height >= spec.forks.theta3Height ? ctx.eliteEdgeNodeVotes : undefined,
          stateHash: stateOf(parentHash, height),
          timestamp: ctx.timestamp,
          proposer: ctx.proposer,
        },
        txs: [],
      };
    },
    async apply(block, hash) {
      const h = block.header;
      if (!heights.has(bytesToHex(h.parent))) {
        return { ok: false, reason: `header.parent: ${bytesToHex(h.parent)} was never applied` };
      }
      if (block.txs.length > 0 || !equalBytes(h.txHash, EMPTY_ROOT_HASH)) {
        return { ok: false, reason: "header.tx_hash: a fake block carries no txs (the empty-trie root)" };
      }
      if (!equalBytes(h.stateHash, stateOf(h.parent, h.height))) {
        return { ok: false, reason: "header.state_hash: expected keccak256(parent ‖ height)" };
      }
      heights.set(bytesToHex(hash), h.height);
      applied++;
      return { ok: true, hasValidatorUpdate: (spec.changes ?? []).some((c) => c.height === h.height) };
    },
    validatorsFor: async (hash) => validatorsAtHeight(spec, heightOf(hash)),
    guardiansFor: async () => ({ gcpHash: FAKE_GCP_HASH, guardians: spec.guardians ?? [] }),
    prepare(block) {
      if (prepared.length < 10_000) prepared.push(block.header.height);
    },
    applied: () => applied,
    prepared: () => prepared,
  };
}
