import { Channel } from "@theta/consensus";
import { hexToBytes } from "@theta/core-types";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  MAX_BLOCK_MESSAGE_BYTES,
  MAX_MESSAGE_BYTES,
  maxPayloadBytes,
  maxWireBytes,
  P2P_CHANNELS,
} from "../src/channels.ts";
import { decodeAnyWireMessage, decodeWireMessage, encodeWireMessage, WireDropCode } from "../src/wire.ts";

const channel = fc.constantFrom(...P2P_CHANNELS);

describe("wire envelopes", () => {
  it("round-trip any payload on any channel", () => {
    fc.assert(
      fc.property(channel, fc.uint8Array({ maxLength: 300 }), (ch, payload) => {
        const r = decodeWireMessage(ch, encodeWireMessage(ch, payload));
        expect(r).toEqual({ ok: true, value: payload });
      }),
    );
  });

  it("random bytes either decode or give a drop code, never throw", () => {
    fc.assert(
      fc.property(channel, fc.uint8Array({ maxLength: 200 }), (ch, raw) => {
        const r = decodeWireMessage(ch, raw);
        if (!r.ok) expect(Object.values(WireDropCode)).toContain(r.code);
      }),
      { numRuns: 2000 },
    );
  });

  it("a message for one channel is refused on another", () => {
    fc.assert(
      fc.property(channel, channel, fc.uint8Array({ maxLength: 40 }), (a, b, payload) => {
        fc.pre(a !== b);
        const r = decodeWireMessage(b, encodeWireMessage(a, payload));
        expect(r.ok).toBe(false);
      }),
    );
  });

  it("limits blocks and proposals to 12 MiB and everything else to 1 MiB", () => {
    expect(maxPayloadBytes(Channel.Block)).toBe(MAX_BLOCK_MESSAGE_BYTES);
    expect(maxPayloadBytes(Channel.Proposal)).toBe(MAX_BLOCK_MESSAGE_BYTES);
    for (const ch of P2P_CHANNELS.filter((c) => c !== Channel.Block && c !== Channel.Proposal)) {
      expect(maxPayloadBytes(ch)).toBe(MAX_MESSAGE_BYTES);
    }
  });

  it("the largest payload fits its wire limit; one byte more is oversized", () => {
    const payload = new Uint8Array(MAX_MESSAGE_BYTES);
    const wire = encodeWireMessage(Channel.Vote, payload);
    expect(wire.length).toBeLessThanOrEqual(maxWireBytes(Channel.Vote));
    expect(decodeWireMessage(Channel.Vote, wire).ok).toBe(true);
    const big = new Uint8Array(maxWireBytes(Channel.Vote) + 1);
    const r = decodeWireMessage(Channel.Vote, big);
    expect(r.ok ? undefined : r.code).toBe(WireDropCode.Oversized);
    const over = encodeWireMessage(Channel.Vote, new Uint8Array(MAX_MESSAGE_BYTES + 1));
    expect(over.length).toBeLessThanOrEqual(maxWireBytes(Channel.Vote));
    const r2 = decodeWireMessage(Channel.Vote, over);
    expect(r2.ok ? undefined : r2.code).toBe(WireDropCode.Oversized);
  });

  it("non-canonical RLP is malformed", () => {
    // DataResponse{6, [0x01]} with the single byte wrongly length-prefixed (81 01).
    const r = decodeWireMessage(Channel.Vote, hexToBytes("03c4068101"));
    expect(r.ok ? undefined : r.code).toBe(WireDropCode.Malformed);
  });

  it("direct frames carry their channel: round trip on any channel", () => {
    fc.assert(
      fc.property(channel, fc.uint8Array({ maxLength: 300 }), (ch, payload) => {
        expect(decodeAnyWireMessage(encodeWireMessage(ch, payload))).toEqual({
          ok: true,
          value: { channel: ch, payload },
        });
      }),
    );
  });

  it("direct frames: random bytes either decode to a carried channel or give a drop code", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (raw) => {
        const r = decodeAnyWireMessage(raw);
        if (r.ok) expect(P2P_CHANNELS).toContain(r.value.channel);
        else expect(Object.values(WireDropCode)).toContain(r.code);
      }),
      { numRuns: 2000 },
    );
  });

  it("direct frames: channels not carried here, and a transaction in a DataResponse, are refused", () => {
    for (const ch of [0, 1, 5, 8, 9, 11, 14, 255]) {
      const r = decodeAnyWireMessage(encodeWireMessage(ch as never, hexToBytes("01")));
      expect(r.ok ? undefined : r.code).toBe(WireDropCode.UnknownChannel);
    }
    // DataResponse{7, 0x01}: the transaction channel must use the mempool form.
    const r = decodeAnyWireMessage(hexToBytes("03c20701"));
    expect(r.ok ? undefined : r.code).toBe(WireDropCode.UnknownChannel);
  });
});
