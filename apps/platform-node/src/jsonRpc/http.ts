/** Small HTTP pieces of a JSON-RPC endpoint: media type, CORS headers and refusals. */
import type { OutgoingHttpHeaders, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import type { AccessDecision } from "./access.ts";

/** The media type of a Content-Type header, lower-cased, without parameters ("" when absent). */
export function mediaType(header: string | undefined): string {
  if (header === undefined) return "";
  return (header.split(";")[0] ?? "").trim().toLowerCase();
}

/** CORS response headers for an allowed request (none when it carried no Origin). */
export function corsHeaders(allowOrigin: string | undefined): Record<string, string> {
  if (allowOrigin === undefined) return {};
  const headers: Record<string, string> = {
    "Access-Control-Allow-Origin": allowOrigin,
    "Access-Control-Allow-Methods": "POST, GET, OPTIONS",
    "Access-Control-Allow-Headers": "Content-Type, Authorization",
    "Access-Control-Max-Age": "600",
  };
  if (allowOrigin !== "*") headers.Vary = "Origin";
  return headers;
}

/** Answers a refused request with its status and a one-line text, then closes the connection. */
export function writeRefusal(
  res: ServerResponse,
  refusal: Extract<AccessDecision, { ok: false }>,
  extra: OutgoingHttpHeaders = {},
): void {
  const body = `${refusal.message}\n`;
  const headers: OutgoingHttpHeaders = {
    ...extra,
    "Content-Type": "text/plain; charset=utf-8",
    "Content-Length": Buffer.byteLength(body),
    Connection: "close",
  };
  if (refusal.status === 401) headers["WWW-Authenticate"] = "Bearer";
  res.writeHead(refusal.status, headers);
  res.end(body);
}

/** Answers an HTTP upgrade request that will not be upgraded (a raw socket), then closes it. */
export function refuseUpgrade(socket: Duplex, status: number, reason: string, text: string): void {
  socket.on("error", () => undefined);
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = `${text}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\n` +
      "Content-Type: text/plain; charset=utf-8\r\n" +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      "Connection: close\r\n\r\n" +
      body,
  );
}
