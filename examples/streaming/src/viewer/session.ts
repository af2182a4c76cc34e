/**
 * The viewer's side of a stream, without the DOM: reserve a fund on chain through the node's RPC
 * (a ReserveFundTx built and signed here), then ask the relays for chunk after chunk, each request
 * carrying a cumulative off-chain payment, and finally tell each relay the stream ended so that
 * it settles. A cheating viewer keeps one payer per relay, each believing it owns the whole pool.
 */
import {
  type Address,
  bytesToPrefixedHex,
  coins,
  encodeTx,
  hexToBytes,
  type ReserveFundTx,
  TxType,
  txInput,
} from "@theta/core-types";
import { defaultCrypto } from "@theta/crypto";
import { createPayer, type Payer, type PoolInfo } from "@theta/micropayment";
import type { RelayInfo, RelayRefusal, SettlementInfo } from "../protocol.ts";
import { RESERVE_DURATION, RESERVE_FEE } from "../protocol.ts";
import { createRpc, readPool, type ThetaRpc } from "../rpc.ts";

/** What the page server hands the page (`/config.json`). */
export interface ViewerConfig {
  readonly rpcUrl: string;
  readonly chainId: string;
  readonly relays: readonly string[];
  /** The demo's wallet keys, raw hex: a demo, never do this with real funds. */
  readonly viewerKey: string;
  readonly cheaterKey: string;
  /** Chunks to play. */
  readonly chunks: number;
  /** Fund reserved by an honest viewer, and by the cheater (TFuel wei). */
  readonly fund: string;
  readonly cheaterFund: string;
}

export type Phase = "idle" | "reserving" | "playing" | "settling" | "done" | "refused" | "error";

/** Everything the page shows; also readable as `window.streamState` (tests). */
export interface StreamState {
  phase: Phase;
  cheat: boolean;
  source: string;
  reserveSequence: string;
  fund: string;
  chunks: number;
  bytes: number;
  promised: string;
  remaining: string;
  /** One point per chunk: cumulative bytes, TFuel promised, pool remaining (wei, as strings). */
  points: Array<{ bytes: number; promised: string; remaining: string }>;
  refusal: { relay: string; code: string; message: string } | null;
  settlements: SettlementInfo[];
  /** On chain after settlement: the pool's used fund. */
  usedFund: string;
  log: string[];
}

