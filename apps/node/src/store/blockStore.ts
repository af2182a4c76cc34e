/**
 * The block store on the node's `KvStore`: extended blocks by hash, a height index, finalized
 * marks per height, and the root block the chain started from. Every change is one atomic batch,
 * so a crash leaves either the old or the new state and a restart resumes from disk. Changes read
 * the records they rewrite (a parent's children, ancestors' statuses), so they run one at a time:
 * two overlapping changes would otherwise each write back what they read and drop the other's.
 */
import type { ExecutorBlockStore } from "@theta/chain";
import {
  type BlockHeader,
  BlockStatus,
  bytesToHex,
  decodeExtendedBlock,
  decodeList,
  decodeUint,
  type ExtendedBlock,
  encodeExtendedBlock,
  encodeHeader,
  encodeUint,
  equalBytes,
  type Hash,
  type HeaderForkHeights,
  isFinalizedStatus,
  rlpDecode,
  rlpEncode,
  ThetaError,
} from "@theta/core-types";
import type { KvBatchOp, KvStore } from "@theta/trie-store";
import { readHeight, StoreKey, StoreKeyPrefix } from "./keys.ts";

/** Stable codes of block-store failures. */
export const BlockStoreErrorCode = {
  UnknownBlock: "STORE_UNKNOWN_BLOCK",
  Corrupt: "STORE_CORRUPT",
} as const;

/** A block hash with its height. */
export interface BlockPointer {
  readonly hash: Hash;
  readonly height: bigint;
}

/** Options of {@link ChainBlockStore.markFinalized}. */
export interface FinalizeOptions {
  /** Status of `hash` itself (default DirectlyFinalized). */
  readonly status?: BlockStatus;
  /** Written in the same batch. */
  readonly extraOps?: readonly KvBatchOp[];
  /** Further operations for each block this call finalizes (e.g. its tx index), same batch. */
  readonly opsFor?: (hash: Hash, block: ExtendedBlock) => readonly KvBatchOp[];
}

/** What the block store needs: the store, the header layout and keccak256. */
export interface BlockStoreDeps {
  readonly kv: KvStore;
  readonly forks: HeaderForkHeights;
  readonly keccak256: (data: Uint8Array) => Uint8Array;
}

/** Blocks by hash and height, finalized marks, the chain's root block (the executor's block-store port too). */
export interface ChainBlockStore extends ExecutorBlockStore {
  /** keccak256 of the header's RLP (the block hash). */
  hashOf(header: BlockHeader): Hash;
  /**
   * Stores `block` under its hash with its height index and adds it to its stored parent's
   * children, together with `extraOps`, in one batch. Storing a known block again only
   * updates its status. Returns the hash.
   */
  put(block: ExtendedBlock, extraOps?: readonly KvBatchOp[]): Promise<Hash>;
  get(hash: Hash): Promise<ExtendedBlock | undefined>;
  /** Hashes of every stored block at `height`, in key order. */
  hashesAtHeight(height: bigint): Promise<Hash[]>;
  setStatus(hash: Hash, status: BlockStatus): Promise<void>;
  /**
   * Marks `hash` directly finalized (or `status`) and every not yet finalized ancestor
   * indirectly finalized, with `extraOps`, in one batch.
   */
  markFinalized(hash: Hash, opts?: FinalizeOptions): Promise<void>;
  /** The finalized block at `height`, if any. */
  finalizedAt(height: bigint): Promise<Hash | undefined>;
  /** The highest finalized block. */
  lastFinalized(): Promise<BlockPointer | undefined>;
  /** Records the chain's root block (genesis or an imported snapshot's block). */
  rootOps(root: BlockPointer): KvBatchOp[];
  root(): Promise<BlockPointer | undefined>;
}

function pointerFromBytes(bytes: Uint8Array): BlockPointer {
  const [h, n] = decodeList(rlpDecode(bytes), "root", 2);
  if (!(h instanceof Uint8Array))
    throw new ThetaError(BlockStoreErrorCode.Corrupt, "root.hash: expected bytes");
  return { hash: h, height: decodeUint(n!, "root.height", 64) };
}

