/**
 * An in-memory ChainQuery over {@link chainData}: three stored blocks (genesis, a finalized
 * block with a SendTx and a contract deployment, a committed block with a ReserveFundTx), a
 * mempool, and a broadcast that checks decoding, chain id signature and sequence the way the
 * real chain's mempool does, answering with the reference's texts.
 */
import {
  type Account,
  type Address,
  bytesToHex,
  decodeTx,
  encodeTx,
  equalBytes,
  err,
  ethSigningPreimage,
  type Hash,
  isThetaError,
  ok,
  SignBytesWrapper,
  type SmartContractTx,
  type Tx,
  TxType,
  ZERO_ADDRESS,
  ZERO_HASH,
} from "@theta/core-types";
import { verifyTxSignature } from "@theta/crypto";
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
  deployTx,
  GENESIS_HASH,
  GENESIS_HEADER,
  genesisAccounts,
  KEYS,
  RECEIVER,
  reserveFundTx,
  sendTx,
  storedBlock,
  VALIDATOR,
} from "./chainData.ts";
import { createFakeExtras, type FakeExtras } from "./fakeExtras.ts";

const key = (b: Uint8Array): string => bytesToHex(b);
/** privatenet's EVM chain id (6 + 360). */
export const EVM_CHAIN_ID = 366n;

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
  const genesisStored: StoredBlock = {
    hash: GENESIS_HASH,
    block: {
      block: { header: GENESIS_HEADER, txs: [] },
      children: [],
      status: BlockStatus.Trusted,
      hasValidatorUpdate: false,
    },
    txs: [],
  };
  const send = blockTx(sendTx(1n));
  const deploy = blockTx(deployTx(2n), {
    logs: [
      {
        address: CONTRACT_ADDRESS,
        topics: [crypto.keccak256(DEPLOY_CODE)],
        data: DEPLOY_CODE.subarray(0, 8),
      },
    ],
    evmReturn: DEPLOY_CODE.subarray(4),
    contractAddress: CONTRACT_ADDRESS,
    gasUsed: 123_456n,
    evmError: "",
  });
  const b1Draft = storedBlock(
    { height: 1n, epoch: 1n, parent: GENESIS_HASH, timestamp: 1549056900n },
    [send, deploy],
    BlockStatus.DirectlyFinalized,
  );
  const reserve = blockTx(reserveFundTx(3n));
  const b2 = storedBlock(
    { height: 2n, epoch: 2n, parent: b1Draft.hash, timestamp: 1549056902n },
    [reserve],
    BlockStatus.Committed,
  );
  const b1: StoredBlock = { ...b1Draft, block: { ...b1Draft.block, children: [b2.hash] } };
  const genesis: StoredBlock = { ...genesisStored, block: { ...genesisStored.block, children: [b1.hash] } };

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

  function admit(raw: Uint8Array): { ok: true; tx: Tx } | { ok: false; message: string } {
    let tx: Tx;
    try {
      tx = decodeTx(raw);
    } catch (e) {
      if (isThetaError(e)) return { ok: false, message: `Error decoding tx: ${e.message}` };
      throw e;
    }
    if (mempool.has(key(crypto.txHash(raw)))) return { ok: false, message: "Transaction already seen" };
    if (tx.type === TxType.SmartContract) return admitEth(tx);
    if (tx.type !== TxType.Send) return { ok: false, message: "tx type not supported yet" };
    const input = tx.inputs[0]!;
    const account = accounts.get(key(input.address));
    if (account === undefined)
      return {
        ok: false,
        message: `Account with address ${crypto.toChecksumAddress(input.address)} is not found`,
      };
    const signer = verifyTxSignature(crypto, CHAIN_ID, tx, input.signature, input.address, [
      SignBytesWrapper.V1,
      SignBytesWrapper.V2,
    ]);
    if (signer === undefined) return { ok: false, message: `ValidateInputAdvanced: Invalid signature` };
    if (input.sequence !== account.sequence + 1n) {
      return {
        ok: false,
        message: `ValidateInputAdvanced: Got ${input.sequence}, expected ${account.sequence + 1n}. (acc.seq=${account.sequence})`,
      };
    }
    accounts.set(key(input.address), { ...account, sequence: input.sequence });
    return { ok: true, tx };
  }

  /** An ETH-signed contract tx: the signature must recover the sender under the chain's EVM id. */
  function admitEth(tx: SmartContractTx): { ok: true; tx: Tx } | { ok: false; message: string } {
    const signer = crypto.recoverEthAddress(
      crypto.keccak256(ethSigningPreimage(tx, EVM_CHAIN_ID)),
      tx.from.signature,
    );
    if (signer === undefined || !equalBytes(signer, tx.from.address)) {
      return { ok: false, message: "ValidateInputAdvanced: Invalid signature" };
    }
    return { ok: true, tx };
  }

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
    },
    async gcpAtHeight(height) {
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
export { RECEIVER, ZERO_HASH };
