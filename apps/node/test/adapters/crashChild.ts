/**
 * Child process of the crash test, run until it is killed. Mode `fast` or `mpt`: commits blocks of
 * random account updates to a LevelDB-backed versioned state with pruning on (that trie engine).
 * Mode `chain`: the node's block loop (crashChain.ts): state commit, block, vote and finalization
 * with the tx index, printing `finalized <height>` once each finalization is written.
 */
import { decodeAccount, encodeAccount, newAccount, StateKey } from "@theta/core-types";
import { openLevelKvStore } from "@theta/platform-node/level";
import { createVersionedState, TrieEngine } from "@theta/trie-store";
import { runFinalizationLoop } from "./crashChain.ts";

const [dir, seedText, mode] = process.argv.slice(2);
const kv = await openLevelKvStore(dir!);
if (mode === "chain") {
  process.stdout.write("ready\n");
  await runFinalizationLoop(kv, Number(seedText) || 1, (h) => process.stdout.write(`finalized ${h}\n`));
}
const storageRootsOf = (v: Uint8Array) => {
  try {
    return [decodeAccount(v).root];
  } catch {
    return [];
  }
};
const vs = createVersionedState(kv, {
  keepVersions: 5,
  storageRootsOf,
  engine: mode === "fast" ? TrieEngine.Fast : TrieEngine.Mpt,
});
let seed = Number(seedText) || 1;
const rnd = () => {
  seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff; // exact: a plain product loses its low bits
  return seed;
};
let height = ((await vs.latest())?.height ?? 0n) + 1n;
process.stdout.write("ready\n");
for (;;) {
  const trie = await vs.open();
  for (let u = 0; u < 50; u++) {
    const a = new Uint8Array(20);
    new DataView(a.buffer).setUint32(16, rnd() % 500);
    await trie.put(
      StateKey.account(a),
      encodeAccount({
        ...newAccount(a),
        sequence: height,
        balance: { thetaWei: BigInt(rnd()), tfuelWei: 1n },
      }),
    );
  }
  await vs.commit(height, trie.root());
  process.stdout.write(`committed ${height}\n`);
  height++;
}
