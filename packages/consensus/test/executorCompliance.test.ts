import { encodeHeader, privatenet } from "@theta/core-types";
import { describe, expect, it } from "vitest";
import {
  createFakeExecutor,
  type ExecutorHarness,
  executorComplianceSuite,
  fakeCrypto,
  fakeGenesis,
} from "../src/testing/index.ts";

const forks = privatenet.headerForks;
const validators = [{ address: new Uint8Array(20).fill(1), stake: 10n }];

function fakeHarness(): ExecutorHarness {
  const genesis = fakeGenesis("privatenet");
  const hashOf = (h: typeof genesis.header) => fakeCrypto.keccak256(encodeHeader(h, forks));
  return {
    executor: createFakeExecutor({ chainId: "privatenet", forks, validators }, fakeCrypto, genesis),
    genesis,
    genesisHash: hashOf(genesis.header),
    hashOf,
    proposer: validators[0]!.address,
    stored: async () => {},
  };
}

executorComplianceSuite("the simulator's fake executor", async () => fakeHarness(), { describe, it });

describe("the Executor compliance suite", () => {
  it("fails an executor that accepts a block on an unknown parent", async () => {
    const tests: Array<{ name: string; body: () => Promise<void> }> = [];
    const lax = (): ExecutorHarness => {
      const h = fakeHarness();
      const inner = h.executor;
      // Accepts anything (no parent, TxHash or StateHash check); its validator set never changes.
      const executor = {
        ...inner,
        apply: async () => ({ ok: true, hasValidatorUpdate: false }) as const,
        validatorsFor: () => inner.validatorsFor(h.genesisHash),
      };
      return { ...h, executor };
    };
    executorComplianceSuite("lax", async () => lax(), {
      describe: (_name, body) => body(),
      it: (name, body) => void tests.push({ name, body }),
    });
    const failures: string[] = [];
    for (const t of tests) {
      try {
        await t.body();
      } catch (e) {
        expect((e as { code?: string }).code).toBe("EXECUTOR_COMPLIANCE_VIOLATION");
        failures.push(t.name);
      }
    }
    expect(failures).toEqual([
      "apply refuses a block whose parent was never applied",
      "apply refuses a StateHash other than the one propose computed, and a TxHash that is not the txs'",
      "prepare (when the executor has it) changes no outcome: prepared blocks apply or are refused as unprepared ones",
    ]);
  });

  it("fails an executor whose prepare changes what apply answers", async () => {
    const tests: Array<{ name: string; body: () => Promise<void> }> = [];
    const spoiled = (): ExecutorHarness => {
      const h = fakeHarness();
      const inner = h.executor;
      const prepared = new Set<unknown>();
      const executor = {
        ...inner,
        prepare: (block: unknown) => void prepared.add(block),
        apply: async (block: Parameters<typeof inner.apply>[0], hash: Uint8Array) =>
          prepared.has(block) ? ({ ok: false, reason: "prepared" } as const) : inner.apply(block, hash),
      };
      return { ...h, executor };
    };
    executorComplianceSuite("spoiled", async () => spoiled(), {
      describe: (_name, body) => body(),
      it: (name, body) => void tests.push({ name, body }),
    });
    const failures: string[] = [];
    for (const t of tests) await t.body().catch(() => failures.push(t.name));
    expect(failures).toEqual([
      "prepare (when the executor has it) changes no outcome: prepared blocks apply or are refused as unprepared ones",
    ]);
  });
});
