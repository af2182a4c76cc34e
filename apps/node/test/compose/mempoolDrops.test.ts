import { describe, expect, it } from "vitest";
import { mempoolDropHandler } from "../../src/mempoolDrops.ts";

describe("the node's handling of txs the mempool dropped", () => {
  it("reports them abandoned; warns when some expired, else logs at info; nothing for none", () => {
    const lines: Array<{ level: string; fields: unknown }> = [];
    const log = {
      warn: (fields: unknown) => lines.push({ level: "warn", fields }),
      info: (fields: unknown) => lines.push({ level: "info", fields }),
    } as unknown as Parameters<typeof mempoolDropHandler>[0];
    const abandoned: number[] = [];
    const handle = mempoolDropHandler(log, (hashes) => abandoned.push(hashes.length));
    const h = (b: number) => new Uint8Array(32).fill(b);
    handle([]);
    handle([{ txHash: h(1), reason: "input sequence: expected 3, got 2" }]);
    handle([
      { txHash: h(2), reason: "expired: pending for more than 60 blocks" },
      { txHash: h(3), reason: "fee: too low" },
    ]);
    expect(abandoned).toEqual([1, 2]);
    expect(lines).toEqual([
      { level: "info", fields: { expired: 0, invalid: 1, example: "input sequence: expected 3, got 2" } },
      {
        level: "warn",
        fields: { expired: 1, invalid: 1, example: "expired: pending for more than 60 blocks" },
      },
    ]);
  });
});
