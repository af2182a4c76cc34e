import { createReadStream, existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { bytesToHex, hexToBytes, privatenet } from "@theta/core-types";
import { defaultCrypto } from "@theta/crypto";
import { importSnapshot } from "@theta/ledger";
import { openLevelKvStore } from "@theta/platform-node/level";
import { createMemoryKvStore, createVersionedState } from "@theta/trie-store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mainDbDir } from "../../src/compose/chainFactory.ts";
import { createSnapshotBackup, snapshotFileName } from "../../src/compose/snapshotBackup.ts";
import { createStateDatabase } from "../../src/compose/stateDatabase.ts";
import { accountStorageRoots } from "../../src/compose/storageRoots.ts";
import { PRIVATENET_VALIDATOR } from "../../src/genesis/privatenet.ts";
import { createBlockStore } from "../../src/store/blockStore.ts";
import { FIXTURE_NODE } from "../cli/runTheta.ts";
import { copyNodeDir, startTestNode, type TestNode } from "./node.ts";
import { smartContractTx } from "./txs.ts";

const CHAIN = "privatenet";
const hex = (b: Uint8Array) => `0x${bytesToHex(b)}`;
// Init code: SSTORE(0, 0x2a), then return the 10-byte runtime that answers 42.
const RUNTIME = "602a60005260206000f3";
const STORING_INIT = hexToBytes(`602a600055600a6011600039600a6000f3${RUNTIME}`);

let dir: string;
let node: TestNode | undefined;
beforeAll(async () => {
  dir = await copyNodeDir(FIXTURE_NODE, "theta-backup-");
});
afterAll(async () => {
  if (node !== undefined && node.child.exitCode === null && node.child.signalCode === null) {
    node.child.kill("SIGKILL");
    await node.exited;
  }
  await rm(dirname(dir), { recursive: true, force: true });
});

describe("snapshot backups of a running chain (docs/interfaces.md §8)", () => {
  it("exports the state of a finalized block with contract storage; the file re-imports to that block's state root", async () => {
    node = await startTestNode(dir);
    const r = await node.call<{ hash: string; block: unknown }>("theta.BroadcastRawTransaction", {
      tx_bytes: hex(smartContractTx(CHAIN, PRIVATENET_VALIDATOR, undefined, STORING_INIT, 1n)),
    });
    const tx = await node.call<{ receipt: { ContractAddress: string; EvmErr: string } }>(
      "theta.GetTransaction",
      { hash: r.hash },
    );
    expect(tx.receipt.EvmErr).toBe("");
    const contract = tx.receipt.ContractAddress;
    const word = await node.call<{ value: string }>("theta.GetStorageAt", {
      address: contract,
      storage_positon: "0",
    });
    expect(BigInt(`0x${word.value || "0"}`)).toBe(42n);
    const status = await node.call<{ latest_finalized_block_height: string }>("theta.GetStatus");
    const height = BigInt(status.latest_finalized_block_height);
    const block = await node.call<{ hash: string; state_hash: string }>("theta.GetBlockByHeight", {
      height: height.toString(),
    });
    // Over JSON-RPC on the running node, as an operator would ask for it.
    const viaRpc = await node.call<{ snapshot_file: string }>("theta.BackupSnapshot", {
      config: dir,
      height: Number(height),
      version: 2,
    });
    expect(dirname(viaRpc.snapshot_file)).toBe(join(dir, "backup", "snapshot"));
    const fromRpc = await importSnapshot(
      {
        db: createStateDatabase(
          createVersionedState(createMemoryKvStore(), { storageRootsOf: accountStorageRoots }),
        ),
      },
      createReadStream(viaRpc.snapshot_file),
      { forks: privatenet.headerForks },
    );
    expect(hex(await fromRpc.state.root())).toBe(block.state_hash);
    expect(fromRpc.header.height).toBe(height);

    node.child.kill("SIGTERM");
    await node.exited;

    // The node's own stores, as theta.BackupSnapshot reads them.
    const kv = await openLevelKvStore(mainDbDir(dir));
    let file: string;
    try {
      const state = createVersionedState(kv, { storageRootsOf: accountStorageRoots });
      const backup = createSnapshotBackup({
        blocks: createBlockStore({ kv, forks: privatenet.headerForks, keccak256: defaultCrypto.keccak256 }),
        db: createStateDatabase(state),
        forks: privatenet.headerForks,
        checkpointInterval: privatenet.checkpointInterval,
        nowSeconds: () => 0n,
      });
      const refused = await backup({ configDir: dir, height, version: 4 });
      expect(refused.ok).toBe(false);
      const written = await backup({ configDir: dir, height, version: 2 });
      if (!written.ok) throw new Error(written.message);
      file = written.value.snapshotFile;
    } finally {
      await kv.close();
    }
    expect(dirname(file)).toBe(join(dir, "backup", "snapshot"));
    expect(basename(file)).toBe(snapshotFileName(height, hexToBytes(block.state_hash), 0n));
    expect(existsSync(file)).toBe(true);

    const fresh = createVersionedState(createMemoryKvStore(), { storageRootsOf: accountStorageRoots });
    const imported = await importSnapshot({ db: createStateDatabase(fresh) }, createReadStream(file), {
      forks: privatenet.headerForks,
    });
    expect(hex(await imported.state.root())).toBe(block.state_hash);
    expect(hex(imported.header.stateHash)).toBe(block.state_hash);
    expect(imported.header.height).toBe(height);
    expect(imported.storageRecords).toBeGreaterThanOrEqual(1);
    const slot = await imported.state.getStorage(hexToBytes(contract), new Uint8Array(32));
    expect(BigInt(`0x${bytesToHex(slot)}`)).toBe(42n);
  }, 120_000);
});
