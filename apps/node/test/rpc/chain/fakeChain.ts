/**
 * An in-memory ChainQuery over {@link chainData}: three stored blocks (genesis, a finalized
 * block with a SendTx and a contract deployment, a committed block with a ReserveFundTx), a
 * mempool, and a broadcast that checks decoding, chain id signature and sequence the way the
 * real chain's mempool does, answering with the reference's texts. The blocks, the admission and
 * the stake pools are built in fakeChainBlocks.ts, fakeAdmission.ts and fakeStakePools.ts.
 */
import {
  type Account,
  type Address,
  bytesToHex,
  encodeTx,
  equalBytes,
  err,
  type Hash,
  ok,
  type Tx,
  TxType,
  ZERO_ADDRESS,
  ZERO_HASH,
} from "@theta/core-types";
import type {
  BroadcastMode,
  ChainQuery,
  ChainStatus,
  MempoolTxStatus,
  StateAt,
  StateRead,
  StoredBlock,
} from "../../../src/rpc/chainQuery.ts";
import { translateEthTx } from "../../../src/rpc/ethTranslate.ts";
import {
  ALICE,
  BlockStatus,
  blockTx,
  CHAIN_ID,
  CONTRACT_ADDRESS,
  crypto,
  DEPLOY_CODE,
  GENESIS_HASH,
  genesisAccounts,
  KEYS,
  RECEIVER,
  storedBlock,
  VALIDATOR,
} from "./chainData.ts";
import { createAdmission, EVM_CHAIN_ID } from "./fakeAdmission.ts";
import { fakeChainBlocks } from "./fakeChainBlocks.ts";
import { createFakeExtras, type FakeExtras } from "./fakeExtras.ts";
import { fakeGcpAtHeight, fakeVcpAtHeight } from "./fakeStakePools.ts";

const key = (b: Uint8Array): string => bytesToHex(b);

/** The fake plus handles the tests use to inspect and steer it. */
export interface FakeChain extends ChainQuery {
  readonly genesis: StoredBlock;
  readonly b1: StoredBlock;
  readonly b2: StoredBlock;
  /** Raw txs the mempool accepted, in order. */
  readonly accepted: Uint8Array[];
  /** When set, sync broadcasts never see their tx included (they wait for the signal). */
  holdInclusion: boolean;
  /** When set, the node reports that it is syncing towards this height. */
  syncingTo: bigint | undefined;
  /** Storage words, keyed by address hex + slot hex. */
  readonly storage: Map<string, Uint8Array>;
  /** Records `hash` as abandoned by the mempool. */
  markAbandoned(hash: Hash): void;
  /** The elite-edge-node, reward and trace reads (fakeExtras.ts); `extras.fork` is settable. */
  readonly extras: FakeExtras;
}

