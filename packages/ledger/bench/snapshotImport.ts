/**
 * One snapshot import in its own process (so that peak RSS is this import's alone); prints a JSON
 * line { engine, ms, peakMb, root }. Engines: `helper` (the test's @ethereumjs/mpt MapDB trie),
 * `mpt` and `fast` (trie-store's createTrieDatabase over an in-memory VersionedState, including
 * the versioned commit), `fast-level` (the same on LevelDB in a temp dir).
 *   node --import tsx bench/snapshotImport.ts <engine>
 */
import { createReadStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { bytesToHex, decodeAccount, type Hash, MAINNET_HEADER_FORKS } from "@theta/core-types";
import { createCrypto } from "@theta/crypto";
import { nativeBackend } from "@theta/crypto-native";
import { importSnapshot, type TrieDatabase } from "@theta/ledger";
import { openLevelKvStore } from "@theta/platform-node/level";
import {
  createMemoryKvStore,
  createTrieDatabase,
  createVersionedState,
  type KvStore,
  TrieEngine,
} from "@theta/trie-store";
import { createMemoryTrieDatabase } from "../test/helpers/memoryTrie.ts";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const SNAPSHOT = resolve(REPO, "../shared/conformance/theta-privatenet/node/snapshot");
const engine = process.argv[2] ?? "fast";
const storageRootsOf = (v: Uint8Array): Hash[] => {
  try {
    return [decodeAccount(v).root];
  } catch {
    return [];
  }
};

let peak = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 10);

const dir = engine === "fast-level" ? await mkdtemp(join(tmpdir(), "theta-import-")) : undefined;
const t0 = performance.now();
let db: TrieDatabase;
let commit: (root: Hash) => Promise<void> = async () => {};
let kv: KvStore | undefined;
if (engine === "helper") {
  db = await createMemoryTrieDatabase();
} else {
  kv = dir === undefined ? createMemoryKvStore() : await openLevelKvStore(dir);
  const vs = createVersionedState(kv, {
    engine: engine === "mpt" ? TrieEngine.Mpt : TrieEngine.Fast,
    storageRootsOf,
    keccak256: createCrypto(nativeBackend).keccak256,
  });
  db = createTrieDatabase({ state: vs });
  commit = (root) => vs.commit(0n, root);
}
const { state, records } = await importSnapshot({ db }, createReadStream(SNAPSHOT), {
  forks: MAINNET_HEADER_FORKS,
});
const tImported = performance.now();
const root = await state.root();
await commit(root);
const ms = performance.now() - t0;
const commitMs = performance.now() - tImported;
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);
await kv?.close();
if (dir !== undefined) await rm(dir, { recursive: true, force: true });
console.log(
  JSON.stringify({ engine, records, ms, commitMs, peakMb: peak / 2 ** 20, root: bytesToHex(root) }),
);
