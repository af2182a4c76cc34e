import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runKvStoreCompliance } from "@theta/trie-store/testing";
import { afterAll } from "vitest";
import { openLevelKvStore } from "../../src/adapters/levelKvStore.ts";

const root = mkdtempSync(join(tmpdir(), "theta-level-"));
let n = 0;
afterAll(() => rmSync(root, { recursive: true, force: true }));

runKvStoreCompliance("leveldb (classic-level)", () => openLevelKvStore(join(root, `db${n++}`)));
