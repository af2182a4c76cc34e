/**
 * One validator engine (validator 0 of four, fake signatures) on a virtual clock that is never stepped,
 * with a network port the test drives: it delivers messages from one peer and records what the engine
 * sends. For the tests of the engine's memory bounds (`src/validator/limits.ts`).
 */
import {
  ALL_FORKS_AT_GENESIS,
  type Block,
  EMPTY_ROOT_HASH,
  encodeHeader,
  headerSignBytes,
  type Vote,
  voteSignBytes,
} from "@theta/core-types";
import { defaultCrypto } from "@theta/crypto";
import {
  Channel,
  type ChannelId,
  createValidatorEngine,
  type InboundMessage,
  type Network,
  type ValidatorEngine,
} from "../src/index.ts";
import {
  createFakeExecutor,
  createFakeSigner,
  createMemoryBlockStore,
  createMemoryVoteStore,
  createVirtualClock,
  fakeCrypto,
  fakeGenesis,
} from "../src/testing/index.ts";

export const CHAIN = "privatenet";
export const forks = ALL_FORKS_AT_GENESIS;
export const genesis = fakeGenesis(CHAIN);
export const genesisHash = defaultCrypto.keccak256(encodeHeader(genesis.header, forks));
/** Validator `i` (0–3); 9 and above are keys outside the set. */
export const addr = (i: number): Uint8Array => new Uint8Array(20).fill(0x10 + i);
export const validators = [0, 1, 2, 3].map((i) => ({ address: addr(i), stake: 1n }));
/** The peer every message comes from. */
export const PEER = "peer";

let counter = 0;
/** A fresh 32-byte hash nobody knows. */
export const unknownHash = (): Uint8Array =>
  defaultCrypto.keccak256(new TextEncoder().encode(`unknown-${counter++}`));

/** A block signed by key `by` on an unknown parent (or `parent`), with `txs`. */
export function forgedBlock(
  by: number,
  height: bigint,
  epoch: bigint,
  txs: Uint8Array[] = [],
  parent: Uint8Array = unknownHash(),
): Block {
  const header = {
    ...genesis.header,
    epoch,
    height,
    parent,
    hcc: { votes: [], blockHash: unknownHash() },
    txHash: EMPTY_ROOT_HASH,
    timestamp: 1n,
    proposer: addr(by),
    signature: undefined,
  };
  const signature = createFakeSigner(addr(by)).signSecp256k1(headerSignBytes(header, forks));
  return { header: { ...header, signature }, txs };
}

/** A vote signed by key `by`. */
export function signedVote(by: number, block: Uint8Array, height: bigint, epoch: bigint): Vote {
  const v: Vote = { block, height, epoch, id: addr(by), signature: undefined };
  return { ...v, signature: createFakeSigner(addr(by)).signSecp256k1(voteSignBytes(v)) };
}

/** A sent message. */
export interface Sent {
  readonly to: string;
  readonly channel: ChannelId;
  readonly payload: Uint8Array;
}

/** The engine under test and its driven port. */
export interface Harness {
  readonly engine: ValidatorEngine;
  /** What the engine sent to the peer. */
  readonly sent: Sent[];
  /** Hands one message to the engine now, without waiting. */
  deliver(channel: ChannelId, payload: Uint8Array): void;
  /** Delivers messages (in batches that fit the queue) and waits until the engine handled them. */
  send(channel: ChannelId, payloads: readonly Uint8Array[]): Promise<void>;
}

/** Starts validator 0's engine. */
export async function startEngine(): Promise<Harness> {
  let onMessage: (m: InboundMessage) => void = () => {};
  const sent: Sent[] = [];
  const network: Network = {
    broadcast() {},
    send: (to, channel, payload) => void sent.push({ to, channel, payload }),
    subscribe(cb) {
      onMessage = cb;
      return () => {};
    },
    peers: () => [PEER],
  };
  const engine = createValidatorEngine(
    {
      clock: createVirtualClock(),
      network,
      store: createMemoryBlockStore(),
      votes: createMemoryVoteStore(),
      executor: createFakeExecutor({ chainId: CHAIN, forks, validators }, fakeCrypto, genesis),
      signer: createFakeSigner(addr(0)),
      crypto: fakeCrypto,
    },
    { chainId: CHAIN, forks, genesis, blockIntervalMs: 1000 },
  );
  await engine.start();
  const deliver = (channel: ChannelId, payload: Uint8Array): void =>
    onMessage({ from: PEER, channel, payload });
  return {
    engine,
    sent,
    deliver,
    async send(channel, payloads) {
      for (let i = 0; i < payloads.length; i += 1000) {
        for (const p of payloads.slice(i, i + 1000)) deliver(channel, p);
        await engine.whenIdle();
      }
    },
  };
}

/** Channel numbers as the port types them. */
export const ch = {
  block: Channel.Block as ChannelId,
  proposal: Channel.Proposal as ChannelId,
  vote: Channel.Vote as ChannelId,
};
