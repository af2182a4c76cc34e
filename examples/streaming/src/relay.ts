/**
 * The relay's HTTP face (node:http, CORS open to any page): `GET /info`, `POST /chunk` (a chunk
 * against a payment), `GET /payments` (what peers ask for overspend checks), `POST /end`
 * (settle), `GET /settlements`. A timer settles pools near expiry and follows settlements.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type Address, hexToBytes } from "@theta/core-types";
import type { ChunkRequest, EndRequest, RelayRefusal } from "./protocol.ts";
import { StreamErrorCode } from "./protocol.ts";
import { createStreamRelay, type StreamRelay, type StreamRelayOptions } from "./relayCore.ts";

export interface RelayServerOptions extends Omit<StreamRelayOptions, "peerPayments"> {
  /** Base URLs of the peer relays (read on every check, so peers may be added later). */
  readonly peers: () => readonly string[];
  readonly host?: string;
  readonly port?: number;
  /** How often pools are checked for expiry and settlements followed (ms). */
  readonly tickMs?: number;
}

export interface RelayServer {
  readonly url: string;
  readonly relay: StreamRelay;
  close(): Promise<void>;
}

const CORS = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, POST, OPTIONS",
  "access-control-allow-headers": "content-type",
};

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { ...CORS, "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

function fail(res: ServerResponse, status: number, code: string, message: string): void {
  const body: RelayRefusal = { error: { code, message } };
  json(res, status, body);
}

async function readJson<T>(req: IncomingMessage): Promise<T> {
  const parts: Buffer[] = [];
  for await (const p of req) parts.push(p as Buffer);
  return JSON.parse(Buffer.concat(parts).toString("utf8")) as T;
}

async function fetchPeerPayments(peers: readonly string[], source: Address, seq: bigint): Promise<string[]> {
  const query = `source=0x${Buffer.from(source).toString("hex")}&reserveSequence=${seq}`;
  const lists = await Promise.all(
    peers.map(async (peer) => {
      try {
        const r = await fetch(`${peer}/payments?${query}`, { signal: AbortSignal.timeout(2000) });
        return ((await r.json()) as { payments: string[] }).payments;
      } catch {
        return [];
      }
    }),
  );
  return lists.flat();
}

export async function startRelay(o: RelayServerOptions): Promise<RelayServer> {
  const relay = createStreamRelay({
    ...o,
    peerPayments: (source, seq) => fetchPeerPayments(o.peers(), source, seq),
  });

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? "/", "http://relay");
    if (req.method === "OPTIONS") return void res.writeHead(204, CORS).end();
    if (req.method === "GET" && url.pathname === "/info") return json(res, 200, relay.info());
    if (req.method === "GET" && url.pathname === "/settlements") {
      return json(res, 200, { settlements: relay.settlements() });
    }
    if (req.method === "GET" && url.pathname === "/payments") {
      const source = hexToBytes(url.searchParams.get("source") ?? "", "source");
      const seq = BigInt(url.searchParams.get("reserveSequence") ?? "0");
      return json(res, 200, { payments: relay.payments(source, seq) });
    }
    if (req.method === "POST" && url.pathname === "/chunk") {
      const body = await readJson<ChunkRequest>(req);
      const answer = await relay.chunk(Number(body.index), String(body.payment ?? ""));
      if (!answer.ok) return fail(res, answer.status, answer.code, answer.message);
      res.writeHead(200, { ...CORS, "content-type": "application/octet-stream" });
      return void res.end(answer.bytes);
    }
    if (req.method === "POST" && url.pathname === "/end") {
      const body = await readJson<EndRequest>(req);
      const r = await relay.end(hexToBytes(body.source, "source"), BigInt(body.reserveSequence));
      return "ok" in r ? fail(res, r.status, r.code, r.message) : json(res, 200, r);
    }
    fail(res, 404, StreamErrorCode.BadRequest, `no route ${req.method} ${url.pathname}`);
  };

  const server = createServer((req, res) => {
    route(req, res).catch((e: unknown) => {
      const code = (e as { code?: unknown }).code;
      fail(res, 400, typeof code === "string" ? code : StreamErrorCode.BadRequest, (e as Error).message);
    });
  });
  await new Promise<void>((resolve) => server.listen(o.port ?? 0, o.host ?? "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    relay
      .tick()
      .catch((e: unknown) => console.error(`[${o.name}] tick: ${(e as Error).message}`))
      .finally(() => {
        busy = false;
      });
  }, o.tickMs ?? 1000);

  return {
    url: `http://${o.host ?? "127.0.0.1"}:${port}`,
    relay,
    close: async () => {
      clearInterval(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
