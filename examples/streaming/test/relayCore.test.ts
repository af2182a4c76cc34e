/**
 * The relay's decisions against a chain stand-in (a fake ThetaRpc holding one pool): what it
 * refuses and why, that it counts chunks against the cumulative amount, that it catches an
 * overspend only visible across relays, and that it settles by itself when the pool nears its end.
 */
import {
  type Account,
  type Address,
  bytesToPrefixedHex,
  coins,
  decodeTx,
  encodeTx,
  type ServicePaymentTx,
  servicePaymentTargetSignBytes,
  ZERO_COINS,
} from "@theta/core-types";
import { defaultCrypto } from "@theta/crypto";
import { createPayer, type PoolInfo } from "@theta/micropayment";
import { describe, expect, it } from "vitest";
import { syntheticMedia } from "../src/media.ts";
import { createStreamRelay, type StreamRelay } from "../src/relayCore.ts";
import type { ThetaRpc } from "../src/rpc.ts";

const key = (n: number) => Uint8Array.from({ length: 32 }, (_, i) => (i === 31 ? n : 0x11));
const VIEWER = key(1);
const RELAY_A = key(2);
const RELAY_B = key(3);
const addr = (k: Uint8Array): Address => defaultCrypto.privateKeyToAddress(k);
const PRICE = 1000n;
const CHUNK = 16;
const RID = "rid";

function fakeChain(fund: bigint, endBlockHeight: bigint) {
  const chain = { height: 10n, broadcasts: [] as Uint8Array[] };
  const account: Account = {
    address: addr(VIEWER),
    sequence: 1n,
    balance: coins(0n, 10n ** 18n),
    reservedFunds: [
      {
        collateral: coins(0n, 2n * fund),
        initialFund: coins(0n, fund),
        usedFund: ZERO_COINS,
        resourceIds: [RID],
        endBlockHeight,
        reserveSequence: 1n,
        transferRecords: [],
      },
    ],
    lastUpdatedBlockHeight: 1n,
    root: new Uint8Array(32),
    codeHash: new Uint8Array(32),
  };
  const rpc: ThetaRpc = {
    url: "fake",
    call: async <T>() => undefined as T,
    account: async (a) =>
      bytesToPrefixedHex(a) === bytesToPrefixedHex(account.address) ? account : undefined,
    height: async () => chain.height,
    broadcast: async (raw) => {
      chain.broadcasts.push(raw);
      return `0x${chain.broadcasts.length}`;
    },
    txStatus: async () => "finalized",
  };
  const pool: PoolInfo = {
    source: account.address,
    reserveSequence: 1n,
    resourceIds: [RID],
    initialFund: fund,
    usedFund: 0n,
    collateral: 2n * fund,
    endBlockHeight,
    transferRecords: [],
  };
  return { chain, rpc, pool };
}

function relayOf(
  k: Uint8Array,
  rpc: ThetaRpc,
  peers: () => StreamRelay[] = () => [],
  expiryMargin = 5n,
): StreamRelay {
  return createStreamRelay({
    name: "r",
    key: k,
    chainId: "privatenet",
    rpc,
    media: syntheticMedia(4 * CHUNK),
    resourceId: RID,
    pricePerChunk: PRICE,
    chunkSize: CHUNK,
    expiryMargin,
    peerPayments: async (source, seq) => peers().flatMap((p) => p.payments(source, seq)),
  });
}

const hex = (p: ServicePaymentTx) => bytesToPrefixedHex(encodeTx(p));

