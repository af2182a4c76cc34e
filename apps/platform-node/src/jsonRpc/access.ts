/**
 * Who may talk to a local JSON-RPC server: the browser-facing checks that keep a web page from
 * using a server bound to loopback. `Host` must name this machine (localhost, an IP address, the
 * bound name) or an allowed host, which defeats DNS rebinding (a rebinding page sends its own
 * domain as Host); an `Origin`, which only browsers send, must be allowed (CORS); and optionally
 * a bearer token. Non-browser clients (curl, ethers in Node, the e2e tests) send no Origin and
 * an IP or localhost Host, and pass.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { isIP } from "node:net";
import { ThetaError } from "@theta/core-types";

/** Stable codes of {@link createAccessPolicy} failures. */
export const AccessPolicyErrorCode = { BadEntry: "RPC_ACCESS_BAD_ENTRY" } as const;

/** How a server decides who may call it. */
export interface AccessPolicyOptions {
  /** The bind address; when it is a name, that name is accepted as a Host. */
  readonly boundAddress: string;
  /** Further Host names accepted: `name`, `*.domain` or `*` (any; turns the rebinding guard off). */
  readonly allowedHosts?: readonly string[];
  /**
   * Origins allowed to call: exact (`https://app.example`), with `*` standing for any run of
   * characters (`chrome-extension://*`, `http://localhost:*`), `null`, or `*` (any origin).
   */
  readonly allowedOrigins?: readonly string[];
  /** Pages served from this machine (http(s)://localhost, 127.0.0.1 or [::1], any port) are allowed. */
  readonly allowLoopbackOrigins?: boolean;
  /** When set, every request but a CORS preflight must carry `Authorization: Bearer <token>`. */
  readonly bearerToken?: string;
  /** What to tell the refused client to change, e.g. `{ host: "rpc.allowedHosts", origin: "rpc.allowedOrigins" }`. */
  readonly hints?: { readonly host: string; readonly origin: string };
}

/** The verdict on one request. */
export type AccessDecision =
  | {
      readonly ok: true;
      /** The `Access-Control-Allow-Origin` value to answer with; undefined without an Origin. */
      readonly allowOrigin: string | undefined;
    }
  | { readonly ok: false; readonly status: 401 | 403; readonly message: string };

/** A compiled policy. */
export interface AccessPolicy {
  /** Checks Host and Origin, and the token unless `preflight` (browsers send none on OPTIONS). */
  check(headers: IncomingHttpHeaders, preflight?: boolean): AccessDecision;
}

