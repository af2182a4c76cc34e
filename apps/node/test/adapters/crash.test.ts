import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  bytesToHex,
  decodeAccount,
  decodeTx,
  equalBytes,
  type Hash,
  isFinalizedStatus,
  privatenet,
  StateKey,
} from "@theta/core-types";
import { defaultCrypto } from "@theta/crypto";
import { openLevelKvStore } from "@theta/platform-node/level";
import { createVersionedState } from "@theta/trie-store";
import { afterAll, expect, it } from "vitest";
import { mainDbDir } from "../../src/compose/chainFactory.ts";
import { hasStateRoot } from "../../src/compose/stateDatabase.ts";
import { accountStorageRoots } from "../../src/compose/storageRoots.ts";
import {
  PRIVATENET_SECOND,
  PRIVATENET_TEST_KEYS,
  PRIVATENET_VALIDATOR,
} from "../../src/genesis/privatenet.ts";
import { createBlockStore } from "../../src/store/blockStore.ts";
import { StoreKeyPrefix } from "../../src/store/keys.ts";
import { createTxIndex } from "../../src/store/txIndex.ts";
import { FIXTURE_NODE } from "../cli/runTheta.ts";
import { copyNodeDir, startTestNode, type TestNode, until } from "../e2e/node.ts";
import { sendTx } from "../e2e/txs.ts";
import { checkFinalizedChain } from "./crashChainCheck.ts";

const here = dirname(fileURLToPath(import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "theta-crash-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const storageRootsOf = (v: Uint8Array) => {
  try {
    return [decodeAccount(v).root];
  } catch {
    return [];
  }
};

/**
 * Starts the child in `mode` on `db`, lets it run for `aliveMs` after its first progress line
 * (`word <n>`), then SIGKILLs it mid-loop; returns the numbers of the progress lines it printed.
 */
function runAndKill(
  db: string,
  seed: number,
  aliveMs: number,
  mode: string,
  word: string,
): Promise<bigint[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--conditions=@theta/source", "--import", "tsx", join(here, "crashChild.ts"), db, String(seed), mode],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    const progress: bigint[] = [];
    const pattern = new RegExp(`${word} (\\d+)`, "g");
    let timer: NodeJS.Timeout | undefined;
    let buffered = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (d: string) => {
      buffered += d;
      const lines = buffered.split("\n");
      buffered = lines.pop()!;
      for (const line of lines) for (const m of line.matchAll(pattern)) progress.push(BigInt(m[1]!));
      // The kill lands a while after the first progress line of this run (however slow the
      // machine is), so every run has progress to read back and the kill hits the loop mid-way.
      if (progress.length > 0 && !timer) timer = setTimeout(() => child.kill("SIGKILL"), aliveMs);
    });
    child.on("error", reject);
    child.on("exit", (_code, signal) =>
      signal === "SIGKILL" ? resolve(progress) : reject(new Error(`child exited early (${signal})`)),
    );
  });
}

it("SIGKILL at random points of the commit/prune loop leaves every kept version readable and every count right", async () => {
  let total = 0;
  for (let round = 0; round < 5; round++) {
    // Rounds alternate the trie engines over the same database: both write the same nodes.
    const engine = round % 2 === 0 ? "fast" : "mpt";
    total += (
      await runAndKill(join(dir, "db"), 1000 + round, 100 + ((round * 737) % 900), engine, "committed")
    ).length;
    const kv = await openLevelKvStore(join(dir, "db"));
    const vs = createVersionedState(kv, { keepVersions: 5, storageRootsOf });
    const versions = await vs.versions();
    expect(versions.length).toBeGreaterThan(0);
    expect(versions.length).toBeLessThanOrEqual(6); // a kill between a commit and its prune leaves one extra
    for (const h of versions) {
      const trie = await vs.open((await vs.rootAt(h))!);
      let found = 0;
      for (let i = 0; i < 500; i++) {
        const a = new Uint8Array(20);
        new DataView(a.buffer).setUint32(16, i);
        const raw = await trie.get(StateKey.account(a)); // a missing node would throw here
        if (raw) {
          expect(decodeAccount(raw).sequence).toBeLessThanOrEqual(h);
          found++;
        }
      }
      expect(found).toBeGreaterThan(0);
    }
    const fsck = await vs.verify();
    expect(fsck.problems).toEqual([]);
    expect(fsck.nodes).toBeGreaterThan(0);
    await kv.close();
  }
  console.log(
    `crash test: ${total} commits across 5 SIGKILLed runs, all kept versions read back, counts verified`,
  );
  expect(total).toBeGreaterThan(0);
}, 120_000);

it("SIGKILL at random moments while blocks finalize, 8 times: every height up to the finalized one and every tx in it reads back with all its records, nothing else is indexed, and each finalization the child reported survived", async () => {
  const db = join(dir, "chain");
  let finalized = -1n;
  let finalizations = 0;
  let txs = 0;
  for (let round = 0; round < 8; round++) {
    const reported = await runAndKill(db, 2000 + round, 20 + ((round * 389) % 600), "chain", "finalized");
    finalizations += reported.length;
    const kv = await openLevelKvStore(db);
    const check = await checkFinalizedChain(kv);
    await kv.close();
    expect(check.problems).toEqual([]);
    // A finalization the child reported was written before it said so: it survived the kill.
    const acknowledged = reported.at(-1) ?? -1n; // printed in ascending order
    expect(check.finalized).toBeGreaterThanOrEqual(acknowledged);
    expect(check.finalized).toBeGreaterThan(finalized);
    finalized = check.finalized;
    txs = check.txs;
  }
  console.log(
    `crash test: ${finalizations} finalizations across 8 SIGKILLed runs; heights 0-${finalized} and their ${txs} txs read back with every record`,
  );
}, 180_000);

