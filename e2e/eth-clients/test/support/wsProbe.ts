/**
 * A raw check of the node's WebSocket endpoint before a client library is pointed at it: the
 * libraries retry or hang on a failed handshake, this fails fast with the reason.
 */
import WebSocket from "ws";
import type { RpcReply } from "./node.ts";

/** Opens `url`, sends one JSON-RPC call, resolves with its reply and closes; rejects within `ms`. */
export function wsCall(
  url: string,
  method: string,
  params: readonly unknown[] = [],
  ms = 10_000,
): Promise<RpcReply> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error(`${url}: no reply to ${method} within ${ms} ms`));
    }, ms);
    const fail = (e: Error): void => {
      clearTimeout(timer);
      socket.terminate();
      reject(new Error(`${url}: ${e.message}`));
    };
    socket.on("error", fail);
    socket.on("unexpected-response", (_req, res) => fail(new Error(`HTTP ${res.statusCode} on the upgrade`)));
    socket.on("open", () => socket.send(JSON.stringify({ jsonrpc: "2.0", id: 1, method, params })));
    socket.on("message", (data) => {
      clearTimeout(timer);
      socket.close();
      resolve(JSON.parse(data.toString()) as RpcReply);
    });
  });
}
