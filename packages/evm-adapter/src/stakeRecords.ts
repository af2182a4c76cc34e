/**
 * The stake records one EVM run may change (docs/ledger.md §2.9, §2.10): the guardian candidate
 * pool, elite edge node records, the active EEN total and the EEN stake-return lists. They are read
 * through from the ledger view once and written under the same nested checkpoints as the accounts,
 * so a reverted frame drops its stake changes too; `flush` writes what survived. The records are
 * exposed as a `StateView` so the ledger's own stake rules run on them unchanged; that view serves
 * the stake records and reads the validator pool, and refuses every other method (accounts, code
 * and storage go through the run's cache).
 */
import {
  type Address,
  bytesToHex,
  type EliteEdgeNode,
  type GuardianCandidatePool,
  hexToBytes,
  type StakeWithHolder,
  ThetaError,
} from "@theta/core-types";
import type { StateView } from "@theta/ledger";
import { EvmAdapterErrorCode } from "./errors.ts";
import { JournaledMap, journalOf } from "./journaledMap.ts";

/** See the module comment. */
export interface StakeRecords {
  /** The records as a view: stake methods journaled, `getVcp` read through, the rest refused. */
  readonly view: StateView;
  /** Opens a nested checkpoint. */
  checkpoint(): void;
  /** Keeps the writes since the last checkpoint. */
  commit(): void;
  /** Drops the writes since the last checkpoint. */
  revert(): void;
  /** Writes every record the run changed to the ledger view. */
  flush(): Promise<void>;
}

const GCP = "gcp";

/** Fresh stake records over `base`. */
export function createStakeRecords(base: StateView): StakeRecords {
  const gcp = new JournaledMap<GuardianCandidatePool | null>();
  const nodes = new JournaledMap<EliteEdgeNode | null>();
  const total = new JournaledMap<bigint>();
  const returns = new JournaledMap<readonly StakeWithHolder[] | null>();
  const maps = [gcp, nodes, total, returns] as const;

  async function through<V>(map: JournaledMap<V>, key: string, read: () => Promise<V>): Promise<V> {
    const hit = map.get(key);
    if (hit !== undefined) return hit.value;
    const value = await read();
    map.load(key, value);
    return value;
  }

  const served: Partial<StateView> = {
    getVcp: () => base.getVcp(),
    getGcp: async () => (await through(gcp, GCP, async () => (await base.getGcp()) ?? null)) ?? undefined,
    setGcp: async (pool) => gcp.set(GCP, pool),
    getEliteEdgeNode: async (address: Address) =>
      (await through(
        nodes,
        bytesToHex(address),
        async () => (await base.getEliteEdgeNode(address)) ?? null,
      )) ?? undefined,
    setEliteEdgeNode: async (node) => nodes.set(bytesToHex(node.holder), node),
    deleteEliteEdgeNode: async (address) => nodes.set(bytesToHex(address), null),
    getEenTotalActiveStake: () => through(total, "", () => base.getEenTotalActiveStake()),
    setEenTotalActiveStake: async (value) => total.set("", value),
    getEenStakeReturns: async (height) => [
      ...((await through(returns, height.toString(), () => base.getEenStakeReturns(height))) ?? []),
    ],
    setEenStakeReturns: async (height, list) => returns.set(height.toString(), list),
    deleteEenStakeReturns: async (height) => returns.set(height.toString(), null),
  };

  const view = new Proxy(base, {
    get(target, name) {
      const method = served[name as keyof StateView];
      if (method !== undefined) return method;
      // Only the view's own methods are refused; anything else (`then`, symbols) is absent.
      if (typeof name !== "string" || typeof Reflect.get(target, name) !== "function") return undefined;
      return () => {
        throw new ThetaError(
          EvmAdapterErrorCode.Unsupported,
          `stake records: ${String(name)} is not served (expected a stake pool method)`,
        );
      };
    },
  });

  return {
    view,
    ...journalOf(maps),
    async flush() {
      for (const [, pool] of gcp.written()) if (pool !== null) await base.setGcp(pool);
      for (const [key, node] of nodes.written()) {
        if (node === null) await base.deleteEliteEdgeNode(hexToBytes(key));
        else await base.setEliteEdgeNode(node);
      }
      for (const [, value] of total.written()) await base.setEenTotalActiveStake(value);
      for (const [key, list] of returns.written()) {
        if (list === null) await base.deleteEenStakeReturns(BigInt(key));
        else await base.setEenStakeReturns(BigInt(key), list);
      }
    },
  };
}