/** Creates the block store. */
export function createBlockStore(deps: BlockStoreDeps): ChainBlockStore {
  const { kv, forks } = deps;
  const encode = (b: ExtendedBlock) => encodeExtendedBlock(b, forks);
  const get = async (hash: Hash): Promise<ExtendedBlock | undefined> => {
    const v = await kv.get(StoreKey.block(hash));
    return v === undefined ? undefined : decodeExtendedBlock(v, forks);
  };
  const must = async (hash: Hash): Promise<ExtendedBlock> => {
    const b = await get(hash);
    if (b === undefined) {
      throw new ThetaError(BlockStoreErrorCode.UnknownBlock, `block 0x${bytesToHex(hash)}: not stored`);
    }
    return b;
  };
  const hashOf = (header: BlockHeader): Hash => deps.keccak256(encodeHeader(header, forks));
  // The read-modify-write changes, one at a time (a failed one does not stop the next).
  let tail: Promise<unknown> = Promise.resolve();
  const serial = <T>(change: () => Promise<T>): Promise<T> => {
    const run = tail.then(change);
    tail = run.catch(() => undefined);
    return run;
  };
  return {
    hashOf,
    get,
    put: (block, extraOps = []) =>
      serial(async () => {
        const hash = hashOf(block.block.header);
        const known = await get(hash);
        const ops: KvBatchOp[] = [];
        if (known !== undefined) {
          ops.push({
            type: "put",
            key: StoreKey.block(hash),
            value: encode({ ...known, status: block.status }),
          });
        } else {
          ops.push({ type: "put", key: StoreKey.block(hash), value: encode(block) });
          ops.push({
            type: "put",
            key: StoreKey.heightIndex(block.block.header.height, hash),
            value: new Uint8Array(0),
          });
          const parent = await get(block.block.header.parent);
          if (parent !== undefined && !parent.children.some((c) => equalBytes(c, hash))) {
            ops.push({
              type: "put",
              key: StoreKey.block(block.block.header.parent),
              value: encode({ ...parent, children: [...parent.children, hash] }),
            });
          }
        }
        await kv.batch([...ops, ...extraOps]);
        return hash;
      }),
    async hashesAtHeight(height) {
      const out: Hash[] = [];
      const prefix = StoreKey.heightPrefix(height);
      for await (const [k] of kv.iterate({ prefix })) out.push(k.slice(prefix.length));
      return out;
    },
    setStatus: (hash, status) =>
      serial(async () => {
        const b = await must(hash);
        await kv.put(StoreKey.block(hash), encode({ ...b, status }));
      }),
    markFinalized: (hash, opts = {}) =>
      serial(async () => {
        const ops: KvBatchOp[] = [];
        let current = await must(hash);
        let currentHash = hash;
        let status: BlockStatus = opts.status ?? BlockStatus.DirectlyFinalized;
        for (;;) {
          const height = current.block.header.height;
          ops.push({ type: "put", key: StoreKey.block(currentHash), value: encode({ ...current, status }) });
          ops.push({ type: "put", key: StoreKey.finalized(height), value: currentHash });
          if (opts.opsFor !== undefined) ops.push(...opts.opsFor(currentHash, current));
          const parentHash = current.block.header.parent;
          const parent = height === 0n ? undefined : await get(parentHash);
          if (parent === undefined || isFinalizedStatus(parent.status)) break;
          current = parent;
          currentHash = parentHash;
          status = BlockStatus.IndirectlyFinalized;
        }
        await kv.batch([...ops, ...(opts.extraOps ?? [])]);
      }),
    finalizedAt: (height) => kv.get(StoreKey.finalized(height)),
    async lastFinalized() {
      for await (const [k, v] of kv.iterate({ prefix: StoreKeyPrefix.finalized, reverse: true, limit: 1 })) {
        return { hash: v, height: readHeight(k, StoreKeyPrefix.finalized.length) };
      }
      return undefined;
    },
    rootOps: (root) => [
      { type: "put", key: StoreKeyPrefix.root, value: rlpEncode([root.hash, encodeUint(root.height)]) },
    ],
    async root() {
      const v = await kv.get(StoreKeyPrefix.root);
      return v === undefined ? undefined : pointerFromBytes(v);
    },
  };
}
