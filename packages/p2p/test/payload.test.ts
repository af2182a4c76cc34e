import {
  blockMessage,
  blockRequestMessage,
  Channel,
  decodeConsensusMessageOnce,
  guardianMessage,
  proposalMessage,
  voteMessage,
} from "@theta/consensus";
import { fakeGenesis } from "@theta/consensus/testing";
import {
  ALL_FORKS_AT_GENESIS,
  type Block,
  coins,
  encodeSyncMessage,
  encodeTx,
  type HeaderForkHeights,
  MAINNET_HEADER_FORKS,
  TxType,
  ChannelId as WireChannelId,
} from "@theta/core-types";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkPayload, P2P_CHANNELS, PayloadDropCode } from "../src/index.ts";

const genesis = fakeGenesis("privatenet");
const vote = {
  block: new Uint8Array(32).fill(1),
  height: 5n,
  epoch: 6n,
  id: new Uint8Array(20).fill(2),
  signature: new Uint8Array(65).fill(3),
};
const blockAt = (height: bigint): Block => ({
  header: { ...genesis.header, height, parent: new Uint8Array(32).fill(4) },
  txs: [Uint8Array.of(1, 2, 3)],
});
const tx = encodeTx({
  type: TxType.Send,
  fee: coins(0n, 1n),
  inputs: [
    { address: new Uint8Array(20), coins: coins(0n, 2n), sequence: 1n, signature: new Uint8Array(65) },
  ],
  outputs: [{ address: new Uint8Array(20).fill(1), coins: coins(0n, 1n) }],
});

describe("the payload check", () => {
  it("accepts each channel's messages, blocks of every header layout whatever the chain's fork heights", () => {
    const layouts: HeaderForkHeights[] = [
      MAINNET_HEADER_FORKS,
      ALL_FORKS_AT_GENESIS,
      { theta2Height: 0n, theta3Height: 1_000n },
    ];
    for (const forks of layouts) {
      const b = blockAt(10n);
      expect(checkPayload(Channel.Block, blockMessage(b, forks)).ok).toBe(true);
      expect(
        checkPayload(
          Channel.Proposal,
          proposalMessage({ block: b, proposerId: vote.id, votes: [vote] }, forks),
        ).ok,
      ).toBe(true);
    }
    expect(
      checkPayload(
        Channel.Proposal,
        proposalMessage({ block: undefined, proposerId: vote.id, votes: [] }, ALL_FORKS_AT_GENESIS),
      ).ok,
    ).toBe(true);
    expect(checkPayload(Channel.Block, blockRequestMessage([vote.block])).ok).toBe(true);
    expect(checkPayload(Channel.Vote, voteMessage(vote)).ok).toBe(true);
    expect(
      checkPayload(
        Channel.Guardian,
        guardianMessage({
          block: vote.block,
          gcp: vote.block,
          multiplies: [1, 0],
          signature: new Uint8Array(96),
        }),
      ).ok,
    ).toBe(true);
    expect(checkPayload(WireChannelId.Transaction, tx).ok).toBe(true);
    // Channels no engine here decodes: a sync message of that channel.
    expect(
      checkPayload(
        Channel.Header,
        encodeSyncMessage({ type: "dataResponse", channelId: Channel.Header, payload: Uint8Array.of(0xc0) }),
      ).ok,
    ).toBe(true);
  });

  it("refuses a message of another channel, a request where only responses go, and garbage inside a good envelope", () => {
    const invalid = (r: ReturnType<typeof checkPayload>) => !r.ok && r.code === PayloadDropCode.Invalid;
    expect(invalid(checkPayload(Channel.Proposal, voteMessage(vote)))).toBe(true);
    expect(invalid(checkPayload(Channel.Vote, blockRequestMessage([vote.block])))).toBe(true);
    expect(invalid(checkPayload(Channel.Header, voteMessage(vote)))).toBe(true);
    expect(invalid(checkPayload(WireChannelId.Transaction, voteMessage(vote)))).toBe(true);
    expect(
      invalid(
        checkPayload(
          Channel.Vote,
          encodeSyncMessage({
            type: "dataResponse",
            channelId: Channel.Vote,
            payload: Uint8Array.of(1, 2, 3),
          }),
        ),
      ),
    ).toBe(true);
  });

  it("property: random bytes on any channel are refused without throwing", () => {
    fc.assert(
      fc.property(fc.constantFrom(...P2P_CHANNELS), fc.uint8Array({ maxLength: 300 }), (ch, bytes) => {
        const r = checkPayload(ch, bytes);
        expect(!r.ok && r.code === PayloadDropCode.Invalid).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });

  it("with the chain's fork heights, decodes a block once (the engine and syncer get the same object) and refuses another layout", () => {
    const forks: HeaderForkHeights = { theta2Height: 0n, theta3Height: 1_000n };
    const payload = blockMessage(blockAt(10n), forks);
    expect(checkPayload(Channel.Block, payload, forks).ok).toBe(true);
    const first = decodeConsensusMessageOnce(Channel.Block, payload, forks);
    expect(decodeConsensusMessageOnce(Channel.Block, payload, { ...forks })).toBe(first);
    // An equal payload in another buffer is decoded afresh (to an equal message).
    const copy = decodeConsensusMessageOnce(Channel.Block, payload.slice(), forks);
    expect(copy).not.toBe(first);
    expect(copy).toEqual(first);
    // A 14-field header at height 10 where the chain's Theta3 fork is at 1,000: not this chain's layout.
    const other = blockMessage(blockAt(10n), ALL_FORKS_AT_GENESIS);
    expect(checkPayload(Channel.Block, other).ok).toBe(true);
    const r = checkPayload(Channel.Block, other, forks);
    expect(!r.ok && r.code === PayloadDropCode.Invalid).toBe(true);
    // Nor does a lookup under those heights reuse what the layout-blind check decoded.
    expect(() => decodeConsensusMessageOnce(Channel.Block, other, forks)).toThrow();
  });
});
