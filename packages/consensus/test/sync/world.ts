/**
 * A small deterministic world for the syncer's tests: a chain of fake blocks (real encodings and hashes),
 * serving peers on the simulated network (honest or misbehaving), and a follower whose "engine" applies a
 * block when its parent is its tip and parks it otherwise, the way the validator engine does, with the
 * real syncer on top. Everything runs on the virtual clock.
 */
import {
  ALL_FORKS_AT_GENESIS,
  type Block,
  bytesToHex,
  ChannelId,
  decodeSyncMessage,
  encodeBlock,
  encodeHeader,
  encodeSyncMessage,
  hexToFixedBytes,
} from "@theta/core-types";
import { defaultCrypto } from "@theta/crypto";
import {
  blockMessage,
  createHeaderSync,
  decodeSyncInbound,
  type EngineBlockState,
  type HeaderSync,
  type HeaderSyncOptions,
  headersMessage,
  inventoryFor,
  type Network,
} from "../../src/index.ts";
import { createSeededRandom } from "../../src/random.ts";
import {
  createMemoryBlockStore,
  createSimNetwork,
  createVirtualClock,
  fakeGenesis,
} from "../../src/testing/index.ts";

export const CHAIN = "synctest";
export const forks = ALL_FORKS_AT_GENESIS;
const hashes = new WeakMap<object, Uint8Array>();
/** A block's hash (cached per header object: the machine running the tests may be slow). */
export const hashOf = (b: Block): Uint8Array => {
  let h = hashes.get(b.header);
  if (h === undefined) {
    h = defaultCrypto.keccak256(encodeHeader(b.header, forks));
    hashes.set(b.header, h);
  }
  return h;
};

/** `n` blocks on top of `genesis`; `mark` tags the proposer so two chains differ. */
export function buildChain(
  genesis: Block,
  n: number,
  opts: { chainId?: string; mark?: number } = {},
): Block[] {
  const out: Block[] = [genesis];
  for (let i = 1; i <= n; i++) {
    const parent = out[i - 1] as Block;
    const proposer = new Uint8Array(20).fill(opts.mark ?? 1);
    out.push({
      header: {
        ...parent.header,
        chainId: opts.chainId ?? parent.header.chainId,
        height: BigInt(i),
        epoch: BigInt(i),
        parent: hashOf(parent),
        timestamp: BigInt(i),
        proposer,
      },
      txs: [],
    });
  }
  return out;
}

/** How a serving peer behaves. */
export type Behaviour =
  | "honest"
  | "silentData" // answers inventory, never sends blocks
  | "malformedHeaders" // answers inventory with garbage on the Header channel
  | "oversizedInventory" // answers inventory with too many entries
  | "wrongChain" // serves a chain of another chain id
  | "overclaim"; // answers honestly but ends every header answer with a made-up header far ahead

/** Starts a serving peer `id` with `chain` (all of it finalized). Returns the DataRequest sizes it got. */
export function serve(
  net: Network,
  chain: readonly Block[],
  behaviour: Behaviour,
  syncOpts: HeaderSyncOptions,
  clock: ReturnType<typeof createVirtualClock>,
) {
  const store = createMemoryBlockStore();
  const byHash = new Map<string, Block>();
  for (const b of chain) {
    const h = hashOf(b);
    byHash.set(bytesToHex(h), b);
    void store.put(h, blockMessageBody(b));
  }
  const top = chain[chain.length - 1] as Block;
  void store.markFinalized(hashOf(top));
  const requests: number[] = [];
  const index = {
    hashAtHeight: async (h: bigint) => (h < chain.length ? hashOf(chain[Number(h)] as Block) : undefined),
  };
  const sync = createHeaderSync(
    {
      clock,
      network: net,
      store,
      index,
      engine: { syncView: () => staticView(chain) },
      chainId: top.header.chainId,
      forks,
      keccak256: defaultCrypto.keccak256,
    },
    syncOpts,
  );
  if (behaviour === "honest" || behaviour === "silentData" || behaviour === "wrongChain") sync.start();
  net.subscribe((m) => {
    if (m.channel !== ChannelId.Block) return;
    const msg = decodeSyncMessage(m.payload);
    if (msg.type === "inventoryRequest" && behaviour === "malformedHeaders") {
      net.send(m.from, ChannelId.Header, new Uint8Array([0xc3, 0x01, 0xff, 0x00]));
    }
    if (msg.type === "inventoryRequest" && behaviour === "oversizedInventory") {
      const entries = Array.from({ length: 200 }, (_, i) => `0x${i.toString(16).padStart(64, "0")}`);
      net.send(m.from, ChannelId.Block, encodeInv(entries));
    }
    if (msg.type === "inventoryRequest" && behaviour === "overclaim") {
      const starts = msg.starts.map((e) => hexToFixedBytes(e, 32, "start"));
      void inventoryFor({ store, index, forks }, starts).then((inv) => {
        if (inv === undefined) return;
        const fake = {
          ...top.header,
          height: top.header.height + 1000n,
          parent: new Uint8Array(32).fill(0xee),
        };
        net.send(m.from, ChannelId.Header, headersMessage([...inv.headers.slice(0, 3), fake], forks));
      });
    }
    if (msg.type !== "dataRequest" || behaviour === "silentData") return;
    requests.push(msg.entries.length);
    for (const e of msg.entries.slice(0, 16)) {
      const b = byHash.get(bytesToHex(hexToFixedBytes(e, 32, "entry")));
      if (b !== undefined) net.send(m.from, ChannelId.Block, blockMessage(b, forks));
    }
  });
  return { requests };
}

