import { request } from "node:http";

/** A raw HTTP reply as the tests see it. */
export interface RawReply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** Sends one HTTP request to 127.0.0.1:port with a fresh connection and collects the reply. */
export function send(
  port: number,
  opts: {
    method?: string;
    path?: string;
    body?: string | Buffer;
    contentType?: string | null;
    /** Further request headers (e.g. Origin, Host). */
    headers?: Record<string, string>;
  },
): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...opts.headers };
    const contentType = opts.contentType === undefined ? "application/json" : opts.contentType;
    if (contentType !== null) headers["Content-Type"] = contentType;
    const req = request(
      {
        host: "127.0.0.1",
        port,
        method: opts.method ?? "POST",
        path: opts.path ?? "/rpc",
        headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(opts.body);
  });
}

/** POSTs a JSON-RPC body (string as is) to /rpc. */
export function rpc(port: number, body: string): Promise<RawReply> {
  return send(port, { body });
}