/** What a killed node left on disk: its finalized chain read back through its stores, every tx of it located. */
async function readNodeDb(nodeDir: string): Promise<{ finalized: bigint; hashes: string[]; txs: string[] }> {
  const kv = await openLevelKvStore(mainDbDir(nodeDir));
  try {
    const blocks = createBlockStore({
      kv,
      forks: privatenet.headerForks,
      keccak256: defaultCrypto.keccak256,
    });
    const index = createTxIndex(kv);
    const last = (await blocks.lastFinalized())!;
    const hashes: string[] = [];
    const txs: string[] = [];
    let prev: Hash | undefined;
    for (let h = 0n; h <= last.height; h++) {
      const hash = await blocks.finalizedAt(h);
      expect(hash, `finalized mark at ${h}`).toBeDefined();
      const b = (await blocks.get(hash!))!;
      expect(isFinalizedStatus(b.status), `status at ${h}`).toBe(true);
      expect(b.block.header.height).toBe(h);
      if (prev !== undefined) expect(equalBytes(b.block.header.parent, prev)).toBe(true);
      prev = hash;
      hashes.push(`0x${bytesToHex(hash!)}`);
      for (const [i, raw] of b.block.txs.entries()) {
        decodeTx(raw);
        const txHash = defaultCrypto.keccak256(raw);
        const at = await index.locate(txHash);
        expect(at && [bytesToHex(at.blockHash), at.index], `tx ${i} of height ${h}`).toEqual([
          bytesToHex(hash!),
          i,
        ]);
        txs.push(`0x${bytesToHex(txHash)}`);
      }
    }
    // No tx is indexed but those of finalized blocks.
    let located = 0;
    for await (const _ of kv.iterate({ prefix: StoreKeyPrefix.tx })) located++;
    expect(located).toBe(txs.length);
    expect(await hasStateRoot(kv, (await blocks.get(last.hash))!.block.header.stateHash)).toBe(true);
    const fsck = await createVersionedState(kv, { storageRootsOf: accountStorageRoots }).verify();
    expect(fsck.problems).toEqual([]);
    return { finalized: last.height, hashes, txs };
  } finally {
    await kv.close();
  }
}

it("a running validator SIGKILLed at random moments while it finalizes blocks under tx load, 4 times: after each restart every height up to the finalized one and every tx in them read back (stores and RPC)", async () => {
  const nodeDir = await copyNodeDir(FIXTURE_NODE, "theta-crash-node-");
  const sender = PRIVATENET_TEST_KEYS.find((k) => k.address !== PRIVATENET_VALIDATOR)!.address;
  const env = { THETA_CONSENSUS_BLOCKINTERVALMS: "150", THETA_STORAGE_STATEPRUNINGRETAINEDBLOCKS: "6" };
  let node: TestNode | undefined;
  let before: { finalized: bigint; hashes: string[]; txs: string[] } = { finalized: 0n, hashes: [], txs: [] };
  try {
    for (let round = 0; round < 4; round++) {
      node = await startTestNode(nodeDir, env);
      const n = node;
      type Status = { latest_finalized_block_height: string };
      const height = async () =>
        BigInt((await n.call<Status>("theta.GetStatus")).latest_finalized_block_height);
      // The restarted node serves everything the killed one had finalized, from height 0.
      expect(await height()).toBeGreaterThanOrEqual(before.finalized);
      for (const [h, hash] of before.hashes.entries())
        expect((await n.call<{ hash: string }>("theta.GetBlockByHeight", { height: String(h) })).hash).toBe(
          hash,
        );
      for (const hash of before.txs)
        expect((await n.call<{ status: string }>("theta.GetTransaction", { hash })).status).toBe("finalized");
      // Load: send txs back to back while blocks finalize; the kill lands a varying while after
      // finalization got going in this run.
      const acc = await n.call<{ sequence: string }>("theta.GetAccount", { address: `0x${sender}` });
      let seq = BigInt(acc.sequence) + 1n;
      let pumping = true;
      const pump = (async () => {
        while (pumping) {
          const raw = sendTx("privatenet", sender, PRIVATENET_SECOND, 1n, 0n, seq);
          const r = await n
            .raw("theta.BroadcastRawTransactionAsync", { tx_bytes: `0x${Buffer.from(raw).toString("hex")}` })
            .catch(() => undefined);
          if (r?.result !== undefined) seq++;
        }
      })();
      const start = await height();
      await until(async () => ((await height()) >= start + 2n ? true : undefined), 50);
      await new Promise((r) => setTimeout(r, (round * 331) % 700));
      n.child.kill("SIGKILL");
      await n.exited;
      pumping = false;
      await pump;
      const after = await readNodeDb(nodeDir);
      expect(after.finalized).toBeGreaterThan(before.finalized);
      expect(after.hashes.slice(0, before.hashes.length)).toEqual(before.hashes);
      before = after;
    }
    expect(before.txs.length).toBeGreaterThan(0);
    console.log(
      `crash test: a validator SIGKILLed 4 times under load; heights 0-${before.finalized} and ${before.txs.length} txs read back`,
    );
  } finally {
    if (node !== undefined && node.child.exitCode === null && node.child.signalCode === null) {
      node.child.kill("SIGKILL");
      await node.exited;
    }
    rmSync(dirname(nodeDir), { recursive: true, force: true });
  }
}, 240_000);