const blockMessageBody = (b: Block): Uint8Array => encodeBlock(b, forks);
const encodeInv = (entries: string[]): Uint8Array =>
  encodeSyncMessage({ type: "inventoryResponse", channelId: ChannelId.Block, entries });

function staticView(chain: readonly Block[]) {
  const top = chain[chain.length - 1] as Block;
  return {
    tipHeight: top.header.height,
    tipHash: hashOf(top),
    finalizedHeight: top.header.height,
    finalizedHash: hashOf(top),
    highestSeenHeight: top.header.height,
    parentOf: () => undefined,
    blockState: (): EngineBlockState => undefined,
  };
}

/** The follower: a mini engine (apply on a valid parent, park otherwise) and the real syncer. */
export function follower(
  net: Network,
  genesis: Block,
  clock: ReturnType<typeof createVirtualClock>,
  opts: HeaderSyncOptions & { invalid?: (b: Block) => boolean; seen?: bigint },
) {
  const valid = new Map<string, Block>([[bytesToHex(hashOf(genesis)), genesis]]);
  const invalid = new Set<string>();
  const parked = new Map<string, Block>();
  /** Parked blocks by their parent's hash. */
  const parkedByParent = new Map<string, Block>();
  let tip = genesis;
  let maxHeld = 0;
  let maxParked = 0;
  const applyFrom = (b: Block): void => {
    for (let next: Block | undefined = b; next !== undefined; ) {
      const key = bytesToHex(hashOf(next));
      parked.delete(key);
      parkedByParent.delete(bytesToHex(next.header.parent));
      if (opts.invalid?.(next)) {
        invalid.add(key);
        return;
      }
      valid.set(key, next);
      tip = next;
      next = parkedByParent.get(key);
    }
  };
  net.subscribe((m) => {
    let msg: ReturnType<typeof decodeSyncInbound>;
    try {
      msg = decodeSyncInbound(m.channel, m.payload, forks);
    } catch {
      return;
    }
    if (msg.kind !== "block") return;
    const key = bytesToHex(hashOf(msg.block));
    if (valid.has(key) || invalid.has(key) || msg.block.header.height <= tip.header.height) return;
    if (bytesToHex(msg.block.header.parent) === bytesToHex(hashOf(tip))) {
      applyFrom(msg.block);
      sync.poke(); // as the node does on every finalized block
    } else {
      parked.set(key, msg.block);
      parkedByParent.set(bytesToHex(msg.block.header.parent), msg.block);
    }
  });
  const sync: HeaderSync = createHeaderSync(
    {
      clock,
      network: net,
      store: createMemoryBlockStore(),
      engine: {
        syncView: () => ({
          tipHeight: tip.header.height,
          tipHash: hashOf(tip),
          finalizedHeight: 0n,
          finalizedHash: hashOf(genesis),
          highestSeenHeight: opts.seen ?? 0n,
          parentOf: (h) => valid.get(bytesToHex(h))?.header.parent,
          blockState: (h): EngineBlockState => {
            const k = bytesToHex(h);
            return valid.has(k)
              ? "valid"
              : invalid.has(k)
                ? "invalid"
                : parked.has(k)
                  ? "pending"
                  : undefined;
          },
        }),
      },
      chainId: genesis.header.chainId,
      forks,
      keccak256: defaultCrypto.keccak256,
    },
    opts,
  );
  sync.start();
  /** Steps the clock until the tip reaches `height` or `maxMs` of virtual time pass; tracks the peaks. */
  const runUntil = async (height: bigint, maxMs: number): Promise<void> => {
    const end = clock.now() + maxMs;
    for (let i = 0; tip.header.height < height && clock.now() < end; i++) {
      if (i % 16 === 0) await settle(); // the responders read their stores asynchronously
      if (!clock.step()) break;
      maxHeld = Math.max(maxHeld, sync.held());
      maxParked = Math.max(maxParked, parked.size);
    }
  };
  return {
    sync,
    runUntil,
    tip: () => tip.header.height,
    peaks: () => ({ held: maxHeld, parked: maxParked }),
  };
}

/** Lets pending promise callbacks run. */
export const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A virtual clock and a simulated network with small seeded delays. */
export function world(seed = 1) {
  const clock = createVirtualClock(0);
  const net = createSimNetwork(clock, createSeededRandom(seed), {
    minDelayMs: 1,
    maxDelayMs: 5,
    lossRate: 0,
  });
  return { clock, net, genesis: fakeGenesis(CHAIN) };
}
