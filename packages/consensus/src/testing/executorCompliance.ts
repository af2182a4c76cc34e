/**
 * The `Executor` compliance suite: the properties the port's contract (ports.ts) promises, checked on
 * any implementation — the ledger-backed executor of `@theta/chain`, the simulator's fake, a future one.
 *
 *   executorComplianceSuite("fake", async () => fakeHarness(), { describe, it });
 *
 * The suite registers its tests through the runner it is given (vitest's `describe`/`it`, or any
 * runner with the same shape), so this entry point stays free of a test framework at run time.
 */
import { type Block, type BlockHeader, bytesToHex, equalBytes, ThetaError } from "@theta/core-types";
import type { ApplyOutcome, Executor, ProposeContext } from "../ports.ts";

/** Error code of a property the executor under test broke. */
export const ExecutorComplianceErrorCode = {
  Violation: "EXECUTOR_COMPLIANCE_VIOLATION",
} as const;

/** An executor with the chain it starts from and the engine-side duties the suite performs. */
export interface ExecutorHarness {
  readonly executor: Executor;
  /** The applied block the chain starts from (a genesis or snapshot block). */
  readonly genesis: Block;
  /** Its hash. */
  readonly genesisHash: Uint8Array;
  /** A block hash as the engine computes it (keccak256 of the header's RLP). */
  hashOf(header: BlockHeader): Uint8Array;
  /** The proposer the executor builds blocks for (the local validator's address). */
  readonly proposer: Uint8Array;
  /** What the engine does once `apply` accepted a block: store it (the executor may read it back). */
  stored(block: Block, hash: Uint8Array): Promise<void>;
  /** Called before each `propose` on `parent`, e.g. to put txs into the executor's mempool; may do nothing. */
  beforePropose?(parent: BlockHeader): Promise<void>;
}

/** The part of a test runner the suite uses (vitest's and jest's `describe`/`it` fit). */
export interface ComplianceRunner {
  /** Groups the cases (the test framework's `describe`). */
  describe(name: string, body: () => void): void;
  /** Declares one case (the test framework's `it`). */
  it(name: string, body: () => Promise<void>): void;
}

function check(condition: boolean, what: string): asserts condition {
  if (!condition) throw new ThetaError(ExecutorComplianceErrorCode.Violation, what);
}

const hex = (b: Uint8Array): string => bytesToHex(b);

/** `bytes` with its last byte changed. */
function flipped(bytes: Uint8Array): Uint8Array {
  const out = bytes.slice();
  out[out.length - 1] = (out[out.length - 1] ?? 0) ^ 0xff;
  return out;
}

const context = (h: ExecutorHarness, timestamp: bigint, hccBlock: Uint8Array): ProposeContext => ({
  proposer: h.proposer,
  hcc: { votes: [], blockHash: hccBlock },
  guardianVotes: undefined,
  timestamp,
});

/** Proposes a block on `parent` (after the harness's `beforePropose`). */
async function propose(h: ExecutorHarness, parent: Block, epoch: bigint, timestamp: bigint): Promise<Block> {
  await h.beforePropose?.(parent.header);
  return h.executor.propose(
    parent.header,
    parent.header.height + 1n,
    epoch,
    context(h, timestamp, h.hashOf(parent.header)),
  );
}

/** Applies `block`, expects it accepted, and stores it as the engine would. */
async function applyOk(h: ExecutorHarness, block: Block, what: string): Promise<ApplyOutcome> {
  const hash = h.hashOf(block.header);
  const outcome = await h.executor.apply(block, hash);
  check(outcome.ok, `${what}: apply refused it (${outcome.ok ? "" : outcome.reason})`);
  await h.stored(block, hash);
  return outcome;
}

async function refused(h: ExecutorHarness, block: Block, what: string): Promise<void> {
  const outcome = await h.executor.apply(block, h.hashOf(block.header));
  check(!outcome.ok, `${what}: apply accepted it`);
  check(outcome.reason.length > 0, `${what}: refused without a reason`);
}