export interface SessionEvents {
  changed(state: StreamState): void;
  chunk(bytes: Uint8Array, index: number, mimeType: string): void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function post(url: string, body: unknown): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

/** Signs and sends the ReserveFundTx, then waits until the pool is in a finalized block. */
async function reserve(rpc: ThetaRpc, cfg: ViewerConfig, key: Uint8Array, fund: bigint, resourceId: string) {
  const me = defaultCrypto.privateKeyToAddress(key);
  const account = await rpc.account(me);
  const sequence = (account?.sequence ?? 0n) + 1n;
  const tx: ReserveFundTx = {
    type: TxType.ReserveFund,
    fee: coins(0n, RESERVE_FEE),
    source: txInput(me, coins(0n, fund), sequence),
    collateral: coins(0n, 2n * fund),
    resourceIds: [resourceId],
    duration: RESERVE_DURATION,
  };
  await rpc.broadcast(encodeTx(defaultCrypto.signTx(cfg.chainId, tx, key)));
  for (let i = 0; i < 600; i++) {
    const pool = await readPool(rpc, me, sequence);
    if (pool) return pool;
    await sleep(200);
  }
  throw new Error("the reserved fund did not appear on chain within two minutes");
}

export async function runSession(
  cfg: ViewerConfig,
  cheat: boolean,
  events: SessionEvents,
): Promise<StreamState> {
  const rpc = createRpc(cfg.rpcUrl);
  const key = hexToBytes(cheat ? cfg.cheaterKey : cfg.viewerKey, "key");
  const signer = {
    address: defaultCrypto.privateKeyToAddress(key),
    sign: (m: Uint8Array) => defaultCrypto.sign(m, key),
  };
  const fund = BigInt(cheat ? cfg.cheaterFund : cfg.fund);
  const state: StreamState = {
    phase: "idle",
    cheat,
    source: bytesToPrefixedHex(signer.address),
    reserveSequence: "",
    fund: fund.toString(),
    chunks: 0,
    bytes: 0,
    promised: "0",
    remaining: fund.toString(),
    points: [{ bytes: 0, promised: "0", remaining: fund.toString() }],
    refusal: null,
    settlements: [],
    usedFund: "0",
    log: [],
  };
  const update = (line?: string) => {
    if (line !== undefined) state.log.push(line);
    events.changed(state);
  };
  try {
    const relays = await Promise.all(
      cfg.relays.map(async (url) => ({
        url,
        info: (await (await fetch(`${url}/info`)).json()) as RelayInfo,
      })),
    );
    const first = relays[0]!.info;
    state.phase = "reserving";
    update(
      `reserving ${Number(fund) / 1e18} TFuel for ${first.resourceId} (collateral ${Number(2n * fund) / 1e18})`,
    );
    const pool = await reserve(rpc, cfg, key, fund, first.resourceId);
    state.reserveSequence = pool.reserveSequence.toString();
    update(`pool ${pool.reserveSequence} open until block ${pool.endBlockHeight}`);
    // Honest: one payer for every relay. Cheating: a payer per relay, blind to the others.
    const honest = createPayer({ signer, chainId: cfg.chainId }, pool);
    const payers = new Map<string, Payer>(
      relays.map((r) => [r.url, cheat ? createPayer({ signer, chainId: cfg.chainId }, pool) : honest]),
    );
    let promised = 0n;
    state.phase = "playing";
    update();
    const paid = new Set<string>();
    for (let i = 0; i < Math.min(cfg.chunks, first.chunks); i++) {
      const relay = relays[i % relays.length]!;
      const price = BigInt(relay.info.pricePerChunk);
      const payer = payers.get(relay.url)!;
      const payment = payer.pay(hexToBytes(relay.info.address), relay.info.resourceId, price);
      const res = await post(`${relay.url}/chunk`, {
        index: i,
        payment: bytesToPrefixedHex(encodeTx(payment)),
      });
      if (!res.ok) {
        const { error } = (await res.json()) as RelayRefusal;
        state.refusal = { relay: relay.info.name, code: error.code, message: error.message };
        state.phase = "refused";
        update(`${relay.info.name} refused chunk ${i}: ${error.code}: ${error.message}`);
        break;
      }
      const bytes = new Uint8Array(await res.arrayBuffer());
      paid.add(relay.url);
      promised += price;
      state.chunks = i + 1;
      state.bytes += bytes.length;
      state.promised = promised.toString();
      state.remaining = (pool.initialFund - promised).toString();
      state.points.push({ bytes: state.bytes, promised: state.promised, remaining: state.remaining });
      events.chunk(bytes, i, relay.info.mimeType);
      update(
        `chunk ${i} ← ${relay.info.name}: ${bytes.length} B, owed ${Number(payment.source.coins.tfuelWei) / 1e18}`,
      );
    }
    await settleAll(rpc, [...paid], signer.address, pool, state, update);
  } catch (e) {
    state.phase = "error";
    update(`error: ${(e as Error).message}`);
  }
  return state;
}

/** Ends the stream at every relay paid, waits for their settlements to finalize, reads the pool. */
async function settleAll(
  rpc: ThetaRpc,
  relays: readonly string[],
  source: Address,
  pool: PoolInfo,
  state: StreamState,
  update: (line?: string) => void,
): Promise<void> {
  const refused = state.phase === "refused";
  state.phase = "settling";
  update("stream ended: asking the relays to settle");
  const body = { source: state.source, reserveSequence: pool.reserveSequence.toString() };
  for (const url of relays) {
    const r = (await (await post(`${url}/end`, body)).json()) as SettlementInfo | RelayRefusal;
    if ("error" in r) update(`${url}: ${r.error.code}: ${r.error.message}`);
    else
      update(`settlement ${r.hash.slice(0, 12)}… for ${r.chunks} chunks (${Number(r.amount) / 1e18} TFuel)`);
  }
  for (let i = 0; i < 600; i++) {
    const all = await Promise.all(
      relays.map(
        async (url) =>
          ((await (await fetch(`${url}/settlements`)).json()) as { settlements: SettlementInfo[] })
            .settlements,
      ),
    );
    const mine = all
      .flat()
      .filter((s) => s.source === state.source && s.reserveSequence === body.reserveSequence);
    state.settlements = mine;
    if (mine.every((s) => s.status !== "pending")) break;
    await sleep(300);
  }
  const onChain = await readPool(rpc, source, pool.reserveSequence);
  state.usedFund = (onChain?.usedFund ?? 0n).toString();
  state.remaining = ((onChain?.initialFund ?? 0n) - (onChain?.usedFund ?? 0n)).toString();
  state.points.push({ bytes: state.bytes, promised: state.promised, remaining: state.remaining });
  state.phase = refused ? "refused" : "done";
  update(
    `settled on chain: the pool paid out ${Number(state.usedFund) / 1e18} TFuel, ${Number(state.remaining) / 1e18} left`,
  );
}
