import { createMemoryKvStore } from "../src/index.ts";
import { runKvStoreCompliance } from "../src/testing/index.ts";

runKvStoreCompliance("memory", async () => createMemoryKvStore());
