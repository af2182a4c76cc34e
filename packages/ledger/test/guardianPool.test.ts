import { compareBytes, decodeGcp, encodeGcp, type GuardianCandidatePool } from "@theta/core-types";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  EMPTY_GCP,
  gcpContains,
  gcpDeposit,
  gcpReturnStakes,
  gcpWithdraw,
  gcpWithStake,
} from "../src/staking/guardianPool.ts";
import { key } from "./helpers/stakeFixture.ts";

const holders = [key(61), key(62), key(63), key(64), key(65)].map((k) => k.address);
const sources = [key(71), key(72)].map((k) => k.address);
const op = fc.oneof(
  fc.record({ kind: fc.constant("deposit" as const), h: fc.nat(4), s: fc.nat(1), pk: fc.nat(255) }),
  fc.record({ kind: fc.constant("withdraw" as const), h: fc.nat(4), s: fc.nat(1) }),
  fc.record({ kind: fc.constant("return" as const), p: fc.bigInt({ min: 0n, max: 10n }) }),
);

describe("guardian candidate pool rules", () => {
  it("keep guardians ordered by address, keep the first BLS key, and round-trip through RLP", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 25 }), (ops) => {
        let gcp: GuardianCandidatePool = EMPTY_GCP;
        const firstKey = new Map<number, number>();
        for (const o of ops) {
          if (o.kind === "deposit") {
            const r = gcpDeposit(gcp, sources[o.s]!, holders[o.h]!, 5n, new Uint8Array(48).fill(o.pk), 5n);
            if (r.ok) {
              if (!firstKey.has(o.h) || !gcpContains(gcp, holders[o.h]!)) firstKey.set(o.h, o.pk);
              gcp = r.value;
            }
          } else if (o.kind === "withdraw") {
            const r = gcpWithdraw(gcp, sources[o.s]!, holders[o.h]!, 3n);
            if (r.ok) gcp = r.value;
          } else gcp = gcpReturnStakes(gcp, o.p).pool;
          const g = gcp.sortedGuardians;
          for (let i = 1; i < g.length; i++)
            expect(compareBytes(g[i - 1]!.holder, g[i]!.holder)).toBeLessThan(0);
          for (const x of g)
            expect(x.blsPubkey[0]).toBe(
              firstKey.get(holders.findIndex((h) => compareBytes(h, x.holder) === 0)),
            );
          expect(gcpWithStake(gcp).every((x) => x.stakes.some((s) => !s.withdrawn))).toBe(true);
        }
        expect(decodeGcp(encodeGcp(gcp))).toEqual(gcp);
      }),
      { numRuns: 150 },
    );
  });

  it("refuses deposits below the minimum and unknown holders on withdrawal", () => {
    const r = gcpDeposit(EMPTY_GCP, sources[0]!, holders[0]!, 4n, new Uint8Array(48), 5n);
    expect(r.ok ? "" : r.code).toBe("STAKING_BELOW_MINIMUM");
    const w = gcpWithdraw(EMPTY_GCP, sources[0]!, holders[0]!, 1n);
    expect(w.ok ? "" : w.code).toBe("STAKING_UNKNOWN_HOLDER");
  });
});