const LOOPBACK_NAMES: ReadonlySet<string> = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Splits a comma list, trimming entries and dropping empty ones. */
export function parseList(text: string): string[] {
  return text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** Compiles the options; throws a ThetaError naming a malformed entry. */
export function createAccessPolicy(opts: AccessPolicyOptions): AccessPolicy {
  const hints = opts.hints ?? { host: "the allowed hosts", origin: "the allowed origins" };
  const hosts = (opts.allowedHosts ?? []).map(hostPattern);
  const origins = (opts.allowedOrigins ?? []).map(originPattern);
  const bound = opts.boundAddress.toLowerCase();
  if (opts.bearerToken !== undefined && opts.bearerToken.trim() === "") {
    throw new ThetaError(AccessPolicyErrorCode.BadEntry, "the bearer token is empty");
  }
  const tokenDigest = opts.bearerToken === undefined ? undefined : sha256(opts.bearerToken);

  function hostAllowed(header: string | undefined): boolean {
    if (header === undefined || header === "") return true;
    const name = hostName(header);
    if (name === undefined) return false;
    if (isIP(name.replace(/^\[|\]$/g, "")) !== 0) return true;
    if (name === "localhost" || name === bound) return true;
    return hosts.some((h) => h(name));
  }

  function originVerdict(origin: string): string | undefined {
    if (origins.some((o) => o.any)) return "*";
    const lower = origin.toLowerCase();
    if (opts.allowLoopbackOrigins === true && isLoopbackOrigin(lower)) return origin;
    return origins.some((o) => o.test(lower)) ? origin : undefined;
  }

  return {
    check(headers, preflight = false) {
      const host = headers.host;
      if (!hostAllowed(host)) {
        return {
          ok: false,
          status: 403,
          message: `Forbidden: Host "${host}" is not allowed; this server answers localhost, IP addresses and ${hints.host} (a guard against DNS rebinding)`,
        };
      }
      const origin = headers.origin;
      let allowOrigin: string | undefined;
      if (origin !== undefined) {
        allowOrigin = originVerdict(origin);
        if (allowOrigin === undefined) {
          return {
            ok: false,
            status: 403,
            message: `Forbidden: Origin "${origin}" is not allowed; add it to ${hints.origin}`,
          };
        }
      }
      if (tokenDigest !== undefined && !preflight && !tokenMatches(headers.authorization, tokenDigest)) {
        return {
          ok: false,
          status: 401,
          message: "Unauthorized: this server needs the header Authorization: Bearer <token>",
        };
      }
      return { ok: true, allowOrigin };
    },
  };
}

/** The lower-cased host name of a Host header (IPv6 in brackets), without the port. */
function hostName(header: string): string | undefined {
  const h = header.trim().toLowerCase();
  if (h.startsWith("[")) {
    const end = h.indexOf("]");
    if (end < 0) return undefined;
    const rest = h.slice(end + 1);
    if (rest !== "" && !/^:\d*$/.test(rest)) return undefined;
    return h.slice(0, end + 1);
  }
  const colon = h.indexOf(":");
  if (colon >= 0 && !/^\d*$/.test(h.slice(colon + 1))) return undefined;
  const name = colon < 0 ? h : h.slice(0, colon);
  return name === "" ? undefined : name.replace(/\.$/, "");
}

function isLoopbackOrigin(origin: string): boolean {
  const m = /^https?:\/\/(\[[^\]]*\]|[^/:]+)(:\d+)?$/.exec(origin);
  return m !== null && LOOPBACK_NAMES.has(m[1]!);
}

function hostPattern(entry: string): (name: string) => boolean {
  const e = entry.trim().toLowerCase();
  if (e === "*") return () => true;
  if (!/^(\*\.)?[a-z0-9_-]+(\.[a-z0-9_-]+)*\.?$/.test(e)) {
    throw new ThetaError(
      AccessPolicyErrorCode.BadEntry,
      `allowed host "${entry}": expected a host name (e.g. node.example.com), *.domain or *, without scheme or port`,
    );
  }
  const name = e.replace(/\.$/, "");
  if (name.startsWith("*.")) {
    const suffix = name.slice(1);
    return (n) => n.endsWith(suffix) && n.length > suffix.length;
  }
  return (n) => n === name;
}

interface OriginPattern {
  readonly any: boolean;
  test(origin: string): boolean;
}

function originPattern(entry: string): OriginPattern {
  const e = entry.trim().toLowerCase();
  if (e === "*") return { any: true, test: () => true };
  if (e === "null") return { any: false, test: (o) => o === "null" };
  if (!/^([a-z][a-z0-9+.-]*|\*):\/\/[^/\s?#]+$/.test(e)) {
    throw new ThetaError(
      AccessPolicyErrorCode.BadEntry,
      `allowed origin "${entry}": expected scheme://host[:port] without a path (e.g. https://app.example.com, chrome-extension://<id>, http://localhost:*), null or *`,
    );
  }
  const re = new RegExp(`^${e.split("*").map(escapeRegExp).join("[^/]*")}$`);
  return { any: false, test: (o) => re.test(o) };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function sha256(s: string): Buffer {
  return createHash("sha256").update(s, "utf8").digest();
}

function tokenMatches(header: string | undefined, digest: Buffer): boolean {
  if (header === undefined) return false;
  const m = /^bearer\s+(\S+)\s*$/i.exec(header);
  return m !== null && timingSafeEqual(sha256(m[1]!), digest);
}