describe("the relay", () => {
  it("serves a chunk for each payment that covers every chunk so far, and no more", async () => {
    const { rpc, pool } = fakeChain(10n * PRICE, 1000n);
    const relay = relayOf(RELAY_A, rpc);
    const payer = createPayer(
      {
        signer: { address: addr(VIEWER), sign: (m) => defaultCrypto.sign(m, VIEWER) },
        chainId: "privatenet",
      },
      pool,
    );
    const first = await relay.chunk(0, hex(payer.pay(addr(RELAY_A), RID, PRICE)));
    expect(first.ok && first.bytes.length).toBe(CHUNK);
    // Half a chunk more does not pay for the second chunk.
    const short = await relay.chunk(1, hex(payer.pay(addr(RELAY_A), RID, PRICE / 2n)));
    expect(short).toMatchObject({ ok: false, code: "STREAM_UNDERPAID" });
    const second = await relay.chunk(1, hex(payer.pay(addr(RELAY_A), RID, PRICE)));
    expect(second.ok).toBe(true);
    expect(await relay.chunk(9, hex(payer.pay(addr(RELAY_A), RID, PRICE)))).toMatchObject({
      code: "STREAM_NO_SUCH_CHUNK",
    });
  });

  it("refuses a payment for another relay, a forged signature and an unknown pool", async () => {
    const { rpc, pool } = fakeChain(10n * PRICE, 1000n);
    const relay = relayOf(RELAY_A, rpc);
    const signer = { address: addr(VIEWER), sign: (m: Uint8Array) => defaultCrypto.sign(m, VIEWER) };
    const payer = createPayer({ signer, chainId: "privatenet" }, pool);
    expect(await relay.chunk(0, hex(payer.pay(addr(RELAY_B), RID, PRICE)))).toMatchObject({
      code: "MP_WRONG_TARGET",
    });
    const forger = createPayer(
      { signer: { ...signer, sign: (m) => defaultCrypto.sign(m, RELAY_B) }, chainId: "privatenet" },
      pool,
    );
    expect(await relay.chunk(0, hex(forger.pay(addr(RELAY_A), RID, PRICE)))).toMatchObject({
      code: "MP_BAD_SOURCE_SIGNATURE",
    });
    const otherPool = createPayer({ signer, chainId: "privatenet" }, { ...pool, reserveSequence: 7n });
    expect(await relay.chunk(0, hex(otherPool.pay(addr(RELAY_A), RID, PRICE)))).toMatchObject({
      code: "STREAM_UNKNOWN_POOL",
    });
  });

  it("catches an overspend that only the payments at both relays show", async () => {
    const { rpc, pool } = fakeChain(3n * PRICE, 1000n);
    const relays: StreamRelay[] = [];
    relays.push(
      relayOf(RELAY_A, rpc, () => [relays[1]!]),
      relayOf(RELAY_B, rpc, () => [relays[0]!]),
    );
    const [a, b] = relays as [StreamRelay, StreamRelay];
    const signer = { address: addr(VIEWER), sign: (m: Uint8Array) => defaultCrypto.sign(m, VIEWER) };
    // One payer per relay: each thinks it may promise the whole pool.
    const toA = createPayer({ signer, chainId: "privatenet" }, pool);
    const toB = createPayer({ signer, chainId: "privatenet" }, pool);
    expect((await a.chunk(0, hex(toA.pay(addr(RELAY_A), RID, PRICE)))).ok).toBe(true);
    expect((await a.chunk(1, hex(toA.pay(addr(RELAY_A), RID, PRICE)))).ok).toBe(true);
    expect((await b.chunk(2, hex(toB.pay(addr(RELAY_B), RID, PRICE)))).ok).toBe(true);
    // 2 + 2 chunks promised from a pool of 3: B refuses, though its own 2 are within the pool.
    expect(await b.chunk(3, hex(toB.pay(addr(RELAY_B), RID, PRICE)))).toMatchObject({
      code: "STREAM_OVERSPEND_DETECTED",
    });
    expect(b.payments(pool.source, 1n)).toHaveLength(1);
  });

  it("settles the last payment, signed as target, when the stream ends", async () => {
    const { rpc, pool, chain } = fakeChain(10n * PRICE, 1000n);
    const relay = relayOf(RELAY_A, rpc);
    const payer = createPayer(
      {
        signer: { address: addr(VIEWER), sign: (m) => defaultCrypto.sign(m, VIEWER) },
        chainId: "privatenet",
      },
      pool,
    );
    for (let i = 0; i < 3; i++) await relay.chunk(i, hex(payer.pay(addr(RELAY_A), RID, PRICE)));
    const s = await relay.end(pool.source, 1n);
    expect(s).toMatchObject({
      amount: (3n * PRICE).toString(),
      chunks: 3,
      reason: "stream-ended",
      status: "pending",
    });
    const tx = decodeTx(chain.broadcasts[0]!) as ServicePaymentTx;
    expect(tx.source.coins.tfuelWei).toBe(3n * PRICE);
    expect(
      defaultCrypto.verify(
        servicePaymentTargetSignBytes("privatenet", tx),
        tx.target.signature,
        addr(RELAY_A),
      ),
    ).toBe(true);
    expect(await relay.end(pool.source, 1n)).toMatchObject({ code: "STREAM_NOTHING_TO_SETTLE" });
    await relay.tick();
    expect(relay.settlements().map((x) => x.status)).toEqual(["finalized"]);
  });

  it("settles by itself once the pool is within the margin of its end block", async () => {
    const { rpc, pool, chain } = fakeChain(10n * PRICE, 100n);
    const relay = relayOf(RELAY_A, rpc, () => [], 5n);
    const payer = createPayer(
      {
        signer: { address: addr(VIEWER), sign: (m) => defaultCrypto.sign(m, VIEWER) },
        chainId: "privatenet",
      },
      pool,
    );
    await relay.chunk(0, hex(payer.pay(addr(RELAY_A), RID, PRICE)));
    chain.height = 94n;
    await relay.tick();
    expect(chain.broadcasts).toHaveLength(0);
    chain.height = 95n;
    await relay.tick();
    expect(chain.broadcasts).toHaveLength(1);
    expect(relay.settlements()[0]).toMatchObject({ reason: "pool-expiring", amount: PRICE.toString() });
  });
});