/** Registers the compliance tests of the executor `make` creates (a fresh one, on a fresh chain, per test). */
export function executorComplianceSuite(
  name: string,
  make: () => Promise<ExecutorHarness>,
  runner: ComplianceRunner,
): void {
  const { describe, it } = runner;
  describe(`Executor compliance: ${name}`, () => {
    it("propose builds an unsigned block on its parent from the arguments and the context", async () => {
      const h = await make();
      const block = await propose(h, h.genesis, 3n, 1_000n);
      const hd = block.header;
      check(hd.signature === undefined, "the proposed header is signed");
      check(equalBytes(hd.parent, h.genesisHash), "header.parent is not the parent's hash");
      check(hd.height === h.genesis.header.height + 1n, "header.height is not the requested height");
      check(hd.epoch === 3n, "header.epoch is not the requested epoch");
      check(hd.timestamp === 1_000n, "header.timestamp is not the context's");
      check(equalBytes(hd.proposer, h.proposer), "header.proposer is not the context's");
      check(equalBytes(hd.hcc.blockHash, h.genesisHash), "header.hcc is not the context's");
      check(hd.chainId === h.genesis.header.chainId, "header.chainId is not the chain's");
    });

    it("apply accepts the block propose built", async () => {
      const h = await make();
      await applyOk(h, await propose(h, h.genesis, 1n, 10n), "own proposal");
    });

    it("apply is deterministic: two executors on the same chain agree, and applying again agrees", async () => {
      const [a, b] = [await make(), await make()];
      const block = await propose(a, a.genesis, 1n, 10n);
      const first = await applyOk(a, block, "on the proposer");
      const other = await applyOk(b, block, "on another executor");
      check(JSON.stringify(first) === JSON.stringify(other), "two executors reached different outcomes");
      const again = await a.executor.apply(block, a.hashOf(block.header));
      check(
        JSON.stringify(again) === JSON.stringify(first),
        "applying the same block again changed the outcome",
      );
    });

    it("apply refuses a block whose parent was never applied", async () => {
      const h = await make();
      const block = await propose(h, h.genesis, 1n, 10n);
      await refused(
        h,
        { ...block, header: { ...block.header, parent: flipped(h.genesisHash) } },
        "unknown parent",
      );
      // A well-formed child of a block that was proposed but never applied.
      const child = await propose(h, block, 2n, 11n);
      await refused(h, child, "child of an unapplied block");
    });

    it("apply refuses a StateHash other than the one propose computed, and a TxHash that is not the txs'", async () => {
      const h = await make();
      const block = await propose(h, h.genesis, 1n, 10n);
      const hd = block.header;
      await refused(
        h,
        { ...block, header: { ...hd, stateHash: flipped(hd.stateHash) } },
        "changed StateHash",
      );
      await refused(h, { ...block, header: { ...hd, txHash: flipped(hd.txHash) } }, "changed TxHash");
      // The refusals left nothing behind: the block as proposed still applies.
      await applyOk(h, block, "the unchanged block after the refusals");
    });

    it("prepare (when the executor has it) changes no outcome: prepared blocks apply or are refused as unprepared ones", async () => {
      const [a, b] = [await make(), await make()];
      const block = await propose(a, a.genesis, 1n, 10n);
      const plain = await applyOk(a, block, "unprepared");
      const changed = { ...block, header: { ...block.header, stateHash: flipped(block.header.stateHash) } };
      b.executor.prepare?.(changed);
      b.executor.prepare?.(block);
      b.executor.prepare?.(block);
      await refused(b, changed, "prepared block with a changed StateHash");
      const prepared = await applyOk(b, block, "prepared");
      check(JSON.stringify(prepared) === JSON.stringify(plain), "a prepared block reached another outcome");
    });

    it("competing blocks at one height both apply, and each can be built on", async () => {
      const h = await make();
      const left = await propose(h, h.genesis, 1n, 10n);
      await applyOk(h, left, "first sibling");
      const right = await propose(h, h.genesis, 2n, 11n);
      check(
        hex(h.hashOf(left.header)) !== hex(h.hashOf(right.header)),
        "siblings with different times share a hash",
      );
      await applyOk(h, right, "second sibling");
      await applyOk(h, await propose(h, right, 3n, 12n), "child of the second sibling");
      await applyOk(h, await propose(h, left, 4n, 13n), "child of the first sibling");
    });

    it("validatorsFor: the set after the start block has stake, and a block without a validator update keeps it", async () => {
      const h = await make();
      const start = await h.executor.validatorsFor(h.genesisHash);
      check(start.length > 0, "no validators after the start block");
      for (const v of start) {
        check(v.address.length === 20, "a validator address is not 20 bytes");
        check(v.stake > 0n, "a validator has no stake");
      }
      const block = await propose(h, h.genesis, 1n, 10n);
      const outcome = await applyOk(h, block, "block");
      const after = await h.executor.validatorsFor(h.hashOf(block.header));
      if (outcome.ok && !outcome.hasValidatorUpdate) {
        const key = (set: typeof start) => set.map((v) => `${hex(v.address)}:${v.stake}`).join(",");
        check(key(after) === key(start), "the set changed in a block that reported no validator update");
      }
      const twice = await h.executor.validatorsFor(h.hashOf(block.header));
      check(
        JSON.stringify(twice.map((v) => [hex(v.address), `${v.stake}`])) ===
          JSON.stringify(after.map((v) => [hex(v.address), `${v.stake}`])),
        "validatorsFor answered differently twice",
      );
    });

    it("guardiansFor: a 32-byte pool hash and guardians with stake and a BLS key, the same answer twice", async () => {
      const h = await make();
      const pool = await h.executor.guardiansFor(h.genesisHash);
      check(pool.gcpHash.length === 32, "gcpHash is not 32 bytes");
      for (const g of pool.guardians) {
        check(g.stake > 0n, "a guardian without stake is listed");
        check(g.blsPubkey.length === 48, "a guardian's BLS key is not 48 bytes");
      }
      const again = await h.executor.guardiansFor(h.genesisHash);
      check(hex(again.gcpHash) === hex(pool.gcpHash), "guardiansFor answered differently twice");
      check(
        again.guardians.length === pool.guardians.length,
        "guardiansFor listed different guardians twice",
      );
    });
  });
}
