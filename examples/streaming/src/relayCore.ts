/**
 * The relay's decisions, apart from HTTP: a chunk is served only against an off-chain payment
 * that the micropayment package accepts (signature, pool on chain, growing amount, not expired),
 * that covers every chunk served so far in its payment sequence, and that does not, together
 * with what the peer relays were promised from the same pool, exceed the pool (overspend
 * detection). Settlement signs the last accepted payment and broadcasts it.
 */
import {
  type Address,
  bytesToPrefixedHex,
  encodeTx,
  hexToBytes,
  isThetaError,
  type ServicePaymentTx,
} from "@theta/core-types";
import { defaultCrypto } from "@theta/crypto";
import {
  createMemoryPaymentStore,
  createRelay,
  decodePayment,
  detectOverspend,
  type PoolInfo,
  poolKey,
} from "@theta/micropayment";
import type { Media } from "./media.ts";
import { type RelayInfo, SETTLEMENT_FEE, type SettlementInfo, StreamErrorCode } from "./protocol.ts";
import { readPool, type ThetaRpc } from "./rpc.ts";

export interface StreamRelayOptions {
  readonly name: string;
  /** The relay's private key (32 bytes): payments must target its address; it signs settlements. */
  readonly key: Uint8Array;
  readonly chainId: string;
  readonly rpc: ThetaRpc;
  readonly media: Media;
  readonly resourceId: string;
  readonly pricePerChunk: bigint;
  readonly chunkSize: number;
  /** The other relays' latest payments from a pool (raw tx hex), for overspend detection. */
  readonly peerPayments: (source: Address, reserveSequence: bigint) => Promise<readonly string[]>;
  /** Settle once a pool is this close to its end block (blocks). */
  readonly expiryMargin: bigint;
  readonly fee?: bigint;
}

export type Refusal = {
  readonly ok: false;
  readonly status: number;
  readonly code: string;
  readonly message: string;
};
export type ChunkAnswer = { readonly ok: true; readonly bytes: Uint8Array } | Refusal;

interface Slot {
  readonly source: Address;
  readonly reserveSequence: bigint;
  paymentSequence: bigint;
  /** Chunks delivered in the current payment sequence. */
  served: number;
  /** The last payment accepted (kept after settlement for the peers' overspend checks). */
  last: ServicePaymentTx | undefined;
  open: boolean;
}

const refuse = (status: number, code: string, message: string): Refusal => ({
  ok: false,
  status,
  code,
  message,
});

export interface StreamRelay {
  readonly address: Address;
  info(): RelayInfo;
  chunk(index: number, paymentHex: string): Promise<ChunkAnswer>;
  /** The payments this relay accepted from a pool (raw hex), as peers ask for them. */
  payments(source: Address, reserveSequence: bigint): string[];
  end(source: Address, reserveSequence: bigint): Promise<SettlementInfo | Refusal>;
  /** Settles pools near expiry and follows pending settlements; the server calls it every second. */
  tick(): Promise<void>;
  settlements(): readonly SettlementInfo[];
}