/** Builds a fresh fake chain. */
export function createFakeChain(): FakeChain {
  const { genesis, b1, b2 } = fakeChainBlocks();

  const blocks = new Map<string, StoredBlock>([genesis, b1, b2].map((b) => [key(b.hash), b]));
  const accounts = new Map<string, Account>(genesisAccounts().map((a) => [key(a.address), a]));
  accounts.set(key(VALIDATOR), { ...accounts.get(key(VALIDATOR))!, sequence: 2n });
  const mempool = new Map<string, MempoolTxStatus>();
  const storage = new Map<string, Uint8Array>();
  const accepted: Uint8Array[] = [];
  let nextHeight = 3n;

  const heightOf = (b: StoredBlock) => b.block.block.header.height;
  const atHeight = (h: bigint) => [...blocks.values()].filter((b) => heightOf(b) === h);

  function readAt<T>(at: StateAt, read: () => T): StateRead<T> {
    if (at.kind === "latest") return { kind: "found", value: read() };
    if (at.height === 1000n) return { kind: "pruned" };
    const list = atHeight(at.height);
    if (list.length === 0) return { kind: "noBlocks" };
    if (
      !list.some(
        (b) => b.block.status >= BlockStatus.DirectlyFinalized && b.block.status <= BlockStatus.Trusted,
      )
    ) {
      return { kind: "notFinalized" };
    }
    return { kind: "found", value: read() };
  }

  const admit = createAdmission(accounts, mempool);

  async function include(raw: Uint8Array, tx: Tx, mode: BroadcastMode) {
    const hash = crypto.txHash(raw);
    accepted.push(raw);
    mempool.set(key(hash), "pending");
    if (!mode.wait) return ok({ hash, block: undefined });
    if (chain.holdInclusion) {
      await new Promise<void>((resolve) =>
        mode.signal.addEventListener("abort", () => resolve(), { once: true }),
      );
      return err("TIMEOUT", "Timed out waiting for transaction to be included");
    }
    const parent = [...blocks.values()].find((b) => heightOf(b) === nextHeight - 1n)!;
    const block = storedBlock(
      {
        height: nextHeight,
        epoch: nextHeight,
        parent: parent.hash,
        timestamp: 1549056900n + 2n * nextHeight,
      },
      [blockTx(tx)],
      BlockStatus.DirectlyFinalized,
    );
    nextHeight++;
    blocks.set(key(block.hash), block);
    mempool.delete(key(hash));
    return ok({ hash, block: block.block.block.header });
  }

  const extras = createFakeExtras(
    blocks,
    key,
    (h) => atHeight(h).find((b) => b.block.status >= BlockStatus.DirectlyFinalized) ?? atHeight(h)[0],
    atHeight,
  );
  const chain: FakeChain = {
    ...extras,
    extras,
    genesis,
    b1,
    b2,
    accepted,
    holdInclusion: false,
    syncingTo: undefined,
    storage,
    markAbandoned(hash) {
      mempool.set(key(hash), "abandoned");
    },
    async status(): Promise<ChainStatus> {
      const ref = (b: StoredBlock) => ({
        hash: b.hash,
        height: heightOf(b),
        epoch: b.block.block.header.epoch,
        timestamp: b.block.block.header.timestamp,
      });
      return {
        nodeAddress: VALIDATOR,
        chainId: CHAIN_ID,
        peerId: "16Uiu2HAmFakePeerIdForTests",
        latestFinalized: ref(b1),
        currentEpoch: 3n,
        currentHeight: 2n,
        currentHash: b2.hash,
        currentTime: 1_700_000_000n,
        syncing: chain.syncingTo !== undefined,
        highestSeenHeight: chain.syncingTo ?? 1n,
        tipHash: b2.hash,
        genesisHash: GENESIS_HASH,
        snapshotHeight: 0n,
        snapshotHash: GENESIS_HASH,
        latestGuardianFinalized: undefined,
      };
    },
    async account(address, at) {
      return readAt(at, () => accounts.get(key(address)));
    },
    async splitRule(resourceId) {
      if (resourceId !== "rid1000001") return undefined;
      return {
        initiatorAddress: VALIDATOR,
        resourceId,
        splits: [{ address: ALICE, percentage: 30n }],
        endBlockHeight: 1004n,
      };
    },
    async transaction(hash) {
      for (const block of blocks.values()) {
        const tx = block.txs.find(
          (t) =>
            equalBytes(t.hash, hash) || (t.tx.type === TxType.SmartContract && equalBytes(t.ethTxHash, hash)),
        );
        if (tx !== undefined) return { block, tx };
      }
      return undefined;
    },
    async mempoolTxStatus(hash) {
      return mempool.get(key(hash));
    },
    async pendingTxHashes() {
      return [...mempool.entries()]
        .filter(([, s]) => s === "pending")
        .map(([h]) => Uint8Array.from(Buffer.from(h, "hex")));
    },
    async blockByHash(hash) {
      return blocks.get(key(hash));
    },
    async blocksAtHeight(height) {
      return atHeight(height);
    },
    async vcpAtHeight(height) {
      return fakeVcpAtHeight(height, atHeight);
    },
    async gcpAtHeight(height) {
      return fakeGcpAtHeight(height, atHeight);
    },
    async guardianInfo() {
      const blsPop = new Uint8Array(96).fill(0xab);
      return {
        address: VALIDATOR,
        blsPubkey: new Uint8Array(48).fill(0xcd),
        blsPop,
        signature: crypto.sign(blsPop, KEYS.validator),
      };
    },
    async code(address, at) {
      return readAt(at, () =>
        equalBytes(address, CONTRACT_ADDRESS) ? DEPLOY_CODE.subarray(4) : new Uint8Array(0),
      );
    },
    async storageAt(address, slot, at) {
      return readAt(at, () => storage.get(key(address) + key(slot)) ?? new Uint8Array(32));
    },
    async peers() {
      return ["16Uiu2HAmPeerA", "16Uiu2HAmPeerB"];
    },
    async peerUrls(skipEdgeNodes) {
      const urls = Array.from({ length: 300 }, (_, i) => `/ip4/10.0.${i >> 8}.${i & 255}/tcp/12000`);
      return skipEdgeNodes ? urls.slice(0, 3) : urls;
    },
    async broadcastTx(raw, mode) {
      const admitted = admit(raw);
      if (!admitted.ok) return err("REJECTED", admitted.message);
      return include(raw, admitted.tx, mode);
    },
    async broadcastEthTx(raw, mode) {
      const translated = translateEthTx(raw, crypto);
      if (!translated.ok) return translated;
      const thetaRaw = encodeTx(translated.value);
      const admitted = admit(thetaRaw);
      if (!admitted.ok) return err("REJECTED", admitted.message);
      const r = await include(thetaRaw, admitted.tx, mode);
      return r.ok ? ok({ ...r.value, ethHash: crypto.keccak256(raw) }) : r;
    },
    async callContract(tx) {
      if (tx.gasLimit === 0n)
        return err(
          "NOT_ENABLED",
          "Smart contract feature not enabled until block height 18446744073709551615.",
        );
      const isCreate = equalBytes(tx.to.address, ZERO_ADDRESS);
      return ok({
        vmReturn: isCreate ? tx.data.subarray(4) : new Uint8Array(32).fill(9),
        contractAddress: isCreate
          ? crypto.contractAddress(tx.from.address, tx.from.sequence - 1n)
          : tx.to.address,
        gasUsed: 21_000n + BigInt(tx.data.length) * 68n,
        vmError: tx.gasLimit < 21_000n ? "out of gas" : "",
      });
    },
    async backupSnapshot(request) {
      if (request.configDir === "") return err("BACKUP", "mkdir : no such file or directory");
      return ok({
        snapshotFile: `${request.configDir}/backup/snapshot/theta_snapshot-${request.height}-v${request.version}`,
      });
    },
  };
  return chain;
}

export type { Address, Hash };
export { EVM_CHAIN_ID, RECEIVER, ZERO_HASH };
