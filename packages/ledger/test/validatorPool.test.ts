import {
  bytesToHex,
  compareBytes,
  decodeVcp,
  encodeVcp,
  type ValidatorCandidatePool,
} from "@theta/core-types";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  validatorSetFromVcp,
  vcpDeposit,
  vcpReturnStakes,
  vcpWithdraw,
} from "../src/staking/validatorPool.ts";
import { sortVcpCandidates } from "../src/state/vcpOrder.ts";
import { crypto, key } from "./helpers/stakeFixture.ts";

const holders = [key(41), key(42), key(43), key(44)].map((k) => k.address);
const sources = [key(51), key(52), key(53)].map((k) => k.address);
const checksum = crypto.toChecksumAddress;

const op = fc.oneof(
  fc.record({
    kind: fc.constant("deposit" as const),
    h: fc.nat(3),
    s: fc.nat(2),
    amount: fc.bigInt({ min: 0n, max: 50n }),
  }),
  fc.record({
    kind: fc.constant("withdraw" as const),
    h: fc.nat(3),
    s: fc.nat(2),
    at: fc.bigInt({ min: 0n, max: 20n }),
  }),
  fc.record({ kind: fc.constant("return" as const), p: fc.bigInt({ min: 0n, max: 30n }) }),
);

const poolSum = (vcp: ValidatorCandidatePool) =>
  vcp.sortedCandidates.reduce((a, c) => a + c.stakes.reduce((b, s) => b + s.amount, 0n), 0n);

describe("validator candidate pool rules", () => {
  it("conserve stake, keep VCP order, one entry per source, and round-trip through RLP", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 25 }), (ops) => {
        let vcp: ValidatorCandidatePool = { sortedCandidates: [] };
        let deposited = 0n;
        let returned = 0n;
        for (const o of ops) {
          if (o.kind === "deposit") {
            const r = vcpDeposit(vcp, sources[o.s]!, holders[o.h]!, o.amount, 10n, checksum);
            if (r.ok) {
              vcp = r.value;
              deposited += o.amount;
            } else expect(r.code).toMatch(/^STAKING_/);
          } else if (o.kind === "withdraw") {
            const r = vcpWithdraw(vcp, sources[o.s]!, holders[o.h]!, o.at, checksum);
            if (r.ok) vcp = r.value;
          } else {
            const r = vcpReturnStakes(vcp, o.p, checksum);
            for (const s of r.returned) expect(s.withdrawn && s.returnHeight <= o.p).toBe(true);
            returned += r.returned.reduce((a, s) => a + s.amount, 0n);
            vcp = r.pool;
            expect(vcp.sortedCandidates.every((c) => c.stakes.length > 0)).toBe(true);
          }
          expect(poolSum(vcp) + returned).toBe(deposited);
          expect(vcp.sortedCandidates).toEqual(sortVcpCandidates(vcp.sortedCandidates, checksum));
          for (const c of vcp.sortedCandidates) {
            expect(new Set(c.stakes.map((s) => bytesToHex(s.source))).size).toBe(c.stakes.length);
          }
        }
        expect(decodeVcp(encodeVcp(vcp))).toEqual(vcp);
        const set = validatorSetFromVcp(vcp, 2);
        expect(set.length).toBeLessThanOrEqual(2);
        expect(set.every((v) => v.stake > 0n)).toBe(true);
        for (let i = 1; i < set.length; i++)
          expect(compareBytes(set[i - 1]!.address, set[i]!.address)).toBeLessThan(0);
      }),
      { numRuns: 150 },
    );
  });
});
