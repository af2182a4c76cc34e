import type { GcpAtBlock, PoolsAtHeight, StoredBlock, VcpAtBlock } from "../../../src/rpc/chainQuery.ts";
import { ALICE, VALIDATOR } from "./chainData.ts";

/** The validator candidate pools of the blocks `atHeight(height)` gives. */
export function fakeVcpAtHeight(
  height: bigint,
  atHeight: (h: bigint) => StoredBlock[],
): PoolsAtHeight<VcpAtBlock> {
  if (height === 1000n) return { kind: "pruned" };
  const vcp = {
    sortedCandidates: [
      {
        holder: VALIDATOR,
        stakes: [
          {
            source: VALIDATOR,
            amount: 50_000_000n * 10n ** 18n,
            withdrawn: false,
            returnHeight: 2n ** 64n - 1n,
          },
        ],
      },
    ],
  };
  return {
    kind: "found",
    pools: atHeight(height).map((b) => ({ blockHash: b.hash, vcp, heightList: [0n] })),
  };
}

/** The guardian pools of the blocks `atHeight(height)` gives. */
export function fakeGcpAtHeight(
  height: bigint,
  atHeight: (h: bigint) => StoredBlock[],
): PoolsAtHeight<GcpAtBlock> {
  if (height === 1000n) return { kind: "pruned" };
  const gcp = {
    sortedGuardians: [
      {
        holder: ALICE,
        stakes: [{ source: ALICE, amount: 10n ** 24n, withdrawn: false, returnHeight: 2n ** 64n - 1n }],
        blsPubkey: new Uint8Array(48).fill(7),
      },
    ],
  };
  return {
    kind: "found",
    pools: atHeight(height).map((b, i) => ({
      blockHash: b.hash,
      gcp: i === 0 && height === 0n ? undefined : gcp,
    })),
  };
}
