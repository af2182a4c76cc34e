/**
 * A file-backed PaymentStore for relays: one JSON file, rewritten atomically (temp file + rename)
 * on every put, so an accepted payment survives a crash. Lives in the example because the package
 * itself stays free of the filesystem.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { bytesToHex, hexToBytes } from "@theta/core-types";
import { decodePayment, type PaymentStore, type StoredPayment } from "../src/index.ts";

interface Row {
  key: string;
  raw: string;
  settled: boolean;
}

export function createFilePaymentStore(path: string): PaymentStore {
  const rows = new Map<string, StoredPayment>();
  if (existsSync(path)) {
    for (const row of JSON.parse(readFileSync(path, "utf8")) as Row[]) {
      const raw = hexToBytes(row.raw);
      const p = decodePayment(raw);
      rows.set(row.key, {
        key: row.key,
        raw,
        paymentSequence: p.paymentSequence,
        amount: p.source.coins.tfuelWei,
        settled: row.settled,
      });
    }
  }
  const flush = () => {
    mkdirSync(dirname(path), { recursive: true });
    const data: Row[] = [...rows.values()].map((r) => ({
      key: r.key,
      raw: bytesToHex(r.raw),
      settled: r.settled,
    }));
    const tmp = `${path}.tmp`;
    writeFileSync(tmp, JSON.stringify(data));
    renameSync(tmp, path);
  };
  return {
    async put(entry) {
      rows.set(entry.key, entry);
      flush();
    },
    async get(key) {
      return rows.get(key);
    },
    async list() {
      return [...rows.values()];
    },
  };
}