export function createStreamRelay(o: StreamRelayOptions): StreamRelay {
  const signer = {
    address: defaultCrypto.privateKeyToAddress(o.key),
    sign: (m: Uint8Array) => defaultCrypto.sign(m, o.key),
  };
  const verifier = { verify: (m: Uint8Array, s: Uint8Array, a: Address) => defaultCrypto.verify(m, s, a) };
  const relay = createRelay({ signer, verifier, chainId: o.chainId, store: createMemoryPaymentStore() });
  const slots = new Map<string, Slot>();
  const done: SettlementInfo[] = [];
  const chunks = Math.ceil(o.media.bytes.length / o.chunkSize);

  async function overspent(pool: PoolInfo, incoming: ServicePaymentTx): Promise<string | undefined> {
    const seen: ServicePaymentTx[] = [];
    for (const hex of await o.peerPayments(pool.source, pool.reserveSequence).catch(() => [])) {
      try {
        seen.push(decodePayment(hexToBytes(hex)));
      } catch {
        // a peer's garbage is ignored
      }
    }
    const mine = slots.get(poolKey(pool.source, pool.reserveSequence))?.last;
    if (mine) seen.push(mine);
    seen.push(incoming);
    const verdict = detectOverspend(pool, seen, o.chainId, verifier);
    if (!verdict.overspent) return undefined;
    return `the payer promised ${verdict.promised} TFuelWei across relays from a pool of ${pool.initialFund}`;
  }

  async function settle(slot: Slot, reason: SettlementInfo["reason"]): Promise<SettlementInfo | Refusal> {
    const pending = relay.latest(slot.source, slot.reserveSequence);
    if (!pending) return refuse(409, StreamErrorCode.NothingToSettle, "no unsettled payment from this pool");
    const { raw } = await relay.settle(slot.source, slot.reserveSequence, {
      fee: { thetaWei: 0n, tfuelWei: o.fee ?? SETTLEMENT_FEE },
    });
    const info: SettlementInfo = {
      source: bytesToPrefixedHex(slot.source),
      reserveSequence: slot.reserveSequence.toString(),
      paymentSequence: pending.paymentSequence.toString(),
      amount: pending.source.coins.tfuelWei.toString(),
      chunks: slot.served,
      hash: "",
      reason,
      status: "pending",
    };
    slot.open = false;
    try {
      const hash = await o.rpc.broadcast(raw);
      const settled = { ...info, hash };
      done.push(settled);
      return settled;
    } catch (e) {
      done.push({ ...info, status: "failed" });
      return refuse(502, StreamErrorCode.Node, `settlement broadcast failed: ${(e as Error).message}`);
    }
  }

  return {
    address: signer.address,
    info: () => ({
      name: o.name,
      address: bytesToPrefixedHex(signer.address),
      chainId: o.chainId,
      resourceId: o.resourceId,
      pricePerChunk: o.pricePerChunk.toString(),
      chunkSize: o.chunkSize,
      chunks,
      totalBytes: o.media.bytes.length,
      mimeType: o.media.mimeType,
    }),

    async chunk(index, paymentHex) {
      if (!Number.isInteger(index) || index < 0 || index >= chunks) {
        return refuse(404, StreamErrorCode.NoSuchChunk, `index: expected 0 to ${chunks - 1}, got ${index}`);
      }
      let payment: ServicePaymentTx;
      try {
        payment = decodePayment(hexToBytes(paymentHex, "payment"));
      } catch (e) {
        return refuse(400, isThetaError(e) ? e.code : StreamErrorCode.BadRequest, (e as Error).message);
      }
      const pool = await readPool(o.rpc, payment.source.address, payment.reserveSequence);
      if (!pool) {
        return refuse(
          402,
          StreamErrorCode.UnknownPool,
          `no reserved fund ${payment.reserveSequence} on chain`,
        );
      }
      const key = poolKey(pool.source, pool.reserveSequence);
      const slot: Slot = slots.get(key) ?? {
        source: pool.source,
        reserveSequence: pool.reserveSequence,
        paymentSequence: payment.paymentSequence,
        served: 0,
        last: undefined,
        open: true,
      };
      const served = payment.paymentSequence > slot.paymentSequence ? 0 : slot.served;
      const due = BigInt(served + 1) * o.pricePerChunk;
      if (payment.source.coins.tfuelWei < due) {
        return refuse(
          402,
          StreamErrorCode.Underpaid,
          `source.coins: ${payment.source.coins.tfuelWei} TFuelWei does not cover ${served + 1} chunks (${due})`,
        );
      }
      const cheat = await overspent(pool, payment);
      if (cheat !== undefined) return refuse(402, StreamErrorCode.Overspend, cheat);
      const verdict = await relay.accept(payment, pool, await o.rpc.height());
      if (!verdict.ok) return refuse(402, verdict.code, verdict.message);
      slot.paymentSequence = payment.paymentSequence;
      slot.served = served + 1;
      slot.last = payment;
      slot.open = true;
      slots.set(key, slot);
      const start = index * o.chunkSize;
      return { ok: true, bytes: o.media.bytes.subarray(start, start + o.chunkSize) };
    },

    payments(source, reserveSequence) {
      const last = slots.get(poolKey(source, reserveSequence))?.last;
      return last ? [bytesToPrefixedHex(encodeTx(last))] : [];
    },

    async end(source, reserveSequence) {
      const slot = slots.get(poolKey(source, reserveSequence));
      if (!slot?.open) return refuse(409, StreamErrorCode.NothingToSettle, "no open stream from this pool");
      return settle(slot, "stream-ended");
    },

    async tick() {
      const open = [...slots.values()].filter((s) => s.open);
      if (open.length > 0) {
        const height = await o.rpc.height();
        for (const slot of open) {
          const pool = await readPool(o.rpc, slot.source, slot.reserveSequence);
          if (pool && pool.endBlockHeight - height <= o.expiryMargin) await settle(slot, "pool-expiring");
        }
      }
      for (const s of done) {
        if (s.status !== "pending") continue;
        const status = await o.rpc.txStatus(s.hash);
        if (status === "finalized") s.status = "finalized";
        else if (status === "abandoned") s.status = "failed";
      }
    },

    settlements: () => done,
  };
}
